package io.auditcover.engine;

import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.DepositorCover;
import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.DepositorPaid;
import io.auditcover.claims.Filings;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.PositionReader;
import io.auditcover.claims.Rule;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.reason.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cover a protocol buys for its depositors, through filing, settlement, the ledger, the explanation, a snapshot and the log: one
 * cover of 10,000 for a vault holding 20,000 of four depositors' funds; an exploit takes 9,000 of their value; under the
 * average clause the claim counts 9,000 × 10,000 ÷ 20,000 = 4,500, paid to the depositors pro rata to their losses.
 */
class DepositorCoverTest {
    static final String VAULT = "0x" + "7a".repeat(20);
    static final PositionReader READER = PositionReader.vault(VAULT);
    static final ClaimTerms TERMS = ClaimTerms.indemnity(Money.zero(USDC)).forDepositors(READER);
    static final String ANNA = "0x" + "a1".repeat(20);
    static final String BERT = "0x" + "b2".repeat(20);
    static final String CARA = "0x" + "c3".repeat(20);
    static final String DEAN = "0x" + "d4".repeat(20);

    static DepositorLoss depositor(String wallet, long before, long after, long withdrawn) {
        return new DepositorLoss(wallet, new LossEvidence(Money.whole(USDC, before), Money.whole(USDC, after), 149, 153, READER,
                Money.whole(USDC, withdrawn)));
    }

    /** Anna loses 5,000 of 10,000; Bert 3,000 of 6,000; Cara fled with 1,000 at half price, losing 1,000 of 4,000; Dean held nothing. */
    static final List<DepositorLoss> DRAINED = List.of(depositor(ANNA, 10_000, 5_000, 0), depositor(BERT, 6_000, 3_000, 0),
            depositor(CARA, 4_000, 2_000, 1_000), depositor(DEAN, 0, 0, 0));

