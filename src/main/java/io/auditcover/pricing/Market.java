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

    /**
     * One purchase in a market: the base price the buyer pays, the price it leaves for the next buyer, the premium (base premium
     * plus the utilisation surge, if any).
     */
    public record Purchase(long basePriceBps, long bumpedPriceAfterBps, Money surgePremium, Money premium) {
    }

    /** A purchase on a listing with no cover active yet. */
    public static Purchase purchase(MarketParameters parameters, long targetBps, MarketState market, Instant now, Money amount,
            Money capacity, int periodDays) {
        return purchase(parameters, targetBps, market, now, amount, capacity, Money.zero(amount.asset()), periodDays);
    }

    /**
     * Prices one purchase. MARKET: base = {@link #basePriceBps}, then bumped for the next buyer. FIXED: the target, no bump
     * (the stored price is left as it was). The engine's quotes and {@code market-sim} both call this.
     */
    public static Purchase purchase(MarketParameters parameters, long targetBps, MarketState market, Instant now, Money amount,
            Money capacity, Money active, int periodDays) {
        Money zero = Money.zero(amount.asset());
        if (parameters.mode() == MarketParameters.Mode.FIXED) {
            return new Purchase(targetBps, market.bumpedPriceBps(), zero, premium(amount, targetBps, periodDays));
        }
        long base = basePriceBps(targetBps, market.bumpedPriceBps(), parameters.decayPerDayBps(), market.updatedAt(), now);
        Money surge = surgePremium(parameters, active, amount, capacity, periodDays);
        return new Purchase(base, bumpedPriceBps(base, parameters.bumpRatioBps(), amount, capacity), surge,
                premium(amount, base, periodDays).plus(surge));
    }

    /**
     * The utilisation curve: above {@code surgeFromBps} of capacity used, the marginal price rises linearly to {@code surgeMaxBps}
     * at full use (Nexus Mutual's former surge pricing). The part of the purchase above the threshold pays the average surge over
     * the utilisation it spans: (b − a) × max × ((a + b) / 2 − T) / (C − T) × days / 365, rounded up.
     */
    public static Money surgePremium(MarketParameters parameters, Money active, Money amount, Money capacity, int periodDays) {
        Money zero = Money.zero(amount.asset());
        if (!parameters.surges() || !capacity.isPositive()) {
            return zero;
        }
        long threshold = Ratio.scale(capacity.units(), parameters.surgeFromBps(), 10_000, Rounding.POOL_PAYS);
        long from = Math.max(active.units(), threshold);
        long to = Math.addExact(active.units(), amount.units());
        if (to <= from || capacity.units() <= threshold) {
            return zero;
        }
        var numerator = java.math.BigInteger.valueOf(to - from).multiply(java.math.BigInteger.valueOf(parameters.surgeMaxBps()))
                .multiply(java.math.BigInteger.valueOf(from + to - 2 * threshold)).multiply(java.math.BigInteger.valueOf(periodDays));
        var denominator = java.math.BigInteger.valueOf(2 * (capacity.units() - threshold)).multiply(java.math.BigInteger.valueOf(BPS_DAYS_PER_YEAR));
        var split = numerator.divideAndRemainder(denominator);
        var units = split[1].signum() == 0 ? split[0] : split[0].add(java.math.BigInteger.ONE);
        return Money.ofUnits(amount.asset(), units.longValueExact());
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
