package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;
import java.util.Locale;

/**
 * Money the insured already got back for an incident's loss, declared on a cover by its holder or by the operator on the
 * protocol's behalf: an indemnity claim pays the loss net of it, and the deductible applies to that net loss (as real
 * wordings apply it). A reimbursement reduces the loss of the wallet the cover insures, so every cover insuring that wallet
 * counts it, and a second cover cannot pay what the first was netted of.
 *
 * @param declaredBy the cover's holder, or {@link #OPERATOR}
 * @param evidence   what shows it, as text (a transaction, a post-mortem, a settlement letter)
 */
public record Reimbursement(long coverId, String incidentId, Money amount, Source source, String evidence, String declaredBy,
        Instant declaredAt) {
    /** Who declares for the protocol: the operator, never a wallet. */
    public static final String OPERATOR = "operator";
    public static final int EVIDENCE_LENGTH_MAX = 2_000;
    /** The most reimbursements one cover declares on one incident: a few sources, each paying in a few instalments. */
    public static final int PER_COVER_AND_INCIDENT_MAX = 100;

    /** Who paid it back. */
    public enum Source {
        PROTOCOL,
        BOUNTY_NEGOTIATION,
        OTHER_INSURER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Reimbursement {
        if (incidentId == null || amount == null || !amount.isPositive() || source == null || evidence == null || evidence.isBlank()
                || evidence.length() > EVIDENCE_LENGTH_MAX || declaredBy == null || declaredAt == null) {
            throw new IllegalArgumentException("a reimbursement needs its cover, incident, a positive amount, a source, evidence of at most "
                    + EVIDENCE_LENGTH_MAX + " characters, who declared it and when");
        }
    }

    /** As the explanation shows it. */
    public String describe() {
        return amount + " from " + source.wire() + ", declared by " + declaredBy + " on cover " + coverId + " at " + declaredAt + ": "
                + evidence;
    }
}
