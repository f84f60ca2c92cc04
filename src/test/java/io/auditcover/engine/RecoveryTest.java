package io.auditcover.engine;

import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.claims.Claim;
import io.auditcover.claims.ClaimRecovery;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.LossEvidence;
import io.auditcover.ledger.Account;
import io.auditcover.ledger.Transfer;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.pool.Position;
import io.auditcover.reason.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recoveries of funds after a payout (RecordRecovery): Euler Finance, 13 March 2023, lost about $197M to a donation and
 * liquidation flaw; insurers paid claims on it, and by 4 April the attacker had returned the funds. Here the pool pays, the
 * funds come back, the pool's capital is restored through the ledger; holders get their deductible back first where their
 * terms say so; bad input changes nothing.
 */
class RecoveryTest {
    static final String EULER = "euler-2023-03-13";
    /** The funds' return, as the operator records it. */
    static final String EVIDENCE = "Euler Finance: all recoverable funds returned, 4 April 2023, https://www.euler.finance/blog ; tx 0x"
            + "e".repeat(64);

    private static LossEvidence lost(long whole) {
        return new LossEvidence(Money.whole(USDC, whole), Money.zero(USDC), 149, 153);
    }

    private static Money capital(Business book) {
        return book.state.pools().get("alpha").capital();
    }

    private static Command.RecordRecovery recovery(Business book, String incidentId, Money amount) {
        return new Command.RecordRecovery(book.id(), incidentId, amount, EVIDENCE);
    }

