package io.auditcover.pool;

import io.auditcover.money.Ratio;
import java.time.Duration;

/**
 * How much cover a pool may sell: total active cover at most capital × leverage, and cover on any one
 * protocol at most {@code maxProtocolShare} of that capacity. Withdrawals wait {@code noticePeriod}.
 *
 * <p>The pool bears an incident only when it is reported within {@code incidentReportWindow} of occurring, and capital
 * withdrawn is held back for that long after it is paid (see {@link HeldWithdrawal}): the window bounds how long a
 * leaving underwriter's money stays at risk, and so how late an incident may still reach it.
 */
public record PoolRules(Ratio leverage, Ratio maxProtocolShare, Duration noticePeriod, Duration incidentReportWindow) {
    public static final Ratio LEVERAGE_MAX = Ratio.whole(20);
    public static final Duration NOTICE_PERIOD_MAX = Duration.ofDays(365);
    /** Long enough for oracles to find and report an exploit; short enough that leaving capital is not held for long. */
    public static final Duration INCIDENT_REPORT_WINDOW_DEFAULT = Duration.ofDays(7);
    public static final Duration INCIDENT_REPORT_WINDOW_MAX = Duration.ofDays(90);

    /** With the default report window. */
    public PoolRules(Ratio leverage, Ratio maxProtocolShare, Duration noticePeriod) {
        this(leverage, maxProtocolShare, noticePeriod, INCIDENT_REPORT_WINDOW_DEFAULT);
    }

    public PoolRules {
        if (incidentReportWindow == null) {
            // Pools created before the window existed.
            incidentReportWindow = INCIDENT_REPORT_WINDOW_DEFAULT;
        }
        if (!incidentReportWindow.isPositive() || incidentReportWindow.compareTo(INCIDENT_REPORT_WINDOW_MAX) > 0) {
            throw new IllegalArgumentException("incident report window must be above 0 and at most 90 days: " + incidentReportWindow);
        }
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
