package io.auditcover.claims;

import java.util.Locale;

/**
 * The machine-checkable claim rules, in the order they are checked and reported. The first failed rule
 * gives the claim's denial code; a rule whose facts are missing is undecided and sends the claim to
 * assessors, unless a later rule fails outright.
 */
public enum Rule {
    /** The incident happened while the cover ran: start ≤ incident < end. */
    COVER_ACTIVE_AT_INCIDENT("cover_not_active_at_incident"),
    /** The cover was bought before the incident, by at least the terms' waiting period. */
    BOUGHT_BEFORE_INCIDENT("waiting_period_not_met"),
    /** Every exploited contract ran audited code at the incident block. */
    EXPLOITED_CODE_IN_AUDITED_SCOPE("code_out_of_audited_scope"),
    /** The incident's cause is not among the terms' exclusions. */
    CAUSE_NOT_EXCLUDED("cause_excluded"),
    /** Indemnity: the loss counted, the smaller of the claimed and the proven loss, reaches the deductible. */
    LOSS_AT_LEAST_DEDUCTIBLE("loss_below_deductible"),
    /** Indemnity: other covers' claims on this incident have not already been approved for all of the insured wallet's loss. */
    LOSS_NOT_PAID_BY_OTHER_COVERS("loss_already_paid"),
    /** Something of the cover is left to pay. */
    AMOUNT_WITHIN_REMAINING_COVER("cover_exhausted"),
    /** The claim was filed within the claim window of the terms frozen at purchase. */
    FILED_WITHIN_CLAIM_WINDOW("claim_window_closed");

    private final String failureCode;

    Rule(String failureCode) {
        this.failureCode = failureCode;
    }

    /** The stable code a claim is denied with when this rule fails. */
    public String failureCode() {
        return failureCode;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
