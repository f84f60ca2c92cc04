package io.auditcover.engine;

import io.auditcover.claims.SharesAtReport;
import static io.auditcover.engine.Business.HALF_PARAMETRIC;
import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.auditcover.claims.Cause;
import io.auditcover.claims.Incident;
import io.auditcover.reason.Reason;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Position;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Who bears an incident is decided by who held shares when it occurred: underwriters cannot leave between an exploit and
 * its report, and incidents reported or settled out of order each fall on the shares held when they occurred.
 */
class RunProtectionTest {
    private static final Duration NOTICE = Duration.ofDays(7);

    /** ada and bram each put in 1,000,000 USDC; bob holds a 40,000 half-parametric cover (pays 20,000). */
    private static Business twoUnderwriters() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        book.ok(new Command.Deposit(book.id(), "alpha", "bram", Money.whole(USDC, 1_000_000)));
        book.buy("bob", 40_000);
        return book;
    }

    private static long shares(Business book, String underwriter) {
        var position = book.state.positions().get(Position.key("alpha", underwriter));
        return position == null ? 0 : position.shares();
    }

    private static Money value(Business book, String underwriter) {
        return book.state.pools().get("alpha").valueOf(shares(book, underwriter));
    }

    /** bram asks to leave with everything, waits out the notice, and is paid a minute after an exploit began. */
    private static Event.CapitalWithdrawn bramLeavesJustAfter(Business book, String incidentId, Incident[] exploit) {
        book.ok(new Command.RequestWithdrawal(book.id(), "alpha", "bram", shares(book, "bram")));
        book.advance(NOTICE);
        exploit[0] = incident(incidentId, Cause.REENTRANCY, book.now.minusSeconds(60));
        return (Event.CapitalWithdrawn) book.ok(new Command.Withdraw(book.id(), 1, "bram"));
    }

    @Test
    void an_underwriter_who_leaves_between_an_exploit_and_its_report_still_bears_its_share_from_the_held_back_amount() {
        var book = twoUnderwriters();
        var exploit = new Incident[1];
        var withdrawn = bramLeavesJustAfter(book, "inc-1", exploit);
        assertThat(withdrawn.releaseAt()).as("held for the pool's report window").isEqualTo(book.now.plus(Duration.ofDays(7)));
        assertThat(book.state.heldWithdrawals().get(1L).amount()).isEqualTo(withdrawn.amount());
        book.now = book.now.plus(Duration.ofHours(1));

        book.reportAndConfirm(exploit[0]);
        var settled = book.settle("inc-1");

        Money loss = Money.whole(USDC, 20_000);
        assertThat(settled.pools().getFirst().paid()).isEqualTo(loss);
        HeldWithdrawal held = book.state.heldWithdrawals().get(1L);
        Money bramBore = withdrawn.amount().minus(held.amount());
        long adaBurned = settled.pools().getFirst().sharesBurned().getFirst().shares();
        Money adaBore = book.state.pools().get("alpha").valueOf(adaBurned);
        assertThat(bramBore.units()).as("bram held half the shares when it occurred").isCloseTo(loss.units() / 2, within(2L));
        assertThat(adaBore.units()).isCloseTo(loss.units() / 2, within(2L));
    }

    @Test
    void a_held_withdrawal_is_released_after_its_window_unless_an_incident_the_pool_bears_is_open() {
        var book = twoUnderwriters();
        var exploit = new Incident[1];
        var withdrawn = bramLeavesJustAfter(book, "inc-1", exploit);
        Account heldAccount = Account.poolWithdrawalsHeld("alpha", USDC);
        assertThat(book.state.ledger().balance(heldAccount)).isEqualTo(withdrawn.amount());
        book.reportAndConfirm(exploit[0]);

        book.advance(Duration.ofDays(8));
        assertThat(book.state.heldWithdrawals()).as("the confirmed incident may still take from it").containsKey(1L);

        var loss = book.settle("inc-1").pools().getFirst().heldLosses().getFirst().amount();
        book.advance(Duration.ofSeconds(1));
        assertThat(book.state.heldWithdrawals()).isEmpty();
        assertThat(book.state.ledger().balance(heldAccount).isZero()).isTrue();
        assertThat(book.state.ledger().transfers().getLast().amount()).as("released to bram").isEqualTo(withdrawn.amount().minus(loss));
    }

    /** A day in, incident inc-a occurs; {@code gap} later bram doubles his stake; {@code gap} after that inc-b occurs. */
    private static Incident[] bramDoublesUpBetweenTwoIncidents(Business book, Duration gap) {
        book.advance(Duration.ofDays(1));
        Incident first = incident("inc-a", Cause.REENTRANCY, book.now);
        book.now = book.now.plus(gap);
        book.ok(new Command.Deposit(book.id(), "alpha", "bram", Money.whole(USDC, 1_000_000)));
        book.now = book.now.plus(gap);
        Incident second = incident("inc-b", Cause.REENTRANCY, book.now);
        book.now = book.now.plus(Duration.ofMinutes(5));
        return new Incident[] {first, second};
    }

    @Test
    void an_incident_reported_after_every_pools_window_is_refused_and_changes_nothing() {
        var book = twoUnderwriters();
        book.advance(Duration.ofDays(1));
        Instant occurred = book.now;
        book.advance(Duration.ofDays(8));
        String hash = StateSnapshot.hash(book.state);

        var refused = book.no(new Command.ReportIncident(book.id(), incident("inc-1", Cause.REENTRANCY, occurred)));

        assertThat(refused.code()).isEqualTo(Reason.REPORT_WINDOW_CLOSED);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(hash);
    }

    /** Traced case 7: the only cover expires between the incident and its report; a deposit after the incident must keep its value. */
    @Test
    void a_deposit_after_the_incident_keeps_its_value_when_the_last_cover_expired_before_the_report() {
        var book = Business.standard(100_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        book.buy("bob", 40_000);
        book.advance(Duration.ofDays(89));
        Incident exploit = incident("inc-1", Cause.REENTRANCY, book.now.plus(Duration.ofHours(23)));
        book.advance(Duration.ofDays(1));
        assertThat(book.state.activeCoverIds()).as("bob's cover expired").isEmpty();
        book.ok(new Command.Deposit(book.id(), "alpha", "dora", Money.whole(USDC, 100_000)));

        var reported = book.reportAndAttest(exploit);
        assertThat(reported.pools()).containsExactly("alpha");
        book.advance(Business.DISPUTE_WINDOW);
        var settled = book.settle("inc-1");

        assertThat(settled.pools().getFirst().paid()).isEqualTo(Money.whole(USDC, 20_000));
        assertThat(value(book, "dora").units()).as("dora deposited after the exploit").isCloseTo(Money.whole(USDC, 100_000).units(), within(1L));
    }

    /**
     * Traced case 8: ada and bram held equal shares when incident A occurred; bram then doubled up, and incident B, which
     * occurred later, was reported and settled first. A still falls half on each.
     */
    @Test
    void overlapping_incidents_settled_out_of_order_each_fall_on_the_shares_held_when_they_occurred() {
        var book = twoUnderwriters();
        Incident[] incidents = bramDoublesUpBetweenTwoIncidents(book, Duration.ofHours(12));
        Incident first = incidents[0];
        Incident second = incidents[1];
        book.reportAndConfirm(second);
        var secondBurned = book.settle("inc-b").pools().getFirst().sharesBurned();
        assertThat(secondBurned).extracting(SharesAtReport::underwriter).containsExactly("ada", "bram");

        var reported = book.reportAndAttest(first);
        assertThat(reported.sharesAtReport()).extracting(SharesAtReport::shares).as("equal holdings when A occurred")
                .containsExactly(1_000_000_000_000L, 1_000_000_000_000L);
        book.advance(Business.DISPUTE_WINDOW);
        var burned = book.settle("inc-a").pools().getFirst().sharesBurned();

        assertThat(burned).hasSize(2);
        assertThat(burned.get(0).shares()).as("ada and bram bear A equally").isCloseTo(burned.get(1).shares(), within(1L));
    }

    /**
     * Incident A occurred first but settles after incident B, which occurred later and was reported after A: B falls on the
     * shares held when it occurred, after A's burn, not on the shares recorded when B was reported.
     */
    @Test
    void an_incident_settled_after_an_earlier_one_falls_on_the_shares_left_by_that_ones_burn() {
        var book = twoUnderwriters();
        Incident[] incidents = bramDoublesUpBetweenTwoIncidents(book, Duration.ofHours(6));
        Incident first = incidents[0];
        Incident second = incidents[1];
        book.reportAndAttest(first);
        book.reportAndAttest(second);
        book.advance(Business.DISPUTE_WINDOW);
        book.settle("inc-a");
        long adaThen = book.state.shareHistories().get(Position.key("alpha", "ada")).sharesAt(second.occurredAt());
        long bramThen = book.state.shareHistories().get(Position.key("alpha", "bram")).sharesAt(second.occurredAt());
        assertThat(adaThen).as("A's burn is dated when A occurred, before B").isLessThan(1_000_000_000_000L);

        var burned = book.settle("inc-b").pools().getFirst().sharesBurned();

        long total = burned.get(0).shares() + burned.get(1).shares();
        long adaExpected = java.math.BigInteger.valueOf(total).multiply(java.math.BigInteger.valueOf(adaThen))
                .divide(java.math.BigInteger.valueOf(adaThen + bramThen)).longValueExact();
        assertThat(burned.get(0).shares()).as("ada's part of B").isCloseTo(adaExpected, within(1L));
    }

    /**
     * ada tops up after the exploit and takes everything out: of what she withdrew, only the shares she held when it occurred
     * bear it, so the pool pays no more than those shares and the others' are worth, and never goes below zero.
     */
    @Test
    void only_the_part_of_a_held_withdrawal_that_was_at_risk_bears_the_incident() {
        var book = Business.standard(0);
        book.ok(new Command.CreatePool(book.id(), "beta", USDC, new io.auditcover.pool.PoolRules(io.auditcover.money.Ratio.whole(4),
                io.auditcover.money.Ratio.ONE, Duration.ZERO)));
        book.ok(new Command.ListProtocol(book.id(), "beta", PROTOCOL, 200));
        book.ok(new Command.SetClaimTerms(book.id(), "beta", PROTOCOL, io.auditcover.claims.ClaimTerms.parametric(io.auditcover.money.Ratio.ONE,
                Money.zero(USDC))));
        book.ok(new Command.Deposit(book.id(), "beta", "ada", Money.whole(USDC, 10)));
        book.ok(new Command.Deposit(book.id(), "beta", "bram", Money.whole(USDC, 990)));
        book.ok(new Command.BuyCover(book.id(), "bob", "beta", PROTOCOL, Money.whole(USDC, 2_000), 90));
        book.advance(Duration.ofDays(1));
        Incident exploit = incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60));
        book.ok(new Command.Deposit(book.id(), "beta", "ada", Money.whole(USDC, 1_000)));
        long adaShares = book.state.positions().get(Position.key("beta", "ada")).shares();
        var request = (Event.WithdrawalRequested) book.ok(new Command.RequestWithdrawal(book.id(), "beta", "ada", adaShares));
        var withdrawn = (Event.CapitalWithdrawn) book.ok(new Command.Withdraw(book.id(), request.request().id(), "ada"));

        book.reportAndConfirm(exploit);
        var pool = book.settle("inc-1").pools().getFirst();

        Money heldLoss = pool.heldLosses().getFirst().amount();
        assertThat(heldLoss.units()).as("ada had 10 of her 1,010 at risk (and their share of premium)").isLessThan(Money.whole(USDC, 11).units());
        assertThat(book.state.heldWithdrawals().get(request.request().id()).amount().units())
                .isGreaterThan(withdrawn.amount().minus(Money.whole(USDC, 11)).units());
        assertThat(pool.paid().units()).as("short: at most what bram's shares and ada's 10 are worth")
                .isLessThan(Money.whole(USDC, 1_010).units());
        assertThat(pool.shortfall().isPositive()).isTrue();
        assertThat(book.state.pools().get("beta").capital().isNegative()).isFalse();
    }

    /** bram left after the exploit, but his held-back money may pay the claim: he does not sit on its panel. */
    @Test
    void an_underwriter_who_left_after_the_incident_is_kept_off_its_claims_panels() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.Deposit(book.id(), "alpha", "bram", Money.whole(USDC, 1_000_000)));
        long cover = book.buy("bob", 10_000).cover().id();
        for (String assessor : java.util.List.of("bram", "as-1", "as-2", "as-3")) {
            book.ok(new Command.RegisterAssessor(book.id(), assessor, 1, 1));
        }
        var exploit = new Incident[1];
        bramLeavesJustAfter(book, "inc-1", exploit);
        assertThat(book.state.positions()).doesNotContainKey(Position.key("alpha", "bram"));
        book.reportAndConfirm(exploit[0]);

        var claim = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", cover, "inc-1", Money.whole(USDC, 2_000), null));

        assertThat(claim.assessment().panel()).doesNotContainKey("bram").containsKeys("as-1", "as-2", "as-3");
        assertThat(book.no(new Command.CastVote(book.id(), "bram", claim.claimId(), false)).code()).isEqualTo(Reason.CONFLICT_OF_INTEREST);
    }
}
