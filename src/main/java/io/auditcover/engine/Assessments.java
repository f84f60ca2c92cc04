package io.auditcover.engine;

import io.auditcover.claims.FiledClaim;
import io.auditcover.claims.IncidentCase;
import io.auditcover.claims.Assessment;
import io.auditcover.claims.ConflictsOfInterest;
import io.auditcover.cover.Cover;
import io.auditcover.reason.Reason;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import io.auditcover.pool.Position;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Assessors decide the claims the rules could not: a claim that needs assessment opens a vote of the tier-1 assessors and
 * takes a claim deposit from the claimant; votes, the operator's undo in the cooldown and the holder's escalation to every
 * tier change it; settlement reads its outcome once final.
 */
final class Assessments {
    /** The claim deposit: 1 % of the claimed loss, rounded up, at least one unit. */
    static final long DEPOSIT_BPS = 100;
    static final int TIER_MAX = 2;
    static final long WEIGHT_MAX = 1_000_000_000L;

    private Assessments() {
    }

    static Money depositFor(Money claimedLoss) {
        return claimedLoss.scaled(DEPOSIT_BPS, 10_000, Rounding.POOL_RECEIVES).max(Money.ofUnits(claimedLoss.asset(), 1));
    }

    /** The panel of assessors of tier {@code tierMax} and below, by weight. */
    static Map<String, Long> panel(State state, int tierMax) {
        var panel = new TreeMap<String, Long>();
        state.claims.assessors().values().stream().filter(a -> a.tier() <= tierMax).forEach(a -> panel.put(a.assessor(), a.weight()));
        return panel;
    }

    /** The panel of assessors of tier {@code tierMax} and below who are free of {@code conflicts}. */
    static Map<String, Long> panel(State state, int tierMax, ConflictsOfInterest conflicts) {
        return conflicts.panelFrom(panel(state, tierMax));
    }

    /**
     * Who may not judge a claim on {@code cover} for this incident, as the state stands now: the holder, the insured wallet,
     * the holders of other claims on the same wallet and incident (they share its loss), and every underwriter of the paying
     * pool who holds shares now or held them at the incident. The stricter reading on purpose: those at the incident bear a
     * payout, those now gain a denied claim's deposit, and an underwriter who left after the incident still judged its own loss.
     */
    static ConflictsOfInterest conflicts(State state, Cover cover, IncidentCase incidentCase) {
        String insured = ClaimDecisions.insured(cover);
        var parties = new TreeSet<String>();
        parties.add(cover.holder());
        parties.add(insured);
        for (FiledClaim other : state.claims.filedClaimsOn(incidentCase.incident().id())) {
            if (other.incidentId().equals(incidentCase.incident().id()) && ClaimDecisions.insured(state.covers.covers().get(other.coverId())).equals(insured)) {
                parties.add(other.holder());
            }
        }
        for (Position position : state.pools.positions().subMap(cover.poolId() + "/", cover.poolId() + "0").values()) {
            parties.add(position.underwriter());
        }
        // Whoever held shares when it occurred, even one who has withdrawn since: its held-back money may pay the claim.
        for (var history : state.pools.shareHistories().subMap(cover.poolId() + "/", cover.poolId() + "0").values()) {
            if (history.sharesAt(incidentCase.incident().occurredAt()) > 0) {
                parties.add(history.underwriter());
            }
        }
        for (var held : state.pools.heldWithdrawalsOf(cover.poolId())) {
            parties.add(held.underwriter());
        }
        return new ConflictsOfInterest(parties);
    }

    private static ConflictsOfInterest conflictsOf(State state, long claimId) {
        FiledClaim filed = state.claims.filedClaims().get(claimId);
        return conflicts(state, state.covers.covers().get(filed.coverId()), state.claims.incidents().get(filed.incidentId()));
    }

    /** invalid_command (address, weight 1 to 10^9, tier 1 or 2). */
    static Decision registerAssessor(Command.RegisterAssessor command) {
        if (!Identifiers.isParty(command.assessor()) || command.weight() < 1 || command.weight() > WEIGHT_MAX || command.tier() < 1
                || command.tier() > TIER_MAX) {
            return Rejection.of(Reason.INVALID_COMMAND, "an assessor needs an id or 0x address, a weight of 1-" + WEIGHT_MAX + " and tier 1 or 2");
        }
        return new Event.AssessorRegistered(command.assessor(), command.weight(), command.tier());
    }

