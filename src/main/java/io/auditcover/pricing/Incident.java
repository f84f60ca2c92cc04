package io.auditcover.pricing;

import java.time.LocalDate;

/**
 * One incident of the match table (datasets/incident_matches.csv): date, name, scope, loss and returned funds in USD (NaN or 0
 * when unknown), the protocol id of the listing it was matched to (empty when none), the match's confidence, and whether
 * that protocol was listed on the incident's date. Only an incident in the population counts against the exposure.
 */
public record Incident(LocalDate date, String name, String scope, double lossUsd, double returnedUsd, String protocolId,
        Confidence confidence, boolean listedBefore) {
    /** How sure the match to a protocol id is: the hack list's own id, one exact name, several names, or no match. */
    public enum Confidence {
        HIGH, MEDIUM, LOW, NONE
    }

    public Incident {
        if (date == null || scope == null || name == null || protocolId == null || confidence == null) {
            throw new IllegalArgumentException("an incident needs a date, a name, a scope, a protocol id (maybe empty) and a confidence");
        }
        if (lossUsd < 0 || returnedUsd < 0) {
            throw new IllegalArgumentException("losses and returned funds cannot be negative");
        }
    }

    public boolean lossKnown() {
        return lossUsd > 0;
    }

    /** What the protocol lost for good: the loss less the funds returned, never below zero. */
    public double netLossUsd() {
        double returned = Double.isNaN(returnedUsd) ? 0 : returnedUsd;
        return Math.max(0, lossUsd - returned);
    }

    /** Matched with high or medium confidence to a protocol that was listed by the incident's date. */
    public boolean inPopulation() {
        return !protocolId.isEmpty() && (confidence == Confidence.HIGH || confidence == Confidence.MEDIUM) && listedBefore;
    }
}
