package io.auditcover.claims;

import io.auditcover.cover.Cover;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import io.auditcover.pool.Listing;
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
    /** The least bond an appeal puts down, as a share of the claimed loss: five times a claim deposit, so appeals are meant. */
    public static final long APPEAL_BOND_BPS = 500;
    public static final int TIER_MAX = 2;
    public static final long WEIGHT_MAX = 1_000_000_000L;

    public static Money depositFor(Money claimedLoss) {
        return claimedLoss.scaled(DEPOSIT_BPS, 10_000, Rounding.POOL_RECEIVES).max(Money.ofUnits(claimedLoss.asset(), 1));
    }
    /** The least bond an appeal of a claim of {@code claimedLoss} puts down: {@link #APPEAL_BOND_BPS} of it, at least one unit. */
    public static Money appealBondFor(Money claimedLoss) {
        return claimedLoss.scaled(APPEAL_BOND_BPS, 10_000, Rounding.POOL_RECEIVES).max(Money.ofUnits(claimedLoss.asset(), 1));
    }

    /** The listing's group or delegate, or null when its claims go to every registered assessor. */
    public static ListingAssessors listingAssessors(Books books, Cover cover) {
        return books.claims().listingAssessors().get(Listing.key(cover.poolId(), cover.protocolId()));
    }

    /**
     * The first panel for a claim on {@code cover}, free of {@code conflicts}: the listing's delegate alone (unless it is a party
     * to the claim or was removed: then as if the listing named none), else the tier-1 assessors of the listing's group, else
     * every tier-1 registered assessor.
     */
    public static Map<String, Long> firstPanel(Books books, Cover cover, ConflictsOfInterest conflicts) {
        ListingAssessors named = listingAssessors(books, cover);
        if (delegateSits(books, named, conflicts)) {
            return Map.of(named.delegate(), 1L);
        }
        return groupPanel(books, named, 1, conflicts);
    }

    /** An escalation panel for a claim on {@code cover}: every tier of the listing's group, or of every registered assessor. */
    public static Map<String, Long> escalationPanel(Books books, Cover cover, ConflictsOfInterest conflicts) {
        return groupPanel(books, listingAssessors(books, cover), TIER_MAX, conflicts);
    }

    private static boolean delegateSits(Books books, ListingAssessors named, ConflictsOfInterest conflicts) {
        return named != null && named.delegate() != null && !conflicts.conflicted(named.delegate())
                && !books.claims().removedAssessors().contains(named.delegate());
    }

    private static Map<String, Long> groupPanel(Books books, ListingAssessors named, int tierMax, ConflictsOfInterest conflicts) {
        Map<String, Long> panel = panel(books, tierMax, conflicts);
        if (named != null && !named.group().isEmpty()) {
            panel.keySet().retainAll(named.group());
        }
        return panel;
    }

    /**
     * Opens the first vote on claim {@code claimId} (filed, or appealed from the rules' denial) under the book's rules; a delegate
     * deciding alone has a quorum of its one vote. Null when no assessor is free to sit.
     */
    public static Assessment openFirst(Books books, long claimId, Cover cover, ConflictsOfInterest conflicts, Instant now) {
        Map<String, Long> panel = firstPanel(books, cover, conflicts);
        if (panel.isEmpty()) {
            return null;
        }
        AssessmentRules rules = books.claims().assessmentRules();
        return Assessment.open(claimId, 1, delegated(books, cover, panel) ? rules.alone() : rules, panel, conflicts, now);
    }

    private static boolean delegated(Books books, Cover cover, Map<String, Long> panel) {
        ListingAssessors named = listingAssessors(books, cover);
        return named != null && named.delegate() != null && panel.keySet().equals(Set.of(named.delegate()));
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
    /**
     * The assessors' outcome on claim {@code claimId} as the settlement counts it now, leaving out the votes of those conflicted
     * now; once decided, as its settlement counted it. Null when assessors were never asked.
     */
    public static Assessment.Outcome outcomeNow(Books books, long claimId) {
        Assessment assessment = books.claims().assessments().get(claimId);
        if (assessment == null) {
            return null;
        }
        DecidedClaim decided = books.claims().decidedClaims().get(claimId);
        if (decided != null) {
            for (Assessment.Outcome outcome : Assessment.Outcome.values()) {
                if (decided.reasonCode().equals(IncidentSettlements.ASSESSORS_CODE_PREFIX + outcome.wire())) {
                    return outcome;
                }
            }
            return null;
        }
        return assessment.tally(conflictsOf(books, claimId));
    }

    private static ConflictsOfInterest conflictsOf(Books books, long claimId) {
        FiledClaim filed = books.claims().filedClaims().get(claimId);
        return conflicts(books, books.covers().covers().get(filed.coverId()), books.claims().incidents().get(filed.incidentId()));
    }
    /**
     * invalid_command (both a group and a delegate, a malformed id, more than {@link ListingAssessors#GROUP_SIZE_MAX}), pool_not_found,
     * protocol_not_listed, assessor_not_found (a group member who is not registered), assessor_removed (a delegate removed from
     * the panels). Neither a group nor a delegate: the listing's claims go to every registered assessor again.
     */
    public static Verdict<ListingAssessors> nameListingAssessors(Books books, String poolId, String protocolId, List<String> group,
            String delegate) {
        ListingAssessors named;
        try {
            named = new ListingAssessors(poolId, protocolId, group == null ? Set.of() : Set.copyOf(group), delegate);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a listing names a group of at most " + ListingAssessors.GROUP_SIZE_MAX
                    + " registered assessors or one delegate, not both"));
        }
        if (books.pools().pool(poolId) == null) {
            return Verdict.refused(Refusal.notFound(Reason.POOL_NOT_FOUND, "pool", poolId));
        }
        if (books.pools().listing(poolId, protocolId) == null) {
            return Verdict.refused(Refusal.of(Reason.PROTOCOL_NOT_LISTED, "pool " + poolId + " does not list " + protocolId));
        }
        for (String member : named.group()) {
            if (!books.claims().assessors().containsKey(member)) {
                return Verdict.refused(Refusal.notFound(Reason.ASSESSOR_NOT_FOUND, "assessor", member));
            }
        }
        if (delegate != null && books.claims().removedAssessors().contains(delegate)) {
            return Verdict.refused(Refusal.of(Reason.ASSESSOR_REMOVED, "assessor " + delegate + " was removed from the panels"));
        }
        return Verdict.accepted(named);
    }

    /** invalid_command (address, weight 1 to 10^9, tier 1 or 2). */
    public static Verdict<Assessor> register(String assessor, long weight, int tier) {
        if (!Identifiers.isParty(assessor) || weight < 1 || weight > WEIGHT_MAX || tier < 1
                || tier > TIER_MAX) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "an assessor needs an id or 0x address, a weight of 1-" + WEIGHT_MAX + " and tier 1 or 2"));
        }
        return Verdict.accepted(new Assessor(assessor, weight, tier));
    }
    /**
     * rationale_too_long (above {@link Assessment#RATIONALE_LENGTH_MAX} characters), invalid_command (a blank rationale), claim_not_found
     * (no assessment), conflict_of_interest, not_on_panel (never seated, or removed from the panels), already_voted, voting_closed.
     */
    public static Verdict<Assessment> vote(Books books, long claimId, String assessor, boolean accept, String rationale, Instant now) {
        Optional<Reason> badRationale = Assessment.refusalOfRationale(rationale);
        if (badRationale.isPresent()) {
            return Verdict.refused(Refusal.of(badRationale.get(), "a vote's rationale is free text of 1 to " + Assessment.RATIONALE_LENGTH_MAX
                    + " characters", Map.of("length_max", Integer.toString(Assessment.RATIONALE_LENGTH_MAX))));
        }
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
        return Verdict.accepted(assessment.vote(assessor, accept, rationale, now));
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
    /**
     * claim_not_found, not_owner, incident_already_settled, already_appealed (an appealed claim goes on by appeal, with a bond),
     * already_escalated, voting_not_over, escalation_panel_too_small.
     */
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
        if (!books.claims().appealsOf(claimId).isEmpty()) {
            // An appealed claim goes further only by appeal, with its bond: a free escalation would undo the bond's purpose.
            return Verdict.refused(Refusal.of(Reason.ALREADY_APPEALED, "claim " + claimId + " was appealed: appeal its denial, with a bond"));
        }
        return escalation(books, filed, assessment, now);
    }

    /** already_escalated, voting_not_over, escalation_panel_too_small; else the escalated vote. */
    private static Verdict<Assessment> escalation(Books books, FiledClaim filed, Assessment assessment, Instant now) {
        Cover cover = books.covers().covers().get(filed.coverId());
        ConflictsOfInterest conflicts = conflictsOf(books, filed.claimId());
        Map<String, Long> panel = escalationPanel(books, cover, conflicts);
        Optional<Reason> refusal = assessment.refusalToEscalate(panel, now);
        if (refusal.isPresent()) {
            return Verdict.refused(refused(refusal.get(), assessment, now));
        }
        // A delegate decided alone by a quorum of one; the panel after it votes by the book's rules.
        AssessmentRules rules = delegated(books, cover, assessment.panel()) ? books.claims().assessmentRules() : assessment.rules();
        return Verdict.accepted(assessment.escalate(panel, rules, conflicts, now));
    }

    /**
     * invalid_command (not an id or address), assessor_not_found (neither registered nor any listing's delegate, or removed
     * already). Then the claims whose vote is not final and not settled on whose panel it sits: it loses those seats (a vote it
     * cast there stops counting), and it is seated on no new panel.
     */
    public static Verdict<List<Long>> remove(Books books, String assessor, Instant now) {
        if (!Identifiers.isParty(assessor)) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "an assessor is an id or a 0x address"));
        }
        boolean delegate = books.claims().listingAssessors().values().stream().anyMatch(named -> assessor.equals(named.delegate()));
        if (!books.claims().assessors().containsKey(assessor) && (!delegate || books.claims().removedAssessors().contains(assessor))) {
            return Verdict.refused(Refusal.notFound(Reason.ASSESSOR_NOT_FOUND, "assessor", assessor));
        }
        var seats = new java.util.ArrayList<Long>();
        books.claims().assessments().forEach((claimId, assessment) -> {
            if (assessment.seats(assessor, now) && !books.claims().decidedClaims().containsKey(claimId)) {
                seats.add(claimId);
            }
        });
        return Verdict.accepted(List.copyOf(seats));
    }

    /**
     * invalid_command (no bond), claim_not_found, not_owner, incident_already_settled, asset_mismatch (bond); then for a claim the
     * rules decided: claim_not_denied (approved, or sent to assessors), no_assessors (none free to sit); for one before
     * assessors: voting_not_over, already_appealed (the escalation panel's outcome is final), claim_not_denied (the counted
     * votes do not deny it), escalation_panel_too_small; then bond_too_small (below {@link #appealBondFor}).
     */
    public static Verdict<Appealed> appeal(Books books, long claimId, String holder, Money bond, Instant now) {
        if (bond == null || !bond.isPositive()) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "an appeal puts down a positive bond"));
        }
        FiledClaim filed = books.claims().filedClaims().get(claimId);
        if (filed == null) {
            return Verdict.refused(books.claims().decidedClaims().containsKey(claimId)
                    ? Refusal.of(Reason.INCIDENT_ALREADY_SETTLED, "claim " + claimId + " was decided at its incident's settlement")
                    : Refusal.notFound(Reason.CLAIM_NOT_FOUND, "claim", Long.toString(claimId)));
        }
        if (!filed.holder().equals(holder)) {
            return Verdict.refused(Refusal.of(Reason.NOT_OWNER, "claim " + claimId + " belongs to another holder"));
        }
        Cover cover = books.covers().covers().get(filed.coverId());
        if (books.claims().decidedClaims().containsKey(claimId) || books.claims().incidents().get(filed.incidentId()).settledFor(cover.poolId())) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_ALREADY_SETTLED, "incident " + filed.incidentId() + " is settled: claim "
                    + claimId + " is decided"));
        }
        // a parametric claim referred to assessors claims no amount: its cover's stands for it
        Money claimed = Filings.claimedLoss(filed, cover);
        if (!bond.asset().equals(claimed.asset())) {
            return Verdict.refused(Refusal.of(Reason.ASSET_MISMATCH, "claim " + claimId + " is in " + claimed.asset()));
        }
        Assessment assessment = books.claims().assessments().get(claimId);
        Verdict<Assessment> opened = assessment == null ? appealOfRules(books, filed, cover, now) : appealOfAssessors(books, filed, assessment, now);
        if (opened instanceof Verdict.Refused<Assessment> refused) {
            return Verdict.refused(refused.refusal());
        }
        Money least = appealBondFor(claimed);
        if (least.exceeds(bond)) {
            return Verdict.refused(Refusal.of(Reason.BOND_TOO_SMALL, "an appeal of claim " + claimId + " puts down at least " + least,
                    Map.of("bond_min", least.toDecimalString(), "asset", least.asset().code())));
        }
        Assessment next = ((Verdict.Accepted<Assessment>) opened).value();
        return Verdict.accepted(new Appealed(new Appeal(claimId, holder, next.round(), bond, now), next));
    }

    /** An appeal and the vote it opened. */
    public record Appealed(Appeal appeal, Assessment assessment) {
    }

    private static Verdict<Assessment> appealOfRules(Books books, FiledClaim filed, Cover cover, Instant now) {
        if (filed.reasonCode().equals(Adjudication.APPROVED_CODE) || filed.reasonCode().equals(Adjudication.NEEDS_ASSESSMENT_CODE)) {
            return Verdict.refused(Refusal.of(Reason.CLAIM_NOT_DENIED, "claim " + filed.claimId() + " was not denied: the rules said "
                    + filed.reasonCode(), Map.of("reason_code", filed.reasonCode())));
        }
        Assessment opened = openFirst(books, filed.claimId(), cover, conflictsOf(books, filed.claimId()), now);
        if (opened == null) {
            return Verdict.refused(Refusal.of(Reason.NO_ASSESSORS, "no assessor free of the claim can sit on its panel"));
        }
        return Verdict.accepted(opened);
    }

    private static Verdict<Assessment> appealOfAssessors(Books books, FiledClaim filed, Assessment assessment, Instant now) {
        if (assessment.phaseAt(now) == Assessment.Phase.VOTING) {
            return Verdict.refused(refused(Reason.VOTING_NOT_OVER, assessment, now));
        }
        if (assessment.round() >= Assessment.ROUND_MAX) {
            return Verdict.refused(refused(Reason.ALREADY_APPEALED, assessment, now));
        }
        Assessment.Outcome outcome = assessment.tally(conflictsOf(books, filed.claimId()));
        if (outcome != Assessment.Outcome.DENY) {
            return Verdict.refused(Refusal.of(Reason.CLAIM_NOT_DENIED, "the assessors did not deny claim " + filed.claimId() + ": "
                    + outcome.wire(), Map.of("outcome", outcome.wire())));
        }
        return escalation(books, filed, assessment, now);
    }
    private static Refusal refused(Reason code, Assessment assessment, Instant now) {
        return Refusal.of(code, "claim " + assessment.claimId() + ": " + code.wire().replace('_', ' ')
                + " (round " + assessment.round() + ", voting ends " + assessment.endsAt() + ")",
                Map.of("phase", assessment.phaseAt(now).name().toLowerCase(Locale.ROOT), "ends_at", assessment.endsAt().toString()));
    }
}