    private static Business bookWithProtocolCover() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, TERMS));
        return book;
    }

    @Test
    void a_protocol_bought_cover_pays_each_depositor_its_share_of_the_loss_counted_under_the_average_clause() {
        var book = bookWithProtocolCover();
        long cover = book.buy("vaultco", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));

        var filed = (Event.ClaimFiled) book.ok(new Command.FileDepositorClaim(book.id(), "vaultco", cover, "inc-1", DRAINED));
        assertThat(filed.claimedLoss()).as("the depositors' loss").isEqualTo(Money.whole(USDC, 9_000));
        assertThat(filed.provenLoss()).as("9,000 × 10,000 ÷ 20,000").isEqualTo(Money.whole(USDC, 4_500));
        assertThat(filed.approved()).isEqualTo(Money.whole(USDC, 4_500));
        assertThat(filed.depositors()).isEqualTo(DRAINED);

        var settled = book.settle("inc-1");
        assertThat(settled.depositorsPaid()).containsExactly(new DepositorPaid(filed.claimId(), "alpha", ANNA, Money.whole(USDC, 2_500)),
                new DepositorPaid(filed.claimId(), "alpha", BERT, Money.whole(USDC, 1_500)),
                new DepositorPaid(filed.claimId(), "alpha", CARA, Money.whole(USDC, 500)));
        assertThat(book.state.ledger().balance(Account.wallet(ANNA, USDC))).isEqualTo(Money.whole(USDC, 2_500));
        assertThat(book.state.ledger().balance(Account.wallet(BERT, USDC))).isEqualTo(Money.whole(USDC, 1_500));
        assertThat(book.state.ledger().balance(Account.wallet(CARA, USDC))).isEqualTo(Money.whole(USDC, 500));
        assertThat(book.state.ledger().balance(Account.wallet(DEAN, USDC))).isEqualTo(Money.zero(USDC));
        assertThat(book.state.covers().get(cover).paid()).isEqualTo(Money.whole(USDC, 4_500));
        assertThat(Invariants.violations(book.state)).isEmpty();

        var facts = Filings.explain(book.state.claimBooks(), filed.claimId()).orElseThrow().adjudication().results()
                .get(Rule.LOSS_AT_LEAST_DEDUCTIBLE.ordinal()).facts();
        assertThat(facts).containsEntry("depositors", "4").containsEntry("exposed_funds", Money.whole(USDC, 20_000) + " at block 149")
                .containsEntry("depositors_loss", Money.whole(USDC, 9_000).toString())
                .hasEntrySatisfying("average_clause", text -> assertThat(text).startsWith("applied").endsWith(Money.whole(USDC, 4_500).toString()))
                .hasEntrySatisfying("depositor 0003", text -> assertThat(text).startsWith(CARA + " lost " + Money.whole(USDC, 1_000))
                        .contains(Money.whole(USDC, 4_000) + " at block 149", Money.whole(USDC, 2_000) + " at block 153",
                                "withdrew " + Money.whole(USDC, 1_000)));

        State restored = StateSnapshot.of(book.state).restore();
        assertThat(StateSnapshot.hash(restored)).isEqualTo(StateSnapshot.hash(book.state));
        assertThat(restored.claimBook().filedClaims().get(filed.claimId()).depositors()).isEqualTo(DRAINED);
        assertThat(LogFormat.decodeEvent(Codec.type(filed), LogFormat.encodeEvent(filed))).isEqualTo(filed);
        assertThat(LogFormat.decodeEvent(Codec.type(settled), LogFormat.encodeEvent(settled))).isEqualTo(settled);
    }

    @Test
    void exposed_funds_within_the_cover_pay_the_whole_loss() {
        var book = bookWithProtocolCover();
        long cover = book.buy("vaultco", 50_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));

        var filed = (Event.ClaimFiled) book.ok(new Command.FileDepositorClaim(book.id(), "vaultco", cover, "inc-1", DRAINED));
        assertThat(filed.approved()).isEqualTo(Money.whole(USDC, 9_000));
        var settled = book.settle("inc-1");
        assertThat(settled.depositorsPaid()).extracting(DepositorPaid::amount)
                .containsExactly(Money.whole(USDC, 5_000), Money.whole(USDC, 3_000), Money.whole(USDC, 1_000));
    }

    @Test
    void depositors_who_lost_nothing_make_a_claim_the_rules_deny() {
        var book = bookWithProtocolCover();
        long cover = book.buy("vaultco", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));

        var filed = (Event.ClaimFiled) book.ok(new Command.FileDepositorClaim(book.id(), "vaultco", cover, "inc-1",
                List.of(depositor(ANNA, 1_000, 1_000, 0))));
        assertThat(filed.reasonCode()).isEqualTo(Reason.LOSS_BELOW_DEDUCTIBLE.wire());
        assertThat(book.settle("inc-1").depositorsPaid()).isNull();
    }

    @Test
    void a_depositors_claim_that_does_not_fit_its_cover_is_refused_and_changes_nothing() {
        var book = bookWithProtocolCover();
        long protocolCover = book.buy("vaultco", 10_000).cover().id();
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))));
        long walletCover = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        String before = StateSnapshot.hash(book.state);

        assertThat(book.no(new Command.FileClaim(book.id(), "vaultco", protocolCover, "inc-1", Money.whole(USDC, 100),
                DRAINED.getFirst().evidence())).code()).as("its claim names the depositors").isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.FileDepositorClaim(book.id(), "bob", walletCover, "inc-1", DRAINED)).code())
                .as("a wallet's cover pays no depositors").isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.FileDepositorClaim(book.id(), "bob", protocolCover, "inc-1", DRAINED)).code())
                .isEqualTo(Reason.NOT_OWNER);
        assertThat(book.no(new Command.FileDepositorClaim(book.id(), "vaultco", protocolCover, "inc-1", List.of())).code())
                .isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.FileDepositorClaim(book.id(), "vaultco", protocolCover, "inc-1",
                List.of(depositor(ANNA, 10, 0, 0), depositor(ANNA, 10, 0, 0)))).code()).as("one wallet twice").isEqualTo(Reason.INVALID_COMMAND);
        var elsewhere = new DepositorLoss(BERT, new LossEvidence(Money.whole(USDC, 10), Money.zero(USDC), 149, 153,
                PositionReader.vault("0x" + "7b".repeat(20)), Money.zero(USDC)));
        assertThat(book.no(new Command.FileDepositorClaim(book.id(), "vaultco", protocolCover, "inc-1",
                List.of(depositor(ANNA, 10, 0, 0), elsewhere))).code()).as("two readers").isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.FileDepositorClaim(book.id(), "vaultco", protocolCover, "inc-1", List.of(elsewhere))).code())
                .as("a reader the terms do not name").isEqualTo(Reason.INVALID_COMMAND);
        var inEther = new DepositorLoss(BERT, new LossEvidence(Money.whole(EngineFixtures.ETH, 10), Money.zero(EngineFixtures.ETH), 149, 153,
                READER, Money.zero(EngineFixtures.ETH)));
        assertThat(book.no(new Command.FileDepositorClaim(book.id(), "vaultco", protocolCover, "inc-1", List.of(inEther))).code())
                .isEqualTo(Reason.ASSET_MISMATCH);
        assertThat(book.no(new Command.FileDepositorClaim(book.id(), "vaultco", protocolCover, "nope", DRAINED)).code())
                .isEqualTo(Reason.INCIDENT_NOT_FOUND);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(before);
    }

    @Test
    void the_recovery_quote_splits_the_loss_counted_less_the_deductible_pro_rata() {
        var recovery = DepositorCover.recovery(Money.whole(USDC, 10_000), Money.whole(USDC, 900), Money.whole(USDC, 20_000),
                List.of(Money.whole(USDC, 5_000), Money.whole(USDC, 3_000), Money.whole(USDC, 1_000)));

        assertThat(recovery.averageClause()).isTrue();
        assertThat(recovery.lossCounted()).isEqualTo(Money.whole(USDC, 4_500));
        assertThat(recovery.payable()).isEqualTo(Money.whole(USDC, 3_600));
        assertThat(recovery.recoveries()).containsExactly(Money.whole(USDC, 2_000), Money.whole(USDC, 1_200), Money.whole(USDC, 400));
        assertThat(DepositorCover.shares(Money.ofUnits(USDC, 10), List.of(Money.ofUnits(USDC, 1), Money.ofUnits(USDC, 1),
                Money.ofUnits(USDC, 1)))).as("the units rounding leaves go to the first of equal remainders")
                .containsExactly(Money.ofUnits(USDC, 4), Money.ofUnits(USDC, 3), Money.ofUnits(USDC, 3));
    }
}
