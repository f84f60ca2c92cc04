package io.auditcover.pricing;

import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;

/**
 * Every term of a premium, in exact money, adding up to it exactly: expected loss, risk margin, cost of the capital the cover
 * locks, expenses, distributor commission, the top-up to the floor (together the technical premium), and the market
 * adjustment (market price over technical price: the listing's minimum, the bump of recent purchases, rounding to whole basis
 * points; negative when a fixed price is below the technical price).
 */
public record PriceBreakdown(
        Money expectedLoss, Money riskMargin, Money capitalCost, Money expenses, Money commission, Money floorTopUp,
        Money marketAdjustment, Money premium) {
    /** Rates are rounded up to this many parts per unit before they touch money. */
    public static final long RATE_RESOLUTION = 1_000_000_000_000L;
    /** The largest rate per unit of cover a term may carry (e.g. a pool with leverage far below 1 makes capital cost huge). */
    public static final double RATE_MAX = 1_000;

    public PriceBreakdown {
        if (!technical(expectedLoss, riskMargin, capitalCost, expenses, commission, floorTopUp).plus(marketAdjustment).equals(premium)) {
            throw new IllegalStateException("price breakdown does not add up to the premium " + premium);
        }
        if (premium.isNegative()) {
            throw new IllegalStateException("premium must not be negative: " + premium);
        }
    }

    public Money technical() {
        return technical(expectedLoss, riskMargin, capitalCost, expenses, commission, floorTopUp);
    }

    private static Money technical(Money... terms) {
        Money sum = Money.zero(terms[0].asset());
        for (Money term : terms) {
            sum = sum.plus(term);
        }
        return sum;
    }

    /**
     * The one place a statistical rate becomes money: {@code amount × rate}, the rate first rounded up to 1e-12, the product
     * rounded up (the pool receives premiums). Negative or non-finite rates are programmer errors.
     */
    public static Money charge(Money amount, double rate) {
        if (!(rate >= 0)) {
            throw new IllegalStateException("rate out of range: " + rate);
        }
        if (rate > RATE_MAX) {
            throw new ArithmeticException("a premium rate of " + rate + " per unit of cover is out of range");
        }
        long parts = (long) StrictMath.ceil(rate * RATE_RESOLUTION);
        if (amount.isNegative()) {
            return Money.ofUnits(amount.asset(), Ratio.scale(amount.units(), parts, RATE_RESOLUTION, Rounding.POOL_RECEIVES));
        }
        return Money.ofUnits(amount.asset(), multiplyDivideUp(amount.units(), parts, RATE_RESOLUTION));
    }

    /**
     * ceil(value × factor / divisor) for non-negative values and a divisor below 2^48, exact through a 128-bit product and
     * long division in 16-bit steps (the same result as {@link Ratio#scale} rounding up, without BigInteger on the hot path).
     */
    static long multiplyDivideUp(long value, long factor, long divisor) {
        long high = Math.multiplyHigh(value, factor);
        long low = value * factor;
        if (high == 0 && low >= 0) {
            return Math.ceilDiv(low, divisor);
        }
        if (high >= divisor) {
            throw new ArithmeticException("premium term overflows");
        }
        long remainder = high;
        long quotient = 0;
        for (int shift = 48; shift >= 0; shift -= 16) {
            long current = (remainder << 16) | ((low >>> shift) & 0xFFFF);
            quotient = (quotient << 16) | (current / divisor);
            remainder = current % divisor;
        }
        if (quotient < 0) {
            throw new ArithmeticException("premium term overflows");
        }
        return remainder == 0 ? quotient : Math.addExact(quotient, 1);
    }
}
