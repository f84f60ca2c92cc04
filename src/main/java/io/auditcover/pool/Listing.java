package io.auditcover.pool;

import io.auditcover.money.Money;

/**
 * A protocol a pool sells cover on, at a fixed annual rate for now, with the pool's active cover on it
 * (checked against the per-protocol cap).
 */
public record Listing(String poolId, String protocolId, long annualRateBps, Money activeCover) {
    public static final long ANNUAL_RATE_BPS_MAX = 10_000;

    public Listing {
        if (annualRateBps <= 0 || annualRateBps > ANNUAL_RATE_BPS_MAX) {
            throw new IllegalArgumentException("annual rate must be 1-" + ANNUAL_RATE_BPS_MAX + " bps: " + annualRateBps);
        }
        if (activeCover.isNegative()) {
            throw new IllegalStateException("listing active cover went negative");
        }
    }

    public static String key(String poolId, String protocolId) {
        return poolId + "/" + protocolId;
    }

    public Listing withActiveCover(Money cover) {
        return new Listing(poolId, protocolId, annualRateBps, cover);
    }
}
