package io.auditcover.pricing;

import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;
import java.time.Duration;
import java.time.Instant;

/**
 * The market layer in integer basis points per year (Nexus Mutual v2 staking-products mechanics): the base price decays
 * linearly from the stored bumped price to the target, the buyer pays the base price, and the purchase bumps the stored price
 * for the next buyer in proportion to the share of capacity it uses. The engine and {@code market-sim} both run this code.
 */
public final class Market {
    public static final long SECONDS_PER_DAY = 86_400;
    static final long BPS_DAYS_PER_YEAR = 10_000L * 365;

    private Market() {
    }

    /** One purchase in a market: the base price the buyer pays, the price it leaves for the next buyer, the premium. */
    public record Purchase(long basePriceBps, long bumpedPriceAfterBps, Money premium) {
    }

    /**
     * Prices one purchase. MARKET: base = {@link #basePriceBps}, then bumped for the next buyer. FIXED: the target, no bump
     * (the stored price is left as it was). The engine's quotes and {@code market-sim} both call this.
     */
    public static Purchase purchase(MarketParameters parameters, long targetBps, MarketState market, Instant now, Money amount,
            Money capacity, int periodDays) {
        if (parameters.mode() == MarketParameters.Mode.FIXED) {
            return new Purchase(targetBps, market.bumpedPriceBps(), premium(amount, targetBps, periodDays));
        }
        long base = basePriceBps(targetBps, market.bumpedPriceBps(), parameters.decayPerDayBps(), market.updatedAt(), now);
        return new Purchase(base, bumpedPriceBps(base, parameters.bumpRatioBps(), amount, capacity), premium(amount, base, periodDays));
    }

    /** max(target, bumped − decay per day × elapsed seconds / one day), the decay rounded down. */
    public static long basePriceBps(long targetBps, long bumpedBps, long decayPerDayBps, Instant updatedAt, Instant now) {
        long seconds = Math.max(0, Duration.between(updatedAt, now).getSeconds());
        long decay = Ratio.scale(decayPerDayBps, seconds, SECONDS_PER_DAY, Rounding.POOL_PAYS);
        return Math.max(targetBps, bumpedBps - decay);
    }

    /** The price the purchase leaves for the next buyer: base + bump ratio × amount / capacity, rounded down. */
    public static long bumpedPriceBps(long baseBps, long bumpRatioBps, Money amount, Money capacity) {
        if (!capacity.isPositive()) {
            return baseBps + bumpRatioBps;
        }
        return Math.addExact(baseBps, Ratio.scale(bumpRatioBps, amount.units(), capacity.units(), Rounding.POOL_PAYS));
    }

    /** amount × price × days / (10000 × 365), rounded up. */
    public static Money premium(Money amount, long priceBps, int periodDays) {
        long rate = Math.multiplyExact(priceBps, periodDays);
        return amount.scaled(rate, BPS_DAYS_PER_YEAR, Rounding.POOL_RECEIVES);
    }

    /** The smallest whole-bps annual price whose premium covers {@code technical}: ceil(technical × 10000 × 365 / (amount × days)). */
    public static long priceCoveringBps(Money technical, Money amount, int periodDays) {
        long perUnit = Ratio.scale(technical.units(), BPS_DAYS_PER_YEAR, amount.units(), Rounding.POOL_RECEIVES);
        return Math.ceilDiv(perUnit, periodDays);
    }
}
