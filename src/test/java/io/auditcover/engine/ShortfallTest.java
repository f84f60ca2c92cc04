package io.auditcover.engine;

import static io.auditcover.engine.Business.HALF_PARAMETRIC;
import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.DecidedClaim;
import io.auditcover.claims.LatePayment;
import io.auditcover.claims.ShortfallPayment;
import io.auditcover.claims.Shortfalls;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.pool.Position;
import io.auditcover.reason.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pool short at settlement owes each claim its unpaid part, pays it first from every later gain of capital (premium earned,
 * a recovery, a deposit after reopening), the oldest incident first and pro rata within one, and is spent (sells no cover,
 * takes no deposit) until an operator reopens it.
 */
class ShortfallTest {

    /** Pool alpha with 10,000 of capital selling half-parametric cover, bob and cleo each holding 20,000 (10,000 a claim). */
    private static Business shortBook() {
        var book = Business.standard(10_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        book.buy("bob", 20_000);
        book.buy("cleo", 20_000);
        book.advance(Duration.ofDays(1));
        return book;
    }

    private static Money owed(Business book) {
        return Shortfalls.owed(book.state.claimBook(), book.state.pools().get("alpha"));
    }

    private static Money sum(List<ShortfallPayment> payments) {
        return Shortfalls.total(payments == null ? List.of() : payments, Money.zero(USDC));
    }

    private static List<DecidedClaim> claimsOf(Business book, Event.IncidentSettled settled) {
        return settled.claims().stream().map(ClaimDecided::claimId).map(id -> book.state.claimRecords().get(id)).toList();
    }

    @Test
    void a_short_pool_owes_each_claim_its_unpaid_part_is_spent_and_pays_from_premium_then_from_a_deposit_after_reopening() {
        var book = shortBook();
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var settled = book.settle("inc-1");
        Money shortfall = settled.pools().getFirst().shortfall();
        assertThat(shortfall.isPositive()).isTrue();
        var claims = claimsOf(book, settled);
        assertThat(claims).allSatisfy(claim -> assertThat(claim.unpaid().isPositive()).isTrue());
        assertThat(claims.get(0).unpaid().plus(claims.get(1).unpaid())).as("the shortfall is owed, claim by claim").isEqualTo(shortfall);
        assertThat(owed(book)).isEqualTo(shortfall);

        Rejection noCover = book.no(new Command.BuyCover(book.id(), "dan", "alpha", PROTOCOL, Money.whole(USDC, 100), 30));
        assertThat(noCover.code()).isEqualTo(Reason.POOL_SPENT);
        assertThat(noCover.details()).containsEntry("owed", shortfall.toDecimalString());
        assertThat(book.no(new Command.Deposit(book.id(), "alpha", "dan", Money.whole(USDC, 50_000))).code()).isEqualTo(Reason.POOL_SPENT);

        book.now = book.now.plus(Duration.ofDays(10));
        var advanced = (Event.TimeAdvanced) book.ok(new Command.AdvanceTime(book.id()));
        Money earned = advanced.earnings().getFirst().amount();
        assertThat(sum(advanced.shortfallPayments())).as("every unit of premium earned pays the claims").isEqualTo(earned);
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(Money.zero(USDC));
        assertThat(owed(book)).isEqualTo(shortfall.minus(earned));
        var bobs = book.state.claim(claims.get(0).claimId()).orElseThrow();
        assertThat(bobs.paidLater()).singleElement().satisfies(payment -> {
            assertThat(payment.source()).isEqualTo(LatePayment.Source.PREMIUM_EARNED);
            assertThat(payment.at()).isEqualTo(book.now);
        });
        assertThat(bobs.unpaid()).isEqualTo(bobs.approved().minus(bobs.paid()));
        assertThat(Math.abs(advanced.shortfallPayments().get(0).amount().units() - advanced.shortfallPayments().get(1).amount().units()))
                .as("pro rata to what each owes").isLessThanOrEqualTo(1);

        var reopened = (Event.PoolReopened) book.ok(new Command.ReopenPool(book.id(), "alpha"));
        assertThat(reopened.incidentIds()).containsExactly("inc-1");
        assertThat(reopened.owed()).isEqualTo(owed(book));
        assertThat(book.no(new Command.ReopenPool(book.id(), "alpha")).code()).isEqualTo(Reason.POOL_NOT_SPENT);
        assertThat(book.no(new Command.ReopenPool(book.id(), "nowhere")).code()).isEqualTo(Reason.POOL_NOT_FOUND);
        Money stillOwed = owed(book);
        assertThat(book.no(new Command.Deposit(book.id(), "alpha", "dan", stillOwed)).code()).as("pays the claims and mints no share")
                .isEqualTo(Reason.AMOUNT_NOT_POSITIVE);

        var deposited = (Event.CapitalDeposited) book.ok(new Command.Deposit(book.id(), "alpha", "dan", Money.whole(USDC, 50_000)));

        assertThat(sum(deposited.shortfallPayments())).as("the deposit pays what is owed first").isEqualTo(stillOwed);
        Money rest = Money.whole(USDC, 50_000).minus(stillOwed);
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(rest);
        var pool = book.state.pools().get("alpha");
        assertThat(pool.valueOf(book.state.positions().get(Position.key("alpha", "dan")).shares())).as("dan's shares hold the rest")
                .isEqualTo(rest);
        assertThat(owed(book)).isEqualTo(Money.zero(USDC));
        for (var claim : claims) {
            var now = book.state.claimRecords().get(claim.claimId());
            assertThat(now.paid()).isEqualTo(now.approved());
            assertThat(now.latePayments()).extracting(LatePayment::source)
                    .containsExactly(LatePayment.Source.PREMIUM_EARNED, LatePayment.Source.DEPOSIT);
            assertThat(book.state.covers().get(now.coverId()).paid()).isEqualTo(now.approved());
        }
        book.ok(new Command.BuyCover(book.id(), "dan", "alpha", PROTOCOL, Money.whole(USDC, 100), 30));
        State restored = StateSnapshot.of(book.state).restore();
        assertThat(StateSnapshot.hash(restored)).as("late payments and reopenings survive a snapshot").isEqualTo(StateSnapshot.hash(book.state));
        assertThat(restored.claimBook().spent("alpha")).isFalse();
        assertThat(LogFormat.decodeEvent("CapitalDeposited", LogFormat.encodeEvent(deposited))).isEqualTo(deposited);
        assertThat(LogFormat.decodeEvent("PoolReopened", LogFormat.encodeEvent(reopened))).isEqualTo(reopened);
    }

    @Test
    void later_capital_pays_the_oldest_incident_first_and_a_recovery_pays_what_is_owed_before_it_becomes_capital() {
        var book = shortBook();
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var first = claimsOf(book, book.settle("inc-1"));
        book.advance(Duration.ofHours(1));
        book.reportAndConfirm(incident("inc-2", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var second = claimsOf(book, book.settle("inc-2"));
        assertThat(second).allSatisfy(claim -> assertThat(claim.paid()).as("nothing was left").isEqualTo(Money.zero(USDC)));
        // Premium earned while inc-2 was confirmed has paid some of inc-1's claims already: what they owe now.
        Money firstOwed = first.stream().map(c -> book.state.claimRecords().get(c.claimId()).unpaid()).reduce(Money::plus).orElseThrow();
        Money secondOwed = second.get(0).unpaid().plus(second.get(1).unpaid());
        assertThat(owed(book)).isEqualTo(firstOwed.plus(secondOwed));

        book.now = book.now.plus(Duration.ofDays(1));
        var advanced = (Event.TimeAdvanced) book.ok(new Command.AdvanceTime(book.id()));
        assertThat(advanced.shortfallPayments()).extracting(ShortfallPayment::claimId)
                .as("premium pays the older incident's claims only").containsExactly(first.get(0).claimId(), first.get(1).claimId());

        Money firstLeft = firstOwed.minus(sum(advanced.shortfallPayments()));
        // Every unit inc-1's claims paid comes back: more than they still owe, so the rest pays inc-2's claims.
        Money firstPaid = first.stream().map(c -> book.state.claimRecords().get(c.claimId()).paid()).reduce(Money::plus).orElseThrow();
        Money toSecond = firstPaid.minus(firstLeft);
        assertThat(toSecond.isPositive()).isTrue();
        var recovered = (Event.RecoveryRecorded) book.ok(new Command.RecordRecovery(book.id(), "inc-1", firstPaid,
                "funds returned by the attacker, tx 0x" + "f".repeat(64)));

        assertThat(sum(recovered.shortfallPayments())).as("all of it pays what the pool owes").isEqualTo(firstLeft.plus(toSecond));
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(Money.zero(USDC));
        for (var claim : first) {
            assertThat(book.state.claimRecords().get(claim.claimId()).unpaid()).isEqualTo(Money.zero(USDC));
        }
        var secondNow = second.stream().map(c -> book.state.claimRecords().get(c.claimId())).toList();
        assertThat(secondNow.get(0).paid().plus(secondNow.get(1).paid())).isEqualTo(toSecond);
        assertThat(Math.abs(secondNow.get(0).paid().units() - secondNow.get(1).paid().units())).isLessThanOrEqualTo(1);
        assertThat(secondNow.get(0).latePayments()).singleElement().satisfies(payment -> {
            assertThat(payment.source()).isEqualTo(LatePayment.Source.RECOVERY);
            assertThat(payment.recoveryId()).isEqualTo(1L);
        });
        assertThat(owed(book)).isEqualTo(secondOwed.minus(toSecond));
        assertThat(book.state.claimBook().spent("alpha")).isTrue();
        var reopened = (Event.PoolReopened) book.ok(new Command.ReopenPool(book.id(), "alpha"));
        assertThat(reopened.incidentIds()).containsExactly("inc-2");
    }

    @Test
    void premium_earned_within_an_engine_day_is_set_aside_and_paid_to_the_claims_on_the_first_tick_of_the_next() {
        // A cover earns by whole days from its start: bob's at midnight, cleo's (bought at noon) at noon.
        var book = Business.standard(10_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        book.buy("bob", 20_000);
        book.advance(Duration.ofHours(12));
        book.buy("cleo", 20_000);
        book.advance(Duration.ofHours(12));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        book.settle("inc-1");
        Money owed = owed(book);
        Account setAside = Account.poolSetAsideForUnpaidClaims("alpha", USDC);
        assertThat(book.now.truncatedTo(java.time.temporal.ChronoUnit.DAYS)).as("the book stands at midnight").isEqualTo(book.now);

        book.now = book.now.plus(Duration.ofHours(1));
        var quiet = (Event.TimeAdvanced) book.ok(new Command.AdvanceTime(book.id()));
        book.now = book.now.plus(Duration.ofHours(12));
        var first = (Event.TimeAdvanced) book.ok(new Command.AdvanceTime(book.id()));
        book.now = book.now.plus(Duration.ofHours(5));
        var second = (Event.TimeAdvanced) book.ok(new Command.AdvanceTime(book.id()));
        assertThat(quiet.earnings()).as("no cover's day turned").isEmpty();

        assertThat(first.shortfallPayments()).isNull();
        assertThat(second.shortfallPayments()).isNull();
        assertThat(first.setAside()).singleElement().satisfies(part -> assertThat(part.amount()).isEqualTo(first.earnings().getFirst().amount()));
        assertThat(second.setAside()).as("cleo's cover earned its day at noon only").isNull();
        Money kept = first.setAside().getFirst().amount();
        assertThat(book.state.ledger().balance(setAside)).isEqualTo(kept);
        assertThat(book.state.pools().get("alpha").capital()).as("set aside, not capital").isEqualTo(Money.zero(USDC));
        assertThat(owed(book)).as("nothing paid within the day").isEqualTo(owed);

        book.now = book.now.plus(Duration.ofHours(6)).plusSeconds(60);
        var nextDay = (Event.TimeAdvanced) book.ok(new Command.AdvanceTime(book.id()));

        Money paid = kept.plus(nextDay.earnings().getFirst().amount());
        assertThat(nextDay.setAside()).isNull();
        assertThat(sum(nextDay.shortfallPayments())).as("what was set aside and earned today").isEqualTo(paid);
        assertThat(nextDay.shortfallPayments()).hasSize(2);
        assertThat(book.state.ledger().balance(setAside)).isEqualTo(Money.zero(USDC));
        assertThat(owed(book)).isEqualTo(owed.minus(paid));
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(Money.zero(USDC));
        State restored = StateSnapshot.of(book.state).restore();
        assertThat(StateSnapshot.hash(restored)).isEqualTo(StateSnapshot.hash(book.state));
        assertThat(LogFormat.decodeEvent("TimeAdvanced", LogFormat.encodeEvent(first))).isEqualTo(first);
    }
}
