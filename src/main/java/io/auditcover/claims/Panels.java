package io.auditcover.claims;

import io.auditcover.cover.Cover;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import io.auditcover.pool.Position;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Assessor panels: who sits on a claim's panel (registered assessors by tier, never a party to the claim), the deposit a
 * claim before assessors takes, and the votes, undos and escalations of an assessment. Pure: reads the books and {@code now}.
 */
public final class Panels {
    private Panels() {
    }

    public static final long DEPOSIT_BPS = 100;
    public static final int TIER_MAX = 2;
    public static final long WEIGHT_MAX = 1_000_000_000L;

    public static Money depositFor(Money claimedLoss) {
        return claimedLoss.scaled(DEPOSIT_BPS, 10_000, Rounding.POOL_RECEIVES).max(Money.ofUnits(claimedLoss.asset(), 1));
    }
    /** The panel of assessors of tier {@code tierMax} and below, by weight. */
    public static Map<String, Long> panel(Books books, int tierMax) {
        var panel = new TreeMap<String, Long>();
        books.claims().assessors().values().stream().filter(a -> a.tier() <= tierMax).forEach(a -> panel.put(a.assessor(), a.weight()));
        return panel;
    }
    /** The panel of assessors of tier {@code tierMax} and below who are free of {@code conflicts}. */
    public static Map<String, Long> panel(Books books, int tierMax, ConflictsOfInterest conflicts) {
        return conflicts.panelFrom(panel(books, tierMax));
    }
    /**
     * Who may not judge a claim on {@code cover} for this incident, as the state stands now: the holder, the insured wallet,
     * the holders of other claims on the same wallet and incident (they share its loss), and every underwriter of the paying
     * pool who holds shares now or held them at the incident. The stricter reading on purpose: those at the incident bear a
     * payout, those now gain a denied claim's deposit, and an underwriter who left after the incident still judged its own loss.
     */
    public static ConflictsOfInterest conflicts(Books books, Cover cover, IncidentCase incidentCase) {
        String insured = Filings.insured(cover);
        var parties = new TreeSet<String>();
        parties.add(cover.holder());
        parties.add(insured);
        for (FiledClaim other : books.claims().filedClaimsOn(incidentCase.incident().id())) {
            if (other.incidentId().equals(incidentCase.incident().id()) && Filings.insured(books.covers().covers().get(other.coverId())).equals(insured)) {
                parties.add(other.holder());
            }
        }
        for (Position position : books.pools().positions().subMap(cover.poolId() + "/", cover.poolId() + "0").values()) {
            parties.add(position.underwriter());
        }
        // Whoever held shares when it occurred, even one who has withdrawn since: its held-back money may pay the claim.
        for (var history : books.pools().shareHistories().subMap(cover.poolId() + "/", cover.poolId() + "0").values()) {
            if (history.sharesAt(incidentCase.incident().occurredAt()) > 0) {
                parties.add(history.underwriter());
            }
        }
        for (var held : books.pools().heldWithdrawalsOf(cover.poolId())) {
            parties.add(held.underwriter());
        }
        return new ConflictsOfInterest(parties);
    }
    private static ConflictsOfInterest conflictsOf(Books books, long claimId) {
        FiledClaim filed = books.claims().filedClaims().get(claimId);
        return conflicts(books, books.covers().covers().get(filed.coverId()), books.claims().incidents().get(filed.incidentId()));
    }
    /** invalid_command (address, weight 1 to 10^9, tier 1 or 2). */
    public static Verdict<Assessor> register(String assessor, long weight, int tier) {
        if (!Identifiers.isParty(assessor) || weight < 1 || weight > WEIGHT_MAX || tier < 1
                || tier > TIER_MAX) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "an assessor needs an id or 0x address, a weight of 1-" + WEIGHT_MAX + " and tier 1 or 2"));
        }
        return Verdict.accepted(new Assessor(assessor, weight, tier));
    }
    /** claim_not_found (no assessment), conflict_of_interest, not_on_panel, already_voted, voting_closed. */
    public static Verdict<Assessment> vote(Books books, long claimId, String assessor, boolean accept, Instant now) {
        Assessment assessment = books.claims().assessments().get(claimId);
        if (assessment == null) {
            return Verdict.refused(Refusal.of(Reason.CLAIM_NOT_FOUND, "claim " + claimId + " is not before assessors"));
        }
        Optional<Reason> refusal = assessment.refusalToVote(assessor, conflictsOf(books, claimId), now);
        if (refusal.isPresent() && refusal.get().equals(ConflictsOfInterest.CODE)) {
            return Verdict.refused(Refusal.of(Reason.CONFLICT_OF_INTEREST, "assessor " + assessor + " may not judge claim " + claimId
                    + ": it holds the cover, is the insured wallet, shares the wallet's loss, or underwrites the paying pool",
                    Map.of("assessor", assessor, "claim_id", Long.toString(claimId))));
        }
        if (refusal.isPresent()) {
            return Verdict.refused(refused(refusal.get(), assessment, now));
        }
        return Verdict.accepted(assessment.vote(assessor, accept, now));
    }
    /** invalid_command (no assessors named), claim_not_found, not_in_cooldown, vote_not_found. */
    public static Verdict<Assessment> undo(Books books, long claimId, java.util.List<String> assessorsNamed, Instant now) {
        if (assessorsNamed == null || assessorsNamed.isEmpty() || assessorsNamed.size() > Assessment.PANEL_SIZE_MAX) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "name 1 to " + Assessment.PANEL_SIZE_MAX + " assessors whose votes to undo"));
        }
        Assessment assessment = books.claims().assessments().get(claimId);
        if (assessment == null) {
            return Verdict.refused(Refusal.of(Reason.CLAIM_NOT_FOUND, "claim " + claimId + " is not before assessors"));
        }
        Set<String> assessors = Set.copyOf(assessorsNamed);
        Optional<Reason> refusal = assessment.refusalToUndo(assessors, now);
        if (refusal.isPresent()) {
            return Verdict.refused(refused(refusal.get(), assessment, now));
        }
        return Verdict.accepted(assessment.undo(assessors, now));
    }
    /** claim_not_found, not_owner, incident_already_settled, already_escalated, voting_not_over, escalation_panel_too_small. */
    public static Verdict<Assessment> escalate(Books books, long claimId, String holder, Instant now) {
        Assessment assessment = books.claims().assessments().get(claimId);
        if (assessment == null) {
            return Verdict.refused(Refusal.of(Reason.CLAIM_NOT_FOUND, "claim " + claimId + " is not before assessors"));
        }
        FiledClaim filed = books.claims().filedClaims().get(claimId);
        if (!filed.holder().equals(holder)) {
            return Verdict.refused(Refusal.of(Reason.NOT_OWNER, "claim " + claimId + " belongs to another holder"));
        }
        if (books.claims().incidents().get(filed.incidentId()).settledFor(books.covers().covers().get(filed.coverId()).poolId())) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_ALREADY_SETTLED, "incident " + filed.incidentId() + " is settled"));
        }
        ConflictsOfInterest conflicts = conflictsOf(books, claimId);
        Map<String, Long> panel = panel(books, TIER_MAX, conflicts);
        Optional<Reason> refusal = assessment.refusalToEscalate(panel, now);
        if (refusal.isPresent()) {
            return Verdict.refused(refused(refusal.get(), assessment, now));
        }
        return Verdict.accepted(assessment.escalate(panel, conflicts, now));
    }
    private static Refusal refused(Reason code, Assessment assessment, Instant now) {
        return Refusal.of(code, "claim " + assessment.claimId() + ": " + code.wire().replace('_', ' ')
                + " (round " + assessment.round() + ", voting ends " + assessment.endsAt() + ")",
                Map.of("phase", assessment.phaseAt(now).name().toLowerCase(Locale.ROOT), "ends_at", assessment.endsAt().toString()));
    }
}
