package io.auditcover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.reason.Reason;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Finding;
import io.auditcover.evidence.FindingStatus;
import io.auditcover.evidence.Protocol;
import io.auditcover.evidence.Severity;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.Quote;
import io.auditcover.pricing.RiskProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quotes are pure functions of state; a purchase bound to one pays exactly its premium or is refused with the new price. */
class QuoteBindingTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Money USDC_1M = Money.whole(USDC, 1_000_000);
    static final String CODE = "0x" + "1".repeat(64);

    /** Pool "alpha": 1M USDC, leverage 2, half per protocol; lendwell audited (one medium finding), market-priced, listed at 100 bps. */
    static State market() {
        var state = new State();
        List<Event> events = List.of(
                new Event.ProtocolRegistered(new Protocol("lendwell", "Lendwell", "lending")),
                new Event.ContractRegistered(new DeployedContract("lendwell", 1, "0x" + "a".repeat(40), CODE, null)),
                new Event.AuditRegistered(new AuditReport("a1", "lendwell", "Trail of Bits", LocalDate.of(2025, 10, 1), "abcdef1",
                        List.of(CODE), List.of(new Finding("f1", Severity.MEDIUM, FindingStatus.FIXED)))),
                new Event.RiskProfileRegistered(new RiskProfile("lendwell", 200_000_000L, 1_000_000L, LocalDate.of(2023, 1, 1), null, true,
                        RiskProfile.AdminKey.TIMELOCK_MULTISIG, RiskProfile.AuditKind.FIRM)),
                new Event.PoolCreated("alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.of(1, 2), Duration.ofDays(7))),
                new Event.ProtocolListed("alpha", "lendwell", 100),
                new Event.CapitalDeposited("alpha", "ada", USDC_1M, USDC_1M.units(), java.time.Instant.EPOCH),
                new Event.TimeAdvanced(NOW, List.of(), List.of()));
        events.forEach(event -> Applier.apply(state, event));
        return state;
    }

    static Quote quote(State state, Money amount, int days, Instant now) {
        return ((Quotes.Offered) Quotes.quote(state, "alpha", "lendwell", amount, days, now)).quote();
    }

    static Command.BuyCover buyWith(Quote quote, Money premium) {
        return new Command.BuyCover("b", "bob", "alpha", "lendwell", quote.amount(), quote.periodDays(),
                new Command.QuoteReference(quote.id(), premium, quote.validUntil(), quote.parametersVersion()));
    }

    static void apply(State state, Decision decision) {
        Applier.apply(state, (Event) decision);
    }

    @Test
    void a_quote_is_a_pure_function_of_state_and_changes_nothing() {
        State state = market();
        String hash = StateSnapshot.hash(state);
        Quote first = quote(state, Money.whole(USDC, 50_000), 90, NOW);
        assertThat(quote(state, Money.whole(USDC, 50_000), 90, NOW)).isEqualTo(first);
        assertThat(StateSnapshot.hash(state)).isEqualTo(hash);
        assertThat(first.parametersVersion()).isEqualTo(PricingFile.bundled().version());
        // The bundled parameters apply 7 priors (the fitted category, age and audit history replace four: the audit history
        // replaces the stated audit count and months since audit), 6 fitted factors, the unknown listing's factor and the
        // normalisation.
        assertThat(first.risk().factors()).hasSize(15);
    }

    @Test
    void buying_with_a_quote_charges_exactly_the_quoted_premium_and_stores_its_breakdown() {
        State state = market();
        Quote quote = quote(state, Money.whole(USDC, 50_000), 90, NOW);
        var bought = (Event.CoverBought) Decider.decide(state, buyWith(quote, quote.premium()), NOW.plusSeconds(30));
        assertThat(bought.cover().premium()).isEqualTo(quote.premium());
        assertThat(bought.quote().breakdown()).isEqualTo(quote.breakdown());
        assertThat(bought.quote().parametersVersion()).isEqualTo(quote.parametersVersion());
        apply(state, bought);
        assertThat(state.markets().get("alpha/lendwell").bumpedPriceBps()).isEqualTo(quote.bumpedPriceAfterBps());
    }

    @Test
    void a_quote_is_honoured_while_the_market_moved_less_than_the_tolerance() {
        State state = market();
        Quote quote = quote(state, Money.whole(USDC, 50_000), 90, NOW);
        apply(state, Decider.decide(state, new Command.BuyCover("x", "eve", "alpha", "lendwell", Money.whole(USDC, 2_000), 90), NOW));
        Quote now = quote(state, Money.whole(USDC, 50_000), 90, NOW);
        assertThat(now.premium()).as("a tiny purchase moved the price a little").isNotEqualTo(quote.premium());
        var bought = (Event.CoverBought) Decider.decide(state, buyWith(quote, quote.premium()), NOW);
        assertThat(bought.cover().premium()).isEqualTo(quote.premium());
        var b = bought.quote().breakdown();
        assertThat(b.technical().plus(b.marketAdjustment())).isEqualTo(quote.premium());
    }

    @Test
    void when_the_market_moved_beyond_the_tolerance_the_purchase_is_refused_with_the_new_price() {
        State state = market();
        Quote quote = quote(state, Money.whole(USDC, 50_000), 90, NOW);
        apply(state, Decider.decide(state, new Command.BuyCover("x", "eve", "alpha", "lendwell", Money.whole(USDC, 400_000), 90), NOW));
        var rejection = (Rejection) Decider.decide(state, buyWith(quote, quote.premium()), NOW);
        assertThat(rejection.code()).isEqualTo(Reason.PRICE_MOVED);
        Quote fresh = quote(state, Money.whole(USDC, 50_000), 90, NOW);
        assertThat(rejection.details()).containsEntry("premium", fresh.premium().toDecimalString())
                .containsEntry("quoted_premium", quote.premium().toDecimalString()).containsEntry("quote_id", fresh.id());
        var retried = (Event.CoverBought) Decider.decide(state, buyWith(fresh, fresh.premium()), NOW);
        assertThat(retried.cover().premium()).isEqualTo(fresh.premium());
    }

    @Test
    void an_expired_quote_is_refused_with_a_fresh_one() {
        State state = market();
        Quote quote = quote(state, Money.whole(USDC, 50_000), 90, NOW);
        var late = NOW.plusSeconds(PricingFile.bundled().quotes().validitySeconds() + 1);
        var rejection = (Rejection) Decider.decide(state, buyWith(quote, quote.premium()), late);
        assertThat(rejection.code()).isEqualTo(Reason.QUOTE_EXPIRED);
        assertThat(rejection.details()).containsKeys("premium", "quote_id", "valid_until");
    }

    @Test
    void a_quote_whose_terms_were_changed_does_not_bind() {
        State state = market();
        Quote quote = quote(state, Money.whole(USDC, 50_000), 90, NOW);
        Money cheaper = quote.premium().minus(Money.ofUnits(USDC, 1));
        assertThat(((Rejection) Decider.decide(state, buyWith(quote, cheaper), NOW)).code()).isEqualTo(Reason.QUOTE_INVALID);
        var otherAmount = new Command.BuyCover("b", "bob", "alpha", "lendwell", Money.whole(USDC, 60_000), 90,
                new Command.QuoteReference(quote.id(), quote.premium(), quote.validUntil(), quote.parametersVersion()));
        assertThat(((Rejection) Decider.decide(state, otherAmount, NOW)).code()).isEqualTo(Reason.QUOTE_INVALID);
    }

    @Test
    void when_capacity_is_short_the_answer_gives_the_largest_amount_coverable_now_and_its_price() {
        State state = market();
        var rejection = (Rejection) Decider.decide(state, new Command.BuyCover("b", "bob", "alpha", "lendwell", Money.whole(USDC, 3_000_000), 365), NOW);
        assertThat(rejection.code()).isEqualTo(Reason.INSUFFICIENT_CAPACITY);
        Money room = Money.parse(USDC, rejection.details().get("max_amount"));
        assertThat(room).as("one medium finding, one point: half the 1M protocol capacity").isEqualTo(Money.whole(USDC, 500_000));
        Quote atRoom = quote(state, room, 365, NOW);
        assertThat(rejection.details()).containsEntry("max_amount_premium", atRoom.premium().toDecimalString())
                .containsEntry("max_amount_quote_id", atRoom.id());
        var limited = (Rejection) Decider.decide(state, new Command.BuyCover("b", "bob", "alpha", "lendwell", Money.whole(USDC, 600_000), 365), NOW);
        assertThat(limited.code()).isEqualTo(Reason.COVER_LIMIT_EXCEEDED);
        assertThat(Decider.decide(state, new Command.BuyCover("b", "bob", "alpha", "lendwell", room, 365), NOW)).isInstanceOf(Event.CoverBought.class);
    }

    @Test
    void a_bound_purchase_checks_the_quote_id_before_capacity_and_expiry_before_price() {
        State state = market();
        Quote quote = quote(state, Money.whole(USDC, 50_000), 90, NOW);
        var tamperedAndTooLarge = new Command.BuyCover("b", "bob", "alpha", "lendwell", Money.whole(USDC, 3_000_000), 90,
                new Command.QuoteReference(quote.id(), quote.premium(), quote.validUntil(), quote.parametersVersion()));
        assertThat(((Rejection) Decider.decide(state, tamperedAndTooLarge, NOW)).code()).isEqualTo(Reason.QUOTE_INVALID);
        apply(state, Decider.decide(state, new Command.BuyCover("x", "eve", "alpha", "lendwell", Money.whole(USDC, 400_000), 90), NOW));
        var lateAndMoved = Decider.decide(state, buyWith(quote, quote.premium()), quote.validUntil().plusSeconds(1));
        assertThat(((Rejection) lateAndMoved).code()).isEqualTo(Reason.QUOTE_EXPIRED);
    }

    @Test
    void new_parameters_price_new_covers_and_leave_existing_covers_as_sold() {
        State state = market();
        apply(state, Decider.decide(state, new Command.BuyCover("b", "bob", "alpha", "lendwell", Money.whole(USDC, 10_000), 365), NOW));
        var sold = state.covers().get(1L);
        var p = PricingFile.bundled();
        var doubled = p.withCalibration("doubled", io.auditcover.pricing.PricingParameters.Calibration.bodyOnly(
                p.calibration().baseAnnualRate() * 2, p.calibration().minimumLossUsd(), p.calibration().severityMu(),
                p.calibration().severitySigma(), p.calibration().severityReferenceTvlUsd(), p.calibration().severityTvlElasticity(), "x", 1, 1));
        apply(state, Decider.decide(state, new Command.SetPricingParameters("p", doubled), NOW));
        assertThat(((Rejection) Decider.decide(state, new Command.SetPricingParameters("p", doubled), NOW)).code()).isEqualTo(Reason.ALREADY_EXISTS);
        assertThat(quote(state, Money.whole(USDC, 10_000), 365, NOW).parametersVersion()).isEqualTo("doubled");
        assertThat(state.covers().get(1L)).isEqualTo(sold);
    }
}