    /** invalid_command (rules missing). */
    static Decision configure(Command.ConfigureAssessment command) {
        if (command.rules() == null) {
            return Rejection.of(Reason.INVALID_COMMAND, "assessment rules are required");
        }
        return new Event.AssessmentConfigured(command.rules());
    }

    /** claim_not_found (no assessment), conflict_of_interest, not_on_panel, already_voted, voting_closed. */
    static Decision castVote(State state, Command.CastVote command, Instant now) {
        Assessment assessment = state.claims.assessments().get(command.claimId());
        if (assessment == null) {
            return Rejection.of(Reason.CLAIM_NOT_FOUND, "claim " + command.claimId() + " is not before assessors");
        }
        Optional<Reason> refusal = assessment.refusalToVote(command.assessor(), conflictsOf(state, command.claimId()), now);
        if (refusal.isPresent() && refusal.get().equals(ConflictsOfInterest.CODE)) {
            return Rejection.of(Reason.CONFLICT_OF_INTEREST, "assessor " + command.assessor() + " may not judge claim " + command.claimId()
                    + ": it holds the cover, is the insured wallet, shares the wallet's loss, or underwrites the paying pool",
                    Map.of("assessor", command.assessor(), "claim_id", Long.toString(command.claimId())));
        }
        if (refusal.isPresent()) {
            return refused(refusal.get(), assessment, now);
        }
        return new Event.AssessmentChanged(command.claimId(), assessment.vote(command.assessor(), command.accept(), now));
    }

    /** invalid_command (no assessors named), claim_not_found, not_in_cooldown, vote_not_found. */
    static Decision undoVotes(State state, Command.UndoVotes command, Instant now) {
        if (command.assessors() == null || command.assessors().isEmpty() || command.assessors().size() > Assessment.PANEL_SIZE_MAX) {
            return Rejection.of(Reason.INVALID_COMMAND, "name 1 to " + Assessment.PANEL_SIZE_MAX + " assessors whose votes to undo");
        }
        Assessment assessment = state.claims.assessments().get(command.claimId());
        if (assessment == null) {
            return Rejection.of(Reason.CLAIM_NOT_FOUND, "claim " + command.claimId() + " is not before assessors");
        }
        Set<String> assessors = Set.copyOf(command.assessors());
        Optional<Reason> refusal = assessment.refusalToUndo(assessors, now);
        if (refusal.isPresent()) {
            return refused(refusal.get(), assessment, now);
        }
        return new Event.AssessmentChanged(command.claimId(), assessment.undo(assessors, now));
    }

    /** claim_not_found, not_owner, incident_already_settled, already_escalated, voting_not_over, escalation_panel_too_small. */
    static Decision escalate(State state, Command.EscalateClaim command, Instant now) {
        Assessment assessment = state.claims.assessments().get(command.claimId());
        if (assessment == null) {
            return Rejection.of(Reason.CLAIM_NOT_FOUND, "claim " + command.claimId() + " is not before assessors");
        }
        FiledClaim filed = state.claims.filedClaims().get(command.claimId());
        if (!filed.holder().equals(command.holder())) {
            return Rejection.of(Reason.NOT_OWNER, "claim " + command.claimId() + " belongs to another holder");
        }
        if (state.claims.incidents().get(filed.incidentId()).settledFor(state.covers.covers().get(filed.coverId()).poolId())) {
            return Rejection.of(Reason.INCIDENT_ALREADY_SETTLED, "incident " + filed.incidentId() + " is settled");
        }
        ConflictsOfInterest conflicts = conflictsOf(state, command.claimId());
        Map<String, Long> panel = panel(state, TIER_MAX, conflicts);
        Optional<Reason> refusal = assessment.refusalToEscalate(panel, now);
        if (refusal.isPresent()) {
            return refused(refusal.get(), assessment, now);
        }
        return new Event.AssessmentChanged(command.claimId(), assessment.escalate(panel, conflicts, now));
    }

    private static Rejection refused(Reason code, Assessment assessment, Instant now) {
        return Rejection.of(code, "claim " + assessment.claimId() + ": " + code.wire().replace('_', ' ')
                + " (round " + assessment.round() + ", voting ends " + assessment.endsAt() + ")",
                Map.of("phase", assessment.phaseAt(now).name().toLowerCase(Locale.ROOT), "ends_at", assessment.endsAt().toString()));
    }
}
