package io.auditcover.pricing;

import java.time.LocalDate;

/** One row of the exploit history: date, loss in USD (NaN when unknown), scope, root-cause category, audited (yes/no/unknown). */
public record Incident(LocalDate date, double lossUsd, String scope, String category, String audited) {
    public Incident {
        if (date == null || scope == null) {
            throw new IllegalArgumentException("an incident needs a date and a scope");
        }
    }

    public boolean lossKnown() {
        return lossUsd > 0;
    }
}
