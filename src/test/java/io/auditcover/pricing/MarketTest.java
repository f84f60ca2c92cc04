package io.auditcover.pricing;

import static io.auditcover.pricing.PricingFixtures.NOW;
import static io.auditcover.pricing.PricingFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.money.Money;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Nexus Mutual v2 market mechanics in integer basis points. */
class MarketTest {
    static final Money CAPACITY = Money.whole(USDC, 1_000_000);
    static final MarketParameters NEXUS = new MarketParameters(1, MarketParameters.Mode.MARKET, 500, 200);

    @Test
    void the_buyer_pays_the_base_price_and_the_bump_is_left_for_the_next_buyer() {
        var state = new MarketState("alpha", "lendwell", NEXUS, 0, NOW);
        var first = Market.purchase(NEXUS, 250, state, NOW, Money.whole(USDC, 100_000), CAPACITY, 365);
        assertThat(first.basePriceBps()).isEqualTo(250);
        assertThat(first.bumpedPriceAfterBps()).as("500 bps x 10% of capacity").isEqualTo(300);
        assertThat(first.premium()).isEqualTo(Money.whole(USDC, 2_500));
        var second = Market.purchase(NEXUS, 250, state.bumped(first.bumpedPriceAfterBps(), NOW), NOW, Money.whole(USDC, 100_000), CAPACITY, 365);
        assertThat(second.basePriceBps()).isEqualTo(300);
        assertThat(second.premium()).isEqualTo(Money.whole(USDC, 3_000));
    }

    @Test
    void the_price_decays_linearly_per_day_in_whole_bps_and_never_below_target() {
        assertThat(Market.basePriceBps(250, 600, 200, NOW, NOW.plus(Duration.ofHours(12)))).isEqualTo(500);
        assertThat(Market.basePriceBps(250, 600, 200, NOW, NOW.plusSeconds(1))).as("decay rounds down").isEqualTo(600);
        assertThat(Market.basePriceBps(250, 600, 200, NOW, NOW.plusSeconds(433))).isEqualTo(599);
        assertThat(Market.basePriceBps(250, 600, 200, NOW, NOW.plus(Duration.ofDays(2)))).isEqualTo(250);
    }

    @Test
    void the_bump_is_proportional_to_capacity_used_and_rounds_down() {
        assertThat(Market.bumpedPriceBps(250, 500, Money.whole(USDC, 1_000_000), CAPACITY)).isEqualTo(750);
        assertThat(Market.bumpedPriceBps(250, 500, Money.whole(USDC, 1_999), CAPACITY)).isEqualTo(250);
        assertThat(Market.bumpedPriceBps(250, 500, Money.whole(USDC, 2_000), CAPACITY)).isEqualTo(251);
    }

    @Test
    void a_fixed_price_listing_charges_its_price_and_is_never_bumped() {
        var fixed = new MarketParameters(2, MarketParameters.Mode.FIXED, 500, 200);
        var state = new MarketState("alpha", "lendwell", fixed, 900, NOW);
        var purchase = Market.purchase(fixed, 300, state, NOW, Money.whole(USDC, 500_000), CAPACITY, 73);
        assertThat(purchase.basePriceBps()).isEqualTo(300);
        assertThat(purchase.bumpedPriceAfterBps()).isEqualTo(900);
        assertThat(purchase.premium()).isEqualTo(Money.whole(USDC, 3_000));
    }

    @Test
    void above_the_surge_threshold_the_part_of_a_purchase_pays_the_average_of_the_linear_curve() {
        var surging = new MarketParameters(3, MarketParameters.Mode.MARKET, 500, 200, 9_000, 2_000);
        var state = new MarketState("alpha", "lendwell", surging, 0, NOW);
        var below = Market.purchase(surging, 250, state, NOW, Money.whole(USDC, 100_000), CAPACITY, Money.whole(USDC, 700_000), 365);
        assertThat(below.surgePremium().isZero()).isTrue();
        var across = Market.purchase(surging, 250, state, NOW, Money.whole(USDC, 100_000), CAPACITY, Money.whole(USDC, 850_000), 365);
        assertThat(across.surgePremium()).as("50k above 90%, average surge 500 bps").isEqualTo(Money.whole(USDC, 2_500));
        assertThat(across.premium()).isEqualTo(Money.whole(USDC, 2_500 + 2_500));
        var top = Market.surgePremium(surging, Money.whole(USDC, 900_000), Money.whole(USDC, 100_000), CAPACITY, 365);
        assertThat(top).as("the whole last 10% at an average of 1000 bps").isEqualTo(Money.whole(USDC, 10_000));
        var fixed = new MarketParameters(3, MarketParameters.Mode.FIXED, 500, 200, 9_000, 2_000);
        assertThat(Market.surgePremium(fixed, Money.whole(USDC, 900_000), Money.whole(USDC, 100_000), CAPACITY, 365).isZero()).isTrue();
    }

    @Test
    void the_smallest_whole_bps_price_covers_the_technical_premium() {
        Money amount = Money.whole(USDC, 10_000);
        long price = Market.priceCoveringBps(Money.ofUnits(USDC, 123_456_789), amount, 90);
        assertThat(Market.premium(amount, price, 90).units()).isGreaterThanOrEqualTo(123_456_789);
        assertThat(Market.premium(amount, price - 1, 90).units()).isLessThan(123_456_789);
    }
}
