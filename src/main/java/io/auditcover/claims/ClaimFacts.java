package io.auditcover.claims;

import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the claim rules look at, gathered by the engine from the cover, the incident, the
 * eligibility history and chain facts. A fact that could not be established is empty (or
 * {@link ScopeStatus#UNKNOWN}); the rule that needs it is then undecided rather than guessed.
 *
 * @param scopeAtIncident each exploited contract's key and whether its code was in audited scope at the incident block
 * @param cause           the incident's cause, empty when the attestations did not settle it
 * @param claimedLoss     what the holder says they lost (parametric: the cover amount)
 * @param provenLoss      the loss the chain shows (balance before minus after), empty when not provable
 * @param lossShare       the share of the protocol the incident took, as the oracles signed it
 * @param paidElsewhere   what other covers' claims on this incident were approved for to the same insured wallet
 * @param reimbursements  what the insured wallet already got back for this incident's loss, as declared (indemnity only)
 * @param evidence        the position evidence {@code provenLoss} came from, for the explanation; null when it came from balances
 *                        of the cover's asset or there is none
 * @param depositors      the depositors' losses of a protocol-bought cover's claim ({@link DepositorCover}); null for the insured wallet's
 */
public record ClaimFacts(ClaimTerms terms, Instant coverStart, Instant coverEnd, Money coverAmount, Money remainingCover,
        Instant incidentAt, long incidentBlock, Map<String, ScopeStatus> scopeAtIncident, Optional<Cause> cause, Money claimedLoss,
        Optional<Money> provenLoss, Instant filedAt, Ratio lossShare, PaidElsewhere paidElsewhere, List<Reimbursement> reimbursements,
        LossEvidence evidence, List<DepositorLoss> depositors) {

    /** Facts of a claim of the insured wallet. */
    public ClaimFacts(ClaimTerms terms, Instant coverStart, Instant coverEnd, Money coverAmount, Money remainingCover, Instant incidentAt,
            long incidentBlock, Map<String, ScopeStatus> scopeAtIncident, Optional<Cause> cause, Money claimedLoss, Optional<Money> provenLoss,
            Instant filedAt, Ratio lossShare, PaidElsewhere paidElsewhere, List<Reimbursement> reimbursements, LossEvidence evidence) {
        this(terms, coverStart, coverEnd, coverAmount, remainingCover, incidentAt, incidentBlock, scopeAtIncident, cause, claimedLoss,
                provenLoss, filedAt, lossShare, paidElsewhere, reimbursements, evidence, null);
    }

    /** Facts of a claim whose loss, if proven, was proven on balances of the cover's asset. */
    public ClaimFacts(ClaimTerms terms, Instant coverStart, Instant coverEnd, Money coverAmount, Money remainingCover, Instant incidentAt,
            long incidentBlock, Map<String, ScopeStatus> scopeAtIncident, Optional<Cause> cause, Money claimedLoss, Optional<Money> provenLoss,
            Instant filedAt, Ratio lossShare, PaidElsewhere paidElsewhere, List<Reimbursement> reimbursements) {
        this(terms, coverStart, coverEnd, coverAmount, remainingCover, incidentAt, incidentBlock, scopeAtIncident, cause, claimedLoss,
                provenLoss, filedAt, lossShare, paidElsewhere, reimbursements, null);
    }

    /** Facts of a claim whose wallet was reimbursed nothing. */
    public ClaimFacts(ClaimTerms terms, Instant coverStart, Instant coverEnd, Money coverAmount, Money remainingCover, Instant incidentAt,
            long incidentBlock, Map<String, ScopeStatus> scopeAtIncident, Optional<Cause> cause, Money claimedLoss, Optional<Money> provenLoss,
            Instant filedAt, Ratio lossShare, PaidElsewhere paidElsewhere) {
        this(terms, coverStart, coverEnd, coverAmount, remainingCover, incidentAt, incidentBlock, scopeAtIncident, cause, claimedLoss,
                provenLoss, filedAt, lossShare, paidElsewhere, List.of());
    }

    /** Facts of a claim whose wallet no other claim on the incident was paid for. */
    public ClaimFacts(ClaimTerms terms, Instant coverStart, Instant coverEnd, Money coverAmount, Money remainingCover, Instant incidentAt,
            long incidentBlock, Map<String, ScopeStatus> scopeAtIncident, Optional<Cause> cause, Money claimedLoss, Optional<Money> provenLoss,
            Instant filedAt, Ratio lossShare) {
        this(terms, coverStart, coverEnd, coverAmount, remainingCover, incidentAt, incidentBlock, scopeAtIncident, cause, claimedLoss,
                provenLoss, filedAt, lossShare, coverAmount == null ? null : PaidElsewhere.none(Money.zero(coverAmount.asset())));
    }

    /** Facts of an incident that took all it hit. */
    public ClaimFacts(ClaimTerms terms, Instant coverStart, Instant coverEnd, Money coverAmount, Money remainingCover, Instant incidentAt,
            long incidentBlock, Map<String, ScopeStatus> scopeAtIncident, Optional<Cause> cause, Money claimedLoss, Optional<Money> provenLoss,
            Instant filedAt) {
        this(terms, coverStart, coverEnd, coverAmount, remainingCover, incidentAt, incidentBlock, scopeAtIncident, cause, claimedLoss,
                provenLoss, filedAt, Ratio.ONE);
    }

    public ClaimFacts {
        if (terms == null || coverStart == null || coverEnd == null || coverAmount == null || remainingCover == null || incidentAt == null
                || scopeAtIncident == null || cause == null || claimedLoss == null || provenLoss == null || filedAt == null
                || lossShare == null || paidElsewhere == null || reimbursements == null) {
            throw new IllegalArgumentException("every claim fact is required (use empty for an unknown one)");
        }
        // Map.copyOf returns an immutable map as it is, so the engine's settlement shares one scope across all its covers.
        scopeAtIncident = Map.copyOf(scopeAtIncident);
        reimbursements = List.copyOf(reimbursements);
        depositors = depositors == null ? null : List.copyOf(depositors);
        for (Reimbursement reimbursement : reimbursements) {
            if (!reimbursement.amount().asset().equals(coverAmount.asset())) {
                throw new IllegalArgumentException("a reimbursement counts in the cover's asset: " + reimbursement);
            }
        }
    }

    /** What the insured wallet got back in all; exact, and far below overflow (each declaration is checked on the way in). */
    public Money reimbursed() {
        Money total = Money.zero(coverAmount.asset());
        for (Reimbursement reimbursement : reimbursements) {
            total = total.plus(reimbursement.amount());
        }
        return total;
    }
}
