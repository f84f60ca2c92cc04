package io.auditcover.pricing;

/**
 * A listing's market terms, versioned (each change raises {@code version}; covers keep the version they were sold under).
 * MARKET mode: the buyer pays the base price and the purchase bumps the price for the next buyer by {@code bumpRatioBps} per
 * 100% of capacity it uses, decaying back to the target by {@code decayPerDayBps} a day; optionally a utilisation curve adds
 * up to {@code surgeMaxBps} a year, rising linearly from {@code surgeFromBps} of capacity used to all of it (10000 / 0: off).
 * FIXED mode: always the listing's price.
 */
public record MarketParameters(long version, Mode mode, long bumpRatioBps, long decayPerDayBps, long surgeFromBps, long surgeMaxBps) {
    public static final long BPS_MAX = 10_000;

    public enum Mode {
        MARKET, FIXED
    }

    public MarketParameters {
        if (version < 1 || mode == null || bumpRatioBps < 0 || bumpRatioBps > BPS_MAX || decayPerDayBps < 0 || decayPerDayBps > BPS_MAX
                || surgeFromBps < 1 || surgeFromBps > BPS_MAX || surgeMaxBps < 0 || surgeMaxBps > BPS_MAX) {
            throw new IllegalArgumentException("market parameters need version ≥ 1, a mode, bump, decay and surge of 0-" + BPS_MAX
                    + " bps and a surge start of 1-" + BPS_MAX + " bps");
        }
    }

    /** Without a utilisation curve. */
    public MarketParameters(long version, Mode mode, long bumpRatioBps, long decayPerDayBps) {
        this(version, mode, bumpRatioBps, decayPerDayBps, BPS_MAX, 0);
    }

    public boolean surges() {
        return mode == Mode.MARKET && surgeMaxBps > 0 && surgeFromBps < BPS_MAX;
    }
}
