package io.auditcover.engine;

import static io.auditcover.engine.Business.HALF_PARAMETRIC;
import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.claims.Cause;
import io.auditcover.claims.PoolSettled;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.reason.Reason;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.reinsurance.ReinsuranceTreaty;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A priced excess-of-loss treaty through decide and apply: its premium earned day by day from capital to the reinsurer's
 * account, each incident recovered per occurrence within the treaty year's aggregate, the reinstatement premium charged at
 * the settlement that uses the reinstatement and paid as time advances, and a new aggregate in the next treaty year.
 */
class ReinsuranceTreatyTest {
    /** 6,000 excess of 5,000, one reinstatement at 100 %: aggregate 12,000 a year, for 3,650 a year (10 a day). */
    static final ExcessOfLoss TREATY = new ExcessOfLoss(Money.whole(USDC, 5_000), Money.whole(USDC, 6_000), Money.whole(USDC, 3_650), 1,
            Ratio.ONE, "re-one");
    static final Account REINSURER = Account.reinsurer("re-one", USDC);

    private static Business treatyBook() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        var set = (Event.ReinsuranceSet) book.ok(new Command.SetReinsurance(book.id(), "alpha", TREATY));
        assertThat(set.inception()).isEqualTo(book.state.time());
        return book;
    }

    private static ReinsuranceTreaty treaty(Business book) {
        return book.state.claimBook().treaties().get("alpha");
    }

    /** Two covers of 20,000 at half: an incident now approves 20,000 for the pool. */
    private static PoolSettled incidentPaying(Business book, String incidentId) {
        book.buy("bob", 20_000);
        book.buy("cleo", 20_000);
        book.advance(Duration.ofHours(1));
        book.reportAndConfirm(incident(incidentId, Cause.REENTRANCY, book.now.minusSeconds(60)));
        return book.settle(incidentId).pools().getFirst();
    }

    @Test
    void the_premium_is_earned_day_by_day_from_capital_to_the_reinsurers_account() {
        var book = treatyBook();
        Money capital = book.state.pools().get("alpha").capital();
        book.advance(Duration.ofDays(10));
        assertThat(treaty(book).annualEarnedUnits()).isEqualTo(Money.whole(USDC, 100).units());
        assertThat(book.state.ledger().balance(REINSURER)).isEqualTo(Money.whole(USDC, 100));
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(capital.minus(Money.whole(USDC, 100)));
        book.advance(Duration.ofHours(12));
        assertThat(book.state.ledger().balance(REINSURER)).isEqualTo(Money.whole(USDC, 105));
        assertThat(treaty(book).owedUnits()).isZero();
    }

    @Test
    void incidents_recover_within_the_years_aggregate_and_the_reinstatement_costs_its_premium() {
        var book = treatyBook();
        var first = incidentPaying(book, "inc-1");
        assertThat(first.approved()).isEqualTo(Money.whole(USDC, 20_000));
        assertThat(first.recovery()).isEqualTo(Money.whole(USDC, 6_000));
        assertThat(first.reinstatementPremium()).as("the whole limit reinstated at 100 % of the annual premium").isEqualTo(Money.whole(USDC, 3_650));
        assertThat(treaty(book).recoveredIn(0)).isEqualTo(Money.whole(USDC, 6_000).units());
        long owed = treaty(book).owedUnits();
        assertThat(owed).isEqualTo(Money.whole(USDC, 3_650).units());
        assertThat(book.no(new Command.SetReinsurance(book.id(), "alpha", null)).code())
                .as("the layer cannot change while its premium is owed").isEqualTo(Reason.REINSURANCE_PREMIUM_OWED);

        book.advance(Duration.ofDays(1));
        assertThat(treaty(book).owedUnits()).isZero();
        assertThat(book.state.ledger().balance(REINSURER).units()).isEqualTo(treaty(book).chargedUnits());

        var second = incidentPaying(book, "inc-2");
        assertThat(second.recovery()).as("the reinstated limit").isEqualTo(Money.whole(USDC, 6_000));
        assertThat(second.reinstatementPremium()).as("the last limit is not reinstated").isNull();
        var third = incidentPaying(book, "inc-3");
        assertThat(third.approved().isPositive()).isTrue();
        assertThat(third.recovery()).as("the year's aggregate of 12,000 is spent").isEqualTo(Money.zero(USDC));

        book.advance(Duration.ofDays(365));
        var nextYear = incidentPaying(book, "inc-4");
        assertThat(nextYear.recovery()).as("a new treaty year, a new aggregate").isEqualTo(Money.whole(USDC, 6_000));
        assertThat(nextYear.reinstatementPremium()).isEqualTo(Money.whole(USDC, 3_650));
        assertThat(treaty(book).recoveredByYear()).containsEntry(0, Money.whole(USDC, 12_000).units())
                .containsEntry(1, Money.whole(USDC, 6_000).units());
        book.advance(Duration.ofDays(1));
        assertThat(book.state.ledger().balance(REINSURER).units()).isEqualTo(treaty(book).chargedUnits());
        assertThat(treaty(book).annualEarnedUnits()).isEqualTo(treaty(book).annualEarnedBy(TREATY, book.state.time()));
    }

    @Test
    void an_incident_that_occurred_before_the_treaty_incepted_recovers_nothing() {
        var book = Business.standard(100_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        book.buy("bob", 20_000);
        book.buy("cleo", 20_000);
        book.advance(Duration.ofHours(1));
        var early = incident("inc-early", Cause.REENTRANCY, book.now.minusSeconds(60));
        book.ok(new Command.SetReinsurance(book.id(), "alpha", TREATY));
        book.reportAndConfirm(early);
        var settled = book.settle("inc-early").pools().getFirst();
        assertThat(settled.approved()).isEqualTo(Money.whole(USDC, 20_000));
        assertThat(settled.recovery()).isEqualTo(Money.zero(USDC));
    }

    @Test
    void a_pool_short_of_capital_owes_the_premium_and_pays_it_when_capital_returns() {
        var book = Business.standard(1_000);
        book.ok(new Command.SetReinsurance(book.id(), "alpha", new ExcessOfLoss(Money.whole(USDC, 5_000), Money.whole(USDC, 6_000),
                Money.whole(USDC, 5_000), null, null, null)));
        book.ok(new Command.RequestWithdrawal(book.id(), "alpha", "ada", book.state.positions().get("alpha/ada").shares()));
        book.advance(Duration.ofDays(8));
        book.ok(new Command.Withdraw(book.id(), 1, "ada"));
        assertThat(book.state.pools().get("alpha").capital().isPositive()).isFalse();
        book.advance(Duration.ofDays(30));
        long owed = treaty(book).owedUnits();
        assertThat(owed).as("30 days of premium unpaid while the pool has no capital").isPositive();
        book.ok(new Command.Deposit(book.id(), "alpha", "bram", Money.whole(USDC, 10_000)));
        book.advance(Duration.ofSeconds(1));
        assertThat(treaty(book).owedUnits()).isZero();
        assertThat(book.state.ledger().balance(Account.reinsurer(ExcessOfLoss.DEFAULT_REINSURER, USDC)).units()).isEqualTo(treaty(book).paidUnits());
    }

    @Test
    void a_layer_with_terms_a_treaty_cannot_have_is_refused() {
        Money retention = Money.whole(USDC, 5_000);
        Money limit = Money.whole(USDC, 6_000);
        assertThatThrownBy(() -> new ExcessOfLoss(retention, limit, null, 1, Ratio.ONE, null)).hasMessageContaining("needs an annual premium");
        assertThatThrownBy(() -> new ExcessOfLoss(retention, limit, Money.whole(USDC, 7_000), 1, null, null))
                .hasMessageContaining("at most its limit");
        assertThatThrownBy(() -> new ExcessOfLoss(retention, limit, Money.whole(USDC, 1), 101, null, null)).hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> new ExcessOfLoss(retention, limit, Money.whole(USDC, 1), 1, Ratio.of(3, 2), null))
                .hasMessageContaining("0 to 1 of the annual premium");
        assertThatThrownBy(() -> new ExcessOfLoss(retention, limit, Money.whole(USDC, 1), 1, null, "Re One")).hasMessageContaining("a reinsurer's name");
        assertThat(new ExcessOfLoss(retention, limit).isTreaty()).isFalse();
        assertThat(new ExcessOfLoss(retention, limit).aggregateLimit()).isNull();
        assertThat(TREATY.aggregateLimit()).isEqualTo(Money.whole(USDC, 12_000));
    }
}
