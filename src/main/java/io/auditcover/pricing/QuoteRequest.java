package io.auditcover.pricing;

import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Instant;

/**
 * What a quote is for, and the market it is priced in: pool and protocol, cover amount and period; the pool's leverage (the
 * capital the cover locks is amount ÷ leverage); the listing's capacity and the cover already active on it; the listing's
 * own price (a minimum in MARKET mode, the price in FIXED mode); its market state. {@code pricedAt} is engine time (covers
 * start then), {@code now} the writer's clock (the quote's validity runs from it).
 */
public record QuoteRequest(
        String poolId, String protocolId, Money amount, int periodDays, Ratio leverage, Money listingCapacity, Money listingActive,
        long listingPriceBps, MarketState market, Instant pricedAt, Instant now) {
    public QuoteRequest {
        if (!amount.isPositive() || periodDays < 1 || leverage.isZero() || market == null || pricedAt == null || now == null) {
            throw new IllegalArgumentException("a quote needs a positive amount and period, leverage, a market and times");
        }
    }
}
