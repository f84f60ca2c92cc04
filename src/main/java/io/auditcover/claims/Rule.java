package io.auditcover.claims;

import io.auditcover.reason.Reason;
import java.util.Locale;

/**
 * The machine-checkable claim rules, in the order they are checked and reported. The first failed rule
 * gives the claim's denial code; a rule whose facts are missing is undecided and sends the claim to
 * assessors, unless a later rule fails outright.
 */
public enum Rule {
    /** The incident happened while the cover ran: start ≤ incident < end. */
    COVER_ACTIVE_AT_INCIDENT(Reason.COVER_NOT_ACTIVE_AT_INCIDENT),
    /** The cover was bought before the incident, by at least the terms' waiting period. */
    BOUGHT_BEFORE_INCIDENT(Reason.WAITING_PERIOD_NOT_MET),
    /** Every exploited contract ran audited code at the incident block. */
    EXPLOITED_CODE_IN_AUDITED_SCOPE(Reason.CODE_OUT_OF_AUDITED_SCOPE),
    /** The incident's cause is not among the terms' exclusions. */
    CAUSE_NOT_EXCLUDED(Reason.CAUSE_EXCLUDED),
    /**
     * The loss reaches the terms' minimum loss share, when they set one: indemnity, the loss counted (before reimbursements, a
     * test of how hard the incident hit the insured) is at least {@code share × cover amount}; parametric, the incident took at
     * least that share of the protocol.
     */
    LOSS_AT_LEAST_MINIMUM_SHARE(Reason.MINIMUM_LOSS_SHARE_NOT_MET),
    /** Indemnity: the declared reimbursements to the insured wallet leave some of the loss counted unpaid. */
    LOSS_NOT_FULLY_REIMBURSED(Reason.ALREADY_REIMBURSED),
    /**
     * Indemnity: the net loss, the loss counted (the smaller of the claimed and the proven loss) less reimbursements, reaches
     * the deductible.
     */
    LOSS_AT_LEAST_DEDUCTIBLE(Reason.LOSS_BELOW_DEDUCTIBLE),
    /** Indemnity: other covers' claims on this incident have not already been approved for all of the insured wallet's net loss. */
    LOSS_NOT_PAID_BY_OTHER_COVERS(Reason.LOSS_ALREADY_PAID),
    /** Something of the cover is left to pay. */
    AMOUNT_WITHIN_REMAINING_COVER(Reason.COVER_EXHAUSTED),
    /** The claim was filed within the claim window of the terms frozen at purchase. */
    FILED_WITHIN_CLAIM_WINDOW(Reason.CLAIM_WINDOW_CLOSED);

    private final Reason failure;

    Rule(Reason failure) {
        this.failure = failure;
    }

    /** The stable code a claim is denied with when this rule fails. */
    public String failureCode() {
        return failure.wire();
    }

    /** The reason a claim is denied with when this rule fails. */
    public Reason failure() {
        return failure;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
