package io.auditcover.pricing;

import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Instant;

/**
 * What a quote is for, and the market it is priced in: pool and protocol, cover amount and period; the pool's leverage; the
 * capital one unit of the cover holds ({@code capitalPerCover}: the solvency model's marginal capital where a run has priced
 * the listing, else NaN, and then 1 ÷ leverage); the listing's capacity and the cover already active on it; the listing's
 * own price (a minimum in MARKET mode, the price in FIXED mode); its market state. {@code pricedAt} is engine time (covers
 * start then), {@code now} the writer's clock (the quote's validity runs from it).
 */
public record QuoteRequest(
        String poolId, String protocolId, Money amount, int periodDays, Ratio leverage, Money listingCapacity, Money listingActive,
        long listingPriceBps, MarketState market, Instant pricedAt, Instant now, double capitalPerCover) {
    public QuoteRequest {
        if (!amount.isPositive() || periodDays < 1 || leverage.isZero() || market == null || pricedAt == null || now == null
                || capitalPerCover < 0 || capitalPerCover > 10) {
            throw new IllegalArgumentException("a quote needs a positive amount and period, leverage, a market, times and capital per"
                    + " cover of 0 to 10 (or none)");
        }
    }

    /** Capital held at 1 ÷ leverage. */
    public QuoteRequest(String poolId, String protocolId, Money amount, int periodDays, Ratio leverage, Money listingCapacity,
            Money listingActive, long listingPriceBps, MarketState market, Instant pricedAt, Instant now) {
        this(poolId, protocolId, amount, periodDays, leverage, listingCapacity, listingActive, listingPriceBps, market, pricedAt, now,
                Double.NaN);
    }

    /** The capital one unit of cover holds: the model's where given, else 1 ÷ leverage. */
    public double capitalShare() {
        return Double.isNaN(capitalPerCover) ? (double) leverage.denominator() / leverage.numerator() : capitalPerCover;
    }
}
