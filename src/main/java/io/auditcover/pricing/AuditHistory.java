package io.auditcover.pricing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A protocol's audit history at a date, in the bands the fitted {@code audit_history} factor reads: how many audit reports were
 * completed before the date (none, one, two or more) and whether the latest is recent (completed within
 * {@link #RECENT_DAYS} days) or old. The calibration reads it from the public audit lists (datasets/audit_reports.csv, linked
 * to listed protocols), a quote from the protocol's registered audit reports: the same measure, counted from two sources.
 */
public final class AuditHistory {
    public static final String DIMENSION = "audit_history";
    /** An audit completed within this many days of the date is recent. */
    public static final int RECENT_DAYS = 365;
    public static final String NONE = "0";
    /** The bands, in order: the fit's groups and the quote's reading. */
    public static final List<String> BANDS = List.of(NONE, "1 recent", "1 old", "2+ recent", "2+ old");

    private AuditHistory() {
    }

    /** The band at {@code at} of the audits completed on {@code completed} (any order); only those strictly before {@code at} count. */
    public static String band(List<LocalDate> completed, LocalDate at) {
        int count = 0;
        LocalDate latest = null;
        for (LocalDate date : completed) {
            if (date.isBefore(at)) {
                count++;
                latest = latest == null || date.isAfter(latest) ? date : latest;
            }
        }
        if (count == 0) {
            return NONE;
        }
        boolean recent = ChronoUnit.DAYS.between(latest, at) < RECENT_DAYS;
        return (count == 1 ? "1" : "2+") + (recent ? " recent" : " old");
    }
}
