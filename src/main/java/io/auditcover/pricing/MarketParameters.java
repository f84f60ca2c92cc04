package io.auditcover.pricing;

/**
 * A listing's market terms, versioned (each change raises {@code version}; covers keep the version they were sold under).
 * MARKET mode: the buyer pays the base price and the purchase bumps the price for the next buyer by {@code bumpRatioBps} per
 * 100% of capacity it uses, decaying back to the target by {@code decayPerDayBps} a day. FIXED mode: always the listing's price.
 */
public record MarketParameters(long version, Mode mode, long bumpRatioBps, long decayPerDayBps) {
    public static final long BPS_MAX = 10_000;

    public enum Mode {
        MARKET, FIXED
    }

    public MarketParameters {
        if (version < 1 || mode == null || bumpRatioBps < 0 || bumpRatioBps > BPS_MAX || decayPerDayBps < 0 || decayPerDayBps > BPS_MAX) {
            throw new IllegalArgumentException("market parameters need version ≥ 1, a mode, and bump and decay of 0-" + BPS_MAX + " bps");
        }
    }
}
