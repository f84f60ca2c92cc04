package io.auditcover.pricing;

import static io.auditcover.pricing.PricingFixtures.PROFILE;
import static io.auditcover.pricing.PricingFixtures.USDC;
import static io.auditcover.pricing.PricingFixtures.audit;
import static io.auditcover.pricing.PricingFixtures.input;
import static io.auditcover.pricing.PricingFixtures.market;
import static io.auditcover.pricing.PricingFixtures.parameters;
import static io.auditcover.pricing.PricingFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.Seeds;
import io.auditcover.money.Money;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The premium is the exact sum of its terms, every term rounded up once, whatever the amount and period. */
class PriceBreakdownTest {
    static final PricingInput AUDITED = input(List.of(audit("a1", "Trail of Bits", PricingFixtures.TODAY.minusMonths(1))), PROFILE);

    static final long[] SEEDS = {11};

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void the_breakdown_adds_up_to_the_premium_exactly_for_any_amount_and_period(long seed) {
        var random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            Money amount = Money.ofUnits(USDC, random.nextLong(1, 10_000_000_000_000L));
            int days = 28 + random.nextInt(338);
            var mode = random.nextBoolean() ? MarketParameters.Mode.MARKET : MarketParameters.Mode.FIXED;
            Quote quote = Quoter.quote(parameters(), AUDITED, request(amount, days, market(mode, random.nextInt(3_000))));
            var b = quote.breakdown();
            Money sum = b.expectedLoss().plus(b.riskMargin()).plus(b.capitalCost()).plus(b.expenses()).plus(b.commission())
                    .plus(b.floorTopUp()).plus(b.marketAdjustment());
            assertThat(sum).as("%s %d days %s", amount, days, Seeds.rerun(seed)).isEqualTo(quote.premium());
            assertThat(quote.premium()).as("%s %d days %s", amount, days, Seeds.rerun(seed)).isEqualTo(Market.premium(amount, quote.basePriceBps(), days));
        }
    }

    @Test
    void the_terms_follow_the_formula_loss_margin_capital_then_gross_up() {
        Money amount = Money.whole(USDC, 1_000_000);
        Quote quote = Quoter.quote(parameters(), AUDITED, request(amount, 365, market(MarketParameters.Mode.MARKET, 0)));
        var b = quote.breakdown();
        double loss = quote.risk().probabilityWithin(365) * quote.risk().payoutRatio();
        assertThat(b.expectedLoss()).isEqualTo(PriceBreakdown.charge(amount, loss));
        assertThat(b.riskMargin()).isEqualTo(PriceBreakdown.charge(amount, loss * 0.35));
        assertThat(b.capitalCost()).as("half the amount locked at leverage 2, 4% a year").isEqualTo(Money.whole(USDC, 20_000));
        double gross = (loss * 1.35 + 0.02) / 0.8;
        assertThat(b.expenses()).isEqualTo(PriceBreakdown.charge(amount, gross * 0.1));
        assertThat(b.commission()).isEqualTo(b.expenses());
        assertThat(quote.basePriceBps()).isEqualTo(quote.technicalPriceBps());
    }

    @Test
    void the_floor_tops_up_a_technical_premium_below_it() {
        var cheap = new PricingParameters.PremiumTerms(0, 0, 0, 0, 0.3, 0.05);
        var p = parameters();
        var parameters = new PricingParameters(p.version(), p.calibration(), p.factors(), cheap, p.market(), p.quotes(), p.coverLimit(), p.sources());
        Quote quote = Quoter.quote(parameters, AUDITED, request(Money.whole(USDC, 1_000_000), 365, market(MarketParameters.Mode.MARKET, 0)));
        assertThat(quote.breakdown().technical()).isEqualTo(Money.whole(USDC, 50_000));
        assertThat(quote.breakdown().floorTopUp().isPositive()).isTrue();
    }

    @Test
    void charging_a_rate_rounds_up_and_only_once() {
        assertThat(PriceBreakdown.charge(Money.ofUnits(USDC, 3), 0.5)).isEqualTo(Money.ofUnits(USDC, 2));
        assertThat(PriceBreakdown.charge(Money.ofUnits(USDC, 1_000_000), 0.01)).isEqualTo(Money.ofUnits(USDC, 10_000));
        assertThat(PriceBreakdown.charge(Money.ofUnits(USDC, 1), 1e-15)).isEqualTo(Money.ofUnits(USDC, 1));
        assertThatThrownBy(() -> PriceBreakdown.charge(Money.ofUnits(USDC, 1), Double.NaN)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void commission_above_its_cap_is_refused() {
        assertThatThrownBy(() -> new PricingParameters.PremiumTerms(0.35, 0.04, 0.1, 0.31, 0.3, 0.01))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findings_of_the_latest_audit_cap_the_cover_a_listing_may_carry() {
        var findings = audit("a1", "X", PricingFixtures.TODAY, PricingFixtures.finding("f1", io.auditcover.evidence.Severity.HIGH,
                io.auditcover.evidence.FindingStatus.FIXED));
        var rule = parameters().coverLimit();
        assertThat(CoverLimit.points(rule, List.of(findings), RiskProfile.AuditKind.FIRM)).isEqualTo(5.0);
        assertThat(CoverLimit.shareBps(rule, List.of(findings), RiskProfile.AuditKind.FIRM)).isEqualTo(4_000);
        assertThat(CoverLimit.shareBps(rule, List.of(findings), RiskProfile.AuditKind.SOLO)).as("10 points").isEqualTo(1_000);
        assertThat(CoverLimit.shareBps(rule, List.of(audit("a2", "X", PricingFixtures.TODAY)), RiskProfile.AuditKind.FIRM)).isEqualTo(10_000);
        assertThat(CoverLimit.shareBps(rule, List.of(), RiskProfile.AuditKind.FIRM)).isEqualTo(10_000);
    }
}
