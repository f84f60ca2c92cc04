package io.auditcover.pricing;

import java.time.Instant;

/** A listing's market: its parameters, the price the last purchase left behind, and when. */
public record MarketState(String poolId, String protocolId, MarketParameters parameters, long bumpedPriceBps, Instant updatedAt) {
    public MarketState {
        if (parameters == null || updatedAt == null || bumpedPriceBps < 0) {
            throw new IllegalArgumentException("market state needs parameters, a time and a non-negative price");
        }
    }

    public static String key(String poolId, String protocolId) {
        return poolId + "/" + protocolId;
    }

    public MarketState withParameters(MarketParameters newParameters) {
        return new MarketState(poolId, protocolId, newParameters, bumpedPriceBps, updatedAt);
    }

    public MarketState bumped(long priceBps, Instant at) {
        return new MarketState(poolId, protocolId, parameters, priceBps, at);
    }
}
