package io.auditcover.pool;

import io.auditcover.money.Ratio;
import java.time.Duration;

/**
 * How much cover a pool may sell: total active cover at most capital × leverage, and cover on any one
 * protocol at most {@code maxProtocolShare} of that capacity. Withdrawals wait {@code noticePeriod}.
 */
public record PoolRules(Ratio leverage, Ratio maxProtocolShare, Duration noticePeriod) {
    public static final Ratio LEVERAGE_MAX = Ratio.whole(20);
    public static final Duration NOTICE_PERIOD_MAX = Duration.ofDays(365);

    public PoolRules {
        if (leverage.isZero() || leverage.compareTo(LEVERAGE_MAX) > 0) {
            throw new IllegalArgumentException("leverage must be above 0 and at most " + LEVERAGE_MAX + ": " + leverage);
        }
        if (maxProtocolShare.isZero() || maxProtocolShare.compareTo(Ratio.ONE) > 0) {
            throw new IllegalArgumentException("max protocol share must be above 0 and at most 1: " + maxProtocolShare);
        }
        if (noticePeriod.isNegative() || noticePeriod.compareTo(NOTICE_PERIOD_MAX) > 0) {
            throw new IllegalArgumentException("notice period must be 0 to 365 days: " + noticePeriod);
        }
    }
}
