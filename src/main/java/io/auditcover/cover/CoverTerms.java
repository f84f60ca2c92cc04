package io.auditcover.cover;

/** What was agreed at purchase and never changes afterwards: the annual rate charged and the period. */
public record CoverTerms(long annualRateBps, int periodDays) {
    public static final int PERIOD_DAYS_MIN = 28;
    public static final int PERIOD_DAYS_MAX = 365;

    public CoverTerms {
        if (periodDays < PERIOD_DAYS_MIN || periodDays > PERIOD_DAYS_MAX) {
            throw new IllegalArgumentException("period must be " + PERIOD_DAYS_MIN + "-" + PERIOD_DAYS_MAX + " days: " + periodDays);
        }
        if (annualRateBps <= 0) {
            throw new IllegalArgumentException("annual rate must be positive: " + annualRateBps);
        }
    }
}