    /** An indemnity book with {@code terms}, the Euler incident confirmed after bob and cleo bought cover. */
    private static Business euler(ClaimTerms terms) {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, terms));
        return book;
    }

    @Test
    void euler_2023_the_pool_pays_then_the_funds_come_back_and_its_capital_and_the_underwriters_shares_are_restored() {
        var book = euler(ClaimTerms.indemnity(Money.zero(USDC)));
        long bob = book.buy("bob", 100_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident(EULER, Cause.LOGIC_ERROR, book.now.minusSeconds(60)));
        var filed = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bob, EULER, Money.whole(USDC, 45_000), lost(45_000)));
        Money before = capital(book);
        String ada = Position.key("alpha", "ada");

        book.settle(EULER);
        assertThat(capital(book)).as("the pool paid the claim").isEqualTo(before.minus(Money.whole(USDC, 45_000)));
        assertThat(book.no(recovery(book, EULER, Money.whole(USDC, 45_001))).code()).isEqualTo(Reason.RECOVERY_EXCEEDS_PAID);

        var recorded = (Event.RecoveryRecorded) book.ok(recovery(book, EULER, Money.whole(USDC, 45_000)));

        assertThat(recorded.recovery().pools()).singleElement().satisfies(part -> {
            assertThat(part.poolId()).isEqualTo("alpha");
            assertThat(part.amount()).isEqualTo(Money.whole(USDC, 45_000));
        });
        assertThat(capital(book)).as("the capital is what it was before the payout").isEqualTo(before);
        var pool = book.state.pools().get("alpha");
        assertThat(pool.valueOf(book.state.positions().get(ada).shares())).as("ada bore the loss and holds every share: made whole")
                .isEqualTo(before);
        Transfer last = book.state.ledger().transfers().getLast();
        assertThat(last.debit()).isEqualTo(Account.external(USDC));
        assertThat(last.credit()).isEqualTo(Account.poolCapital("alpha", USDC));
        assertThat(last.memo()).isEqualTo("recovery 1 for incident " + EULER);
        assertThat(book.state.ledger().violations()).isEmpty();
        Claim claim = book.state.claim(filed.claimId()).orElseThrow();
        assertThat(claim.paid()).isEqualTo(Money.whole(USDC, 45_000));
        assertThat(claim.recoveries()).containsExactly(new ClaimRecovery(1, filed.claimId(), Money.whole(USDC, 45_000), Money.zero(USDC)));
        assertThat(book.state.claimBook().recoveriesOn(EULER)).singleElement().satisfies(r -> assertThat(r.evidence()).isEqualTo(EVIDENCE));

        var refused = book.no(recovery(book, EULER, Money.ofUnits(USDC, 1)));
        assertThat(refused.code()).as("nothing is left to recover").isEqualTo(Reason.RECOVERY_EXCEEDS_PAID);
        assertThat(refused.details()).containsEntry("recoverable", Money.zero(USDC).toDecimalString());
        State restored = StateSnapshot.of(book.state).restore();
        assertThat(StateSnapshot.hash(restored)).as("recoveries survive a snapshot").isEqualTo(StateSnapshot.hash(book.state));
        assertThat(LogFormat.decodeEvent("RecoveryRecorded", LogFormat.encodeEvent(recorded))).isEqualTo(recorded);
    }

    @Test
    void a_recovery_gives_those_who_bore_the_loss_their_burned_shares_back_and_moves_no_later_depositors_value() {
        var book = euler(ClaimTerms.indemnity(Money.zero(USDC)));
        book.ok(new Command.Deposit(book.id(), "alpha", "bram", Money.whole(USDC, 500_000)));
        long bob = book.buy("bob", 100_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident(EULER, Cause.LOGIC_ERROR, book.now.minusSeconds(60)));
        book.ok(new Command.FileClaim(book.id(), "bob", bob, EULER, Money.whole(USDC, 60_000), lost(60_000)));
        String ada = Position.key("alpha", "ada");
        String bram = Position.key("alpha", "bram");
        long adaBefore = book.state.positions().get(ada).shares();
        long bramBefore = book.state.positions().get(bram).shares();
        var settled = book.settle(EULER);
        long adaBurned = adaBefore - book.state.positions().get(ada).shares();
        long bramBurned = bramBefore - book.state.positions().get(bram).shares();
        assertThat(settled.pools().getFirst().sharesBurned()).hasSize(2);
        book.ok(new Command.Deposit(book.id(), "alpha", "cleo", Money.whole(USDC, 300_000)));
        var pool = book.state.pools().get("alpha");
        String cleo = Position.key("alpha", "cleo");
        Money cleoValue = pool.valueOf(book.state.positions().get(cleo).shares());
        Money adaValue = pool.valueOf(book.state.positions().get(ada).shares());
        Money bramValue = pool.valueOf(book.state.positions().get(bram).shares());

        var recorded = (Event.RecoveryRecorded) book.ok(recovery(book, EULER, Money.whole(USDC, 60_000)));

        assertThat(recorded.restoredShares()).extracting(io.auditcover.claims.RestoredShares::underwriter).containsExactly("ada", "bram");
        assertThat(recorded.restoredShares().get(0).shares()).as("ada's burned shares back, to rounding")
                .isCloseTo(adaBurned, org.assertj.core.data.Offset.offset(2L));
        assertThat(recorded.restoredShares().get(1).shares()).isCloseTo(bramBurned, org.assertj.core.data.Offset.offset(2L));
        var after = book.state.pools().get("alpha");
        assertThat(after.valueOf(book.state.positions().get(cleo).shares()).minus(cleoValue).units()).as("cleo came in later: no gain")
                .isBetween(-1L, 1L);
        Money adaGain = after.valueOf(book.state.positions().get(ada).shares()).minus(adaValue);
        Money bramGain = after.valueOf(book.state.positions().get(bram).shares()).minus(bramValue);
        assertThat(adaGain.plus(bramGain).units()).as("the recovery, to the units rounding keeps in the pool")
                .isBetween(Money.whole(USDC, 60_000).units() - 3, Money.whole(USDC, 60_000).units());
        assertThat(adaGain.units()).as("two thirds to ada").isCloseTo(Money.whole(USDC, 40_000).units(), org.assertj.core.data.Offset.offset(3L));
        assertThat(book.state.shareHistories().get(ada).changes().getLast().cause()).isEqualTo(io.auditcover.pool.ShareHistory.Cause.RECOVERY);
    }

    @Test
    void a_partial_recovery_returns_to_the_pools_pro_rata_and_pays_the_holders_deductible_first_where_the_terms_say_so() {
        var book = euler(ClaimTerms.indemnity(Money.whole(USDC, 1_000)).withRecoveriesToHolderDeductibleFirst(true));
        long bob = book.buy("bob", 20_000).cover().id();
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.whole(USDC, 1_000))));
        long cleo = book.buy("cleo", 20_000).cover().id();
        assertThat(book.state.claimTermsOf(book.state.covers().get(bob)).holderDeductibleFirst()).as("frozen into bob's cover").isTrue();
        assertThat(book.state.claimTermsOf(book.state.covers().get(cleo)).holderDeductibleFirst()).isFalse();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident(EULER, Cause.LOGIC_ERROR, book.now.minusSeconds(60)));
        var bobs = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", bob, EULER, Money.whole(USDC, 10_000), lost(10_000)));
        var cleos = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", cleo, EULER, Money.whole(USDC, 5_000), lost(5_000)));
        book.settle(EULER);
        Money afterPayout = capital(book);
        assertThat(book.no(recovery(book, EULER, Money.whole(USDC, 14_001))).details()).as("9,000 + 4,000 paid and bob's 1,000 deductible")
                .containsEntry("recoverable", Money.whole(USDC, 14_000).toDecimalString());

        var first = (Event.RecoveryRecorded) book.ok(recovery(book, EULER, Money.whole(USDC, 3_600)));

        assertThat(first.recovery().toHolders()).isEqualTo(Money.whole(USDC, 1_000));
        assertThat(first.claims()).containsExactly(
                new ClaimRecovery(1, bobs.claimId(), Money.whole(USDC, 1_800), Money.whole(USDC, 1_000)),
                new ClaimRecovery(1, cleos.claimId(), Money.whole(USDC, 800), Money.zero(USDC)));
        assertThat(book.state.ledger().balance(Account.holderWallet("bob", USDC))).isEqualTo(Money.whole(USDC, 1_000));
        assertThat(capital(book)).isEqualTo(afterPayout.plus(Money.whole(USDC, 2_600)));

        var second = (Event.RecoveryRecorded) book.ok(recovery(book, EULER, Money.whole(USDC, 10_400)));
        assertThat(second.recovery().toHolders()).as("bob's deductible came back already").isEqualTo(Money.zero(USDC));
        assertThat(book.state.claim(bobs.claimId()).orElseThrow().recoveries()).extracting(ClaimRecovery::toPool)
                .containsExactly(Money.whole(USDC, 1_800), Money.whole(USDC, 7_200));
        assertThat(capital(book)).as("every unit paid is back").isEqualTo(afterPayout.plus(Money.whole(USDC, 13_000)));
        assertThat(book.no(recovery(book, EULER, Money.ofUnits(USDC, 1))).code()).isEqualTo(Reason.RECOVERY_EXCEEDS_PAID);
    }

    @Test
    void bad_recoveries_are_refused_with_their_codes_and_change_nothing() {
        var book = euler(ClaimTerms.indemnity(Money.zero(USDC)));
        long bob = book.buy("bob", 100_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident(EULER, Cause.LOGIC_ERROR, book.now.minusSeconds(60)));
        book.ok(new Command.FileClaim(book.id(), "bob", bob, EULER, Money.whole(USDC, 45_000), lost(45_000)));
        String hash = StateSnapshot.hash(book.state);
        assertThat(book.no(recovery(book, EULER, Money.whole(USDC, 1))).code()).as("paid at settlement, not before")
                .isEqualTo(Reason.INCIDENT_NOT_SETTLED);
        book.settle(EULER);
        hash = StateSnapshot.hash(book.state);
        assertThat(book.no(recovery(book, "nowhere", Money.whole(USDC, 1))).code()).isEqualTo(Reason.INCIDENT_NOT_FOUND);
        assertThat(book.no(recovery(book, EULER, Money.zero(USDC))).code()).isEqualTo(Reason.AMOUNT_NOT_POSITIVE);
        assertThat(book.no(recovery(book, EULER, Money.ofUnits(USDC, -5))).code()).isEqualTo(Reason.AMOUNT_NOT_POSITIVE);
        assertThat(book.no(recovery(book, EULER, Money.whole(new Asset("ETH", 9), 1))).code()).isEqualTo(Reason.ASSET_MISMATCH);
        assertThat(book.no(new Command.RecordRecovery(book.id(), EULER, Money.whole(USDC, 1), " ")).code()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.RecordRecovery(book.id(), EULER, Money.whole(USDC, 1), "x".repeat(2_001))).code())
                .isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(recovery(book, EULER, Money.whole(USDC, 45_001))).code()).isEqualTo(Reason.RECOVERY_EXCEEDS_PAID);
        assertThat(StateSnapshot.hash(book.state)).as("refusals change nothing").isEqualTo(hash);
        assertThat(book.state.claimBook().recoveries()).isEmpty();
        assertThat(List.of(Reason.RECOVERY_EXCEEDS_PAID.wire(), Reason.INCIDENT_NOT_SETTLED.wire()))
                .containsExactly("recovery_exceeds_paid", "incident_not_settled");
    }
}
