package io.auditcover.engine;

import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Cause;
import io.auditcover.claims.Claim;
import io.auditcover.claims.ClaimRegister;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.TriggerKind;
import io.auditcover.money.Money;
import java.time.Duration;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** The claims register read from the engine's state: an indemnity claim with its proof and deductible, paid short by its pool. */
class ClaimRegisterTest {

    @Test
    void an_indemnity_claim_shows_claimed_proven_deductible_approved_paid_and_the_shortfall_of_a_short_pool() {
        var book = Business.standard(3_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.whole(USDC, 100))));
        long coverId = book.buy("cleo", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        var incident = incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60));
        book.reportAndConfirm(incident);
        var filed = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", coverId, "inc-1", Money.whole(USDC, 5_000),
                new LossEvidence(Money.whole(USDC, 5_000), Money.zero(USDC), 149, 152)));
        book.now = book.now.plus(Duration.ofDays(31));
        var settled = book.settle("inc-1");

        var entry = ClaimRegister.entry(book.state.claimBooks(), filed.claimId());
        var pool = settled.pools().getFirst();
        assertThat(pool.shortfall().isPositive()).as("the pool is short").isTrue();
        assertThat(entry.trigger()).isEqualTo(TriggerKind.INDEMNITY);
        assertThat(entry.stage()).isEqualTo(Claim.Stage.DECIDED);
        assertThat(entry.reasonCode()).isEqualTo("approved");
        assertThat(entry.claimed()).isEqualTo(Money.whole(USDC, 5_000));
        assertThat(entry.proven()).isEqualTo(Money.whole(USDC, 5_000));
        assertThat(entry.deductible()).isEqualTo(Money.whole(USDC, 100));
        assertThat(entry.approved()).isEqualTo(Money.whole(USDC, 4_900));
        assertThat(entry.paid()).isEqualTo(pool.paid());
        assertThat(entry.shortfall()).isEqualTo(pool.shortfall());
        assertThat(entry.occurredAt()).isEqualTo(incident.occurredAt());
        assertThat(entry.reportedAt()).isEqualTo(book.state.incidents().get("inc-1").reportedAt());
        assertThat(entry.confirmedAt()).isEqualTo(book.state.incidents().get("inc-1").confirmedAt());
        assertThat(entry.filedAt()).isEqualTo(filed.filedAt());
        assertThat(entry.decidedAt()).isEqualTo(settled.settledAt());
        assertThat(entry.paidAt()).isEqualTo(settled.settledAt());

        var triangles = ClaimRegister.development(book.state.claimBooks(), book.now);
        assertThat(triangles).singleElement().satisfies(triangle -> {
            assertThat(triangle.asset()).isEqualTo(USDC);
            assertThat(triangle.rows()).singleElement().satisfies(row -> {
                assertThat(row.incidentMonth()).isEqualTo(YearMonth.of(2026, 1));
                assertThat(row.cumulativePaid()).as("paid a month after the incident").containsExactly(Money.zero(USDC), pool.paid());
            });
        });
    }

    @Test
    void a_claim_not_yet_decided_has_no_decision_payment_or_shortfall_dates() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))));
        long coverId = book.buy("cleo", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var filed = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", coverId, "inc-1", Money.whole(USDC, 700),
                new LossEvidence(Money.whole(USDC, 1_000), Money.zero(USDC), 149, 152)));

        var entry = ClaimRegister.entries(book.state.claimBooks(), 0, 10).getFirst();
        assertThat(entry.claimId()).isEqualTo(filed.claimId());
        assertThat(entry.stage()).isEqualTo(Claim.Stage.FILED);
        assertThat(entry.approved()).as("as the rules approved it at filing").isEqualTo(Money.whole(USDC, 700));
        assertThat(entry.paid()).isEqualTo(Money.zero(USDC));
        assertThat(entry.decidedAt()).isNull();
        assertThat(entry.paidAt()).isNull();
        assertThat(entry.shortfall()).isNull();
        assertThat(ClaimRegister.development(book.state.claimBooks(), book.now).getFirst().rows().getFirst().cumulativePaid())
                .containsExactly(Money.zero(USDC));
    }
}
