package io.auditcover.claims;

import io.auditcover.cover.Cover;
import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.evidence.Identifiers;
import io.auditcover.evidence.ScopeCheck;
import io.auditcover.money.Money;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Indemnity claims, from filing to explanation: a holder files on a cover active at a confirmed incident, {@link ClaimRules}
 * decide it at once from the facts drawn here from the books (frozen terms, the exploited code's scope at the incident's
 * block, the proven loss, what other covers of the same wallet were approved for), and assessors open when the rules cannot
 * decide. Every decision can be explained later from the same facts. Pure: reads the books and {@code now}.
 */
public final class Filings {
    private Filings() {
    }

    /**
     * invalid_command (holder, claimed loss, evidence), cover_not_found, not_owner, incident_not_found, asset_mismatch,
     * invalid_command (not an indemnity cover on the incident's protocol), cover_not_active_at_incident, report_window_closed, incident_not_final (pending or rejected),
     * incident_already_settled, already_exists (one claim per cover and incident). Then the rules decide it at once.
     */
    public static Verdict<FiledClaim> file(Books books, String holder, long coverId, String incidentId, Money claimedLoss,
            LossEvidence evidence, Instant now) {
        if (!Identifiers.isParty(holder) || claimedLoss == null || !claimedLoss.isPositive()) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a claim needs the holder and a positive claimed loss"));
        }
        return file(books, holder, coverId, incidentId, claimedLoss, evidence, null, now);
    }

    /**
     * The claim of a cover a protocol bought for its depositors ({@link DepositorCover}), by the cover's holder: invalid_command
     * (holder; 1 to {@link DepositorCover#DEPOSITORS_MAX} depositors, each once, read by one reader at the same blocks), then as
     * {@link #file}, with invalid_command also for a cover whose terms do not pay depositors or read positions another way. It
     * claims the depositors' whole loss; the rules count it under the average clause (their proven loss) and decide it at once.
     */
    public static Verdict<FiledClaim> fileForDepositors(Books books, String holder, long coverId, String incidentId,
            List<DepositorLoss> depositors, Instant now) {
        String malformed = DepositorCover.malformed(depositors);
        if (!Identifiers.isParty(holder) || malformed != null) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, malformed != null ? malformed : "a claim needs the holder"));
        }
        Cover cover = books.covers().covers().get(coverId);
        Money zero = Money.zero(cover == null ? depositors.getFirst().evidence().balanceBefore().asset() : cover.amount().asset());
        for (DepositorLoss depositor : depositors) {
            LossEvidence each = depositor.evidence();
            if (!each.balanceBefore().asset().equals(zero.asset()) || !each.balanceAfter().asset().equals(zero.asset())
                    || !each.withdrawn().asset().equals(zero.asset())) {
                return Verdict.refused(Refusal.of(Reason.ASSET_MISMATCH, "cover " + coverId + " pays in " + zero.asset()));
            }
        }
        Money loss = zero;
        for (Money each : DepositorCover.losses(depositors)) {
            loss = loss.plus(each);
        }
        return file(books, holder, coverId, incidentId, loss, depositors.getFirst().evidence(), depositors, now);
    }

    /** One check order for both claims; {@code depositors} is null for a claim of the insured wallet. */
    private static Verdict<FiledClaim> file(Books books, String holder, long coverId, String incidentId, Money claimedLoss,
            LossEvidence evidence, List<DepositorLoss> depositors, Instant now) {
        if (evidence != null && !evidence.wellFormed()) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "loss evidence needs both values, a block before the other, and"
                    + " a non-negative withdrawal exactly when it reads a position"));
        }
        Cover cover = books.covers().covers().get(coverId);
        if (cover == null) {
            return Verdict.refused(Refusal.of(Reason.COVER_NOT_FOUND, "cover " + coverId + " does not exist"));
        }
        if (!cover.holder().equals(holder)) {
            return Verdict.refused(Refusal.of(Reason.NOT_OWNER, "cover " + cover.id() + " belongs to another holder"));
        }
        IncidentCase incidentCase = incidentId == null ? null : books.claims().incidents().get(incidentId);
        if (incidentCase == null) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_NOT_FOUND, "incident " + incidentId + " was not reported"));
        }
        var asset = cover.amount().asset();
        if (!claimedLoss.asset().equals(asset) || (evidence != null && (!evidence.balanceBefore().asset().equals(asset)
                || !evidence.balanceAfter().asset().equals(asset) || (evidence.ofPosition() && !evidence.withdrawn().asset().equals(asset))))) {
            return Verdict.refused(Refusal.of(Reason.ASSET_MISMATCH, "cover " + cover.id() + " pays in " + asset));
        }
        ClaimTerms terms = books.termsOf(cover);
        if (terms.trigger() != TriggerKind.INDEMNITY || !cover.protocolId().equals(incidentCase.incident().protocolId())) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND,
                    "only an indemnity cover on the incident's protocol files a claim; parametric covers are paid at settlement"));
        }
        Instant occurredAt = incidentCase.incident().occurredAt();
        if (occurredAt.isBefore(cover.start()) || !occurredAt.isBefore(cover.end())) {
            return Verdict.refused(Refusal.of(Reason.COVER_NOT_ACTIVE_AT_INCIDENT, "cover " + cover.id() + " ran from " + cover.start()
                    + " to " + cover.end() + "; incident " + incidentCase.incident().id() + " occurred at " + occurredAt,
                    Map.of("cover_start", cover.start().toString(), "cover_end", cover.end().toString(), "occurred_at", occurredAt.toString())));
        }
        if (!incidentCase.bornBy(cover.poolId())) {
            return Verdict.refused(Refusal.of(Reason.REPORT_WINDOW_CLOSED, "pool " + cover.poolId() + " does not bear incident " + incidentCase.incident().id()
                    + ": it was reported after the pool's report window", Map.of("pool_id", cover.poolId())));
        }
        Attestations.Status status = incidentCase.statusAt(now);
        if (status != Attestations.Status.CONFIRMED && status != Attestations.Status.FINAL) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_NOT_FINAL, "incident " + incidentCase.incident().id() + " is " + status.name().toLowerCase(Locale.ROOT),
                    Map.of("status", status.name().toLowerCase(Locale.ROOT))));
        }
        if (incidentCase.settledFor(cover.poolId())) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_ALREADY_SETTLED, "incident " + incidentCase.incident().id() + " is settled for pool " + cover.poolId()));
        }
        for (FiledClaim filed : books.claims().filedClaimsOn(incidentCase.incident().id())) {
            if (filed.coverId() == cover.id() && filed.incidentId().equals(incidentCase.incident().id())) {
                return Verdict.refused(Refusal.of(Reason.ALREADY_EXISTS, "cover " + cover.id() + " already claimed on this incident as claim " + filed.claimId()));
            }
        }
        if (terms.paysDepositors() != (depositors != null)) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, terms.paysDepositors()
                    ? "cover " + cover.id() + " was bought for the protocol's depositors: its claim names their losses"
                    : "cover " + cover.id() + " pays its insured wallet, not a protocol's depositors"));
        }
        if (evidence != null && evidence.ofPosition() && !evidence.position().equals(terms.position())) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "cover " + cover.id() + "'s terms read its position "
                    + (terms.position() == null ? "nowhere" : "as " + terms.position().describe()) + "; the evidence reads "
                    + evidence.position().describe()));
        }
        Money proven = depositors != null ? DepositorCover.lossCounted(cover.amount(), DepositorCover.exposedFunds(depositors, Money.zero(asset)),
                claimedLoss) : evidence == null ? null : evidence.provenLoss();
        // Only position evidence is kept with the claim: balance evidence never was, and keeping it now would change older states.
        LossEvidence kept = depositors == null && evidence != null && evidence.ofPosition() ? evidence : null;
        long claimId = books.claims().lastClaimId() + 1;
        PaidElsewhere elsewhere = paidElsewhere(books, cover, incidentCase.incident().id(), claimId, now, Map.of());
        Adjudication adjudication = ClaimRules.check(indemnityFacts(cover, terms, cover.remaining(), incidentCase,
                scopeAt(books, incidentCase.incident()), claimedLoss, proven, elsewhere, now, reimbursedTo(books, cover, incidentId, now),
                kept, depositors));
        Assessment assessment = null;
        Money deposit = null;
        if (adjudication.decision() == Adjudication.Decision.NEEDS_ASSESSMENT) {
            assessment = Panels.openFirst(books, claimId, cover, Panels.conflicts(books, cover, incidentCase), now);
            deposit = assessment == null ? null : Panels.depositFor(claimedLoss);
        }
        return Verdict.accepted(new FiledClaim(claimId, cover.id(), cover.poolId(), incidentCase.incident().id(), holder, claimedLoss,
                proven, now, adjudication.reasonCode(), adjudication.payout(), assessment, deposit, kept, depositors));
    }

    /**
     * A decided claim with every rule's verdict and facts, from the facts it was decided on, and the scope checks recorded at
     * the incident's block that gave its contracts' scope (empty where the watcher's history did).
     */
    public record Explanation(DecidedClaim claim, Adjudication adjudication, List<ScopeCheck> scopeChecks) {
        public Explanation {
            scopeChecks = List.copyOf(scopeChecks);
        }
    }

    /** The scope checks at the incident's first block that {@link #scopeAt} reads for its contracts. */
    private static List<ScopeCheck> scopeChecksAt(Books books, Incident incident) {
        var checks = new ArrayList<ScopeCheck>();
        for (String contractKey : incident.contractKeys()) {
            books.evidence().scopeCheckAt(contractKey, incident.fromBlock()).ifPresent(checks::add);
        }
        return checks;
    }

    /** The terms a cover sold now on this listing gets frozen into it. */
    public static ClaimTerms termsForNewCover(ClaimBook claims, Listing listing, Pool pool) {
        ClaimTerms terms = claims.listingClaimTerms().get(Listing.key(listing.poolId(), listing.protocolId()));
        return terms != null ? terms : ClaimTerms.defaultTerms(pool.asset());
    }
    public static ClaimFacts indemnityFacts(Cover cover, ClaimTerms terms, Money remaining, IncidentCase incidentCase,
            Map<String, ScopeStatus> scope, Money claimed, Money proven, PaidElsewhere elsewhere, Instant filedAt,
            List<Reimbursement> reimbursements, LossEvidence evidence, List<DepositorLoss> depositors) {
        Incident incident = incidentCase.incident();
        return new ClaimFacts(terms, cover.start(), cover.end(), cover.amount(), remaining, incident.occurredAt(), incident.fromBlock(),
                scope, Optional.of(incident.cause()), claimed, Optional.ofNullable(proven), filedAt, incident.lossShare(), elsewhere,
                reimbursements, evidence, depositors);
    }

    /**
     * invalid_command (who declares, a positive amount, the source, evidence of at most {@link Reimbursement#EVIDENCE_LENGTH_MAX}
     * characters), cover_not_found, not_owner (neither the cover's holder nor the operator), incident_not_found, asset_mismatch,
     * invalid_command (not an indemnity cover on the incident's protocol: a parametric payout is never net of anything),
     * cover_not_active_at_incident, report_window_closed, incident_already_settled (for the cover's pool: what was paid stays
     * paid), invalid_command (more than {@link Reimbursement#PER_COVER_AND_INCIDENT_MAX} on the cover and incident),
     * amount_too_large (the wallet's total would overflow).
     */
    public static Verdict<Reimbursement> declareReimbursement(Books books, String declaredBy, long coverId, String incidentId, Money amount,
            Reimbursement.Source source, String evidence, Instant now) {
        if (!Identifiers.isParty(declaredBy) || amount == null || !amount.isPositive() || source == null || evidence == null
                || evidence.isBlank() || evidence.length() > Reimbursement.EVIDENCE_LENGTH_MAX) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a reimbursement needs who declares it, a positive amount, its source"
                    + " and evidence of at most " + Reimbursement.EVIDENCE_LENGTH_MAX + " characters"));
        }
        Cover cover = books.covers().covers().get(coverId);
        if (cover == null) {
            return Verdict.refused(Refusal.of(Reason.COVER_NOT_FOUND, "cover " + coverId + " does not exist"));
        }
        if (!cover.holder().equals(declaredBy) && !declaredBy.equals(Reimbursement.OPERATOR)) {
            return Verdict.refused(Refusal.of(Reason.NOT_OWNER, "only cover " + cover.id() + "'s holder or the operator declares its reimbursements"));
        }
        IncidentCase incidentCase = incidentId == null ? null : books.claims().incidents().get(incidentId);
        if (incidentCase == null) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_NOT_FOUND, "incident " + incidentId + " was not reported"));
        }
        if (!amount.asset().equals(cover.amount().asset())) {
            return Verdict.refused(Refusal.of(Reason.ASSET_MISMATCH, "cover " + cover.id() + " pays in " + cover.amount().asset()));
        }
        Incident incident = incidentCase.incident();
        if (books.termsOf(cover).trigger() != TriggerKind.INDEMNITY || !cover.protocolId().equals(incident.protocolId())) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND,
                    "only an indemnity cover on the incident's protocol pays net of reimbursements; a parametric cover pays for the event"));
        }
        if (incident.occurredAt().isBefore(cover.start()) || !incident.occurredAt().isBefore(cover.end())) {
            return Verdict.refused(Refusal.of(Reason.COVER_NOT_ACTIVE_AT_INCIDENT, "cover " + cover.id() + " did not run when incident "
                    + incident.id() + " occurred", Map.of("cover_start", cover.start().toString(), "cover_end", cover.end().toString(),
                    "occurred_at", incident.occurredAt().toString())));
        }
        if (!incidentCase.bornBy(cover.poolId())) {
            return Verdict.refused(Refusal.of(Reason.REPORT_WINDOW_CLOSED, "pool " + cover.poolId() + " does not bear incident " + incident.id(),
                    Map.of("pool_id", cover.poolId())));
        }
        if (incidentCase.settledFor(cover.poolId())) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_ALREADY_SETTLED, "incident " + incident.id() + " is settled for pool "
                    + cover.poolId() + ": its claims are paid"));
        }
        long onCover = books.claims().reimbursementsOn(incident.id()).stream().filter(r -> r.coverId() == cover.id()).count();
        if (onCover >= Reimbursement.PER_COVER_AND_INCIDENT_MAX) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "cover " + cover.id() + " already declared "
                    + Reimbursement.PER_COVER_AND_INCIDENT_MAX + " reimbursements on incident " + incident.id()));
        }
        long total = amount.units();
        for (Reimbursement other : reimbursedTo(books, cover, incident.id(), now)) {
            total = other.amount().units() > Long.MAX_VALUE - total ? -1 : total + other.amount().units();
            if (total < 0) {
                return Verdict.refused(Refusal.of(Reason.AMOUNT_TOO_LARGE, "the reimbursements of the wallet cover " + cover.id()
                        + " insures would exceed what an amount can hold"));
            }
        }
        return Verdict.accepted(new Reimbursement(cover.id(), incident.id(), amount, source, evidence, declaredBy, now));
    }

    /**
     * What was declared reimbursed by {@code asOf} for the incident on any cover insuring the same wallet in the same asset: a
     * reimbursement makes the wallet's loss smaller, whichever of its covers it was declared on.
     */
    public static List<Reimbursement> reimbursedTo(Books books, Cover cover, String incidentId, Instant asOf) {
        String insured = insured(cover);
        var reimbursed = new ArrayList<Reimbursement>();
        for (Reimbursement reimbursement : books.claims().reimbursementsOn(incidentId)) {
            Cover on = books.covers().covers().get(reimbursement.coverId());
            if (!reimbursement.declaredAt().isAfter(asOf) && insured(on).equals(insured) && on.amount().asset().equals(cover.amount().asset())) {
                reimbursed.add(reimbursement);
            }
        }
        return reimbursed;
    }

    /**
     * The rules' decision on a filed claim from the facts it was filed on, with the reimbursements declared by {@code asOf}: what
     * settlement pays, since some may have been declared after filing (those declared before give the filing's own decision).
     */
    public static Ruling decideWithReimbursements(Books books, FiledClaim filed, Instant asOf) {
        return ClaimRules.decide(filingFacts(books, filed, asOf));
    }

    /** Whether any reimbursement reaching this claim's wallet was declared by {@code asOf}. */
    public static boolean reimbursed(Books books, FiledClaim filed, Instant asOf) {
        Cover cover = books.covers().covers().get(filed.coverId());
        return !reimbursedTo(books, cover, filed.incidentId(), asOf).isEmpty();
    }

    private static ClaimFacts filingFacts(Books books, FiledClaim filed, Instant reimbursedBy) {
        Cover cover = books.covers().covers().get(filed.coverId());
        IncidentCase incidentCase = books.claims().incidents().get(filed.incidentId());
        return indemnityFacts(cover, books.termsOf(cover), remainingAtFiling(books, filed), incidentCase,
                scopeAt(books, incidentCase.incident()), claimedLoss(filed, cover), filed.provenLoss(),
                paidElsewhere(books, cover, filed.incidentId(), filed.claimId(), filed.filedAt(), Map.of()), filed.filedAt(),
                reimbursedTo(books, cover, filed.incidentId(), reimbursedBy), filed.evidence(), filed.depositors());
    }
    /**
     * The loss the rules count as claimed: the holder's claimed loss, or, for a parametric claim sent to assessors (which claims
     * nothing), the cover amount, as in the facts the confirmation filed it on ({@link #facts}).
     */
    public static Money claimedLoss(FiledClaim filed, Cover cover) {
        return filed.claimedLoss() != null ? filed.claimedLoss() : cover.amount();
    }

    /** Whom a cover insures, for paying a loss once: the wallet declared at purchase, or the holder when it names none. */
    public static String insured(Cover cover) {
        return cover.wallet() != null ? cover.wallet() : cover.holder();
    }
    /**
     * What the claims filed before {@code beforeClaimId} on other covers insuring the same wallet, in the same asset, on this
     * incident were approved for as of {@code asOf}: as settled by then, else as the rules approved them at filing (nothing
     * while assessors decide). {@code decidedNow} holds the approvals of a settlement being decided. Approvals are made in
     * order (at filing by the rules, at settlement by assessors' accept), each limited by those before it, so together they
     * never exceed the wallet's loss, and of two claims the rules approve the earlier-filed comes first.
     */
    public static PaidElsewhere paidElsewhere(Books books, Cover cover, String incidentId, long beforeClaimId, Instant asOf,
            Map<Long, Money> decidedNow) {
        String insured = insured(cover);
        Money approved = Money.zero(cover.amount().asset());
        var claimIds = new ArrayList<Long>();
        for (FiledClaim other : books.claims().filedClaimsOn(incidentId)) {
            if (other.claimId() >= beforeClaimId || other.coverId() == cover.id() || !other.incidentId().equals(incidentId)) {
                continue;
            }
            Cover otherCover = books.covers().covers().get(other.coverId());
            // A parametric claim sent to assessors pays for the event, not for the wallet's loss: it never limits an indemnity.
            if (!insured(otherCover).equals(insured) || !otherCover.amount().asset().equals(approved.asset())
                    || books.termsOf(otherCover).trigger() == TriggerKind.PARAMETRIC) {
                continue;
            }
            Money amount = decidedNow.get(other.claimId());
            if (amount == null) {
                DecidedClaim settled = books.claims().decidedClaims().get(other.claimId());
                amount = settled != null && !settled.decidedAt().isAfter(asOf) ? settled.approved() : other.approved();
            }
            if (amount.isPositive()) {
                approved = approved.plus(amount);
                claimIds.add(other.claimId());
            }
        }
        return new PaidElsewhere(approved, claimIds);
    }
    /**
     * Each exploited contract's scope at the incident's first block: a scope check recorded at exactly that block (a code
     * observation or an operator's judgement, the latest there) first, since it speaks of that block alone; else the watcher's
     * eligibility history; unknown where both are silent.
     */
    public static Map<String, ScopeStatus> scopeAt(Books books, Incident incident) {
        var scope = new TreeMap<String, ScopeStatus>();
        for (String contractKey : incident.contractKeys()) {
            var check = books.evidence().scopeCheckAt(contractKey, incident.fromBlock());
            if (check.isPresent()) {
                scope.put(contractKey, check.get().inScope() ? ScopeStatus.IN_SCOPE : ScopeStatus.OUT_OF_SCOPE);
                continue;
            }
            Optional<EligibilityPeriod> period = books.evidence().eligibilityAt(contractKey, incident.fromBlock());
            scope.put(contractKey, period.isEmpty() ? ScopeStatus.UNKNOWN : period.get().inScope() ? ScopeStatus.IN_SCOPE : ScopeStatus.OUT_OF_SCOPE);
        }
        return scope;
    }
    /** A parametric claim is filed by the confirmation itself, at the moment the k-th oracle signed. */
    public static ClaimFacts facts(Cover cover, ClaimTerms terms, Money remaining, IncidentCase incidentCase, Map<String, ScopeStatus> scope) {
        Incident incident = incidentCase.incident();
        return new ClaimFacts(terms, cover.start(), cover.end(), cover.amount(), remaining, incident.occurredAt(), incident.fromBlock(),
                scope, Optional.of(incident.cause()), cover.amount(), Optional.empty(), incidentCase.confirmedAt(), incident.lossShare());
    }
    /** The cover's remaining amount when the claim was filed: now, plus what claims settled since then paid. */
    private static Money remainingAtFiling(Books books, FiledClaim filed) {
        Cover cover = books.covers().covers().get(filed.coverId());
        Money remaining = cover.remaining();
        for (DecidedClaim record : books.claims().decidedFiledClaimsOn(cover.id())) {
            if (!record.decidedAt().isBefore(filed.filedAt())) {
                remaining = remaining.plus(record.paid());
            }
        }
        return remaining;
    }

    /** Why claim {@code claimId} was decided as it was; empty for an unknown claim. */
    public static Optional<Explanation> explain(Books books, long claimId) {
        FiledClaim filed = books.claims().filedClaims().get(claimId);
        if (filed != null) {
            Cover cover = books.covers().covers().get(filed.coverId());
            IncidentCase incidentCase = books.claims().incidents().get(filed.incidentId());
            DecidedClaim settled = books.claims().decidedClaims().get(claimId);
            Money zero = Money.zero(cover.amount().asset());
            var record = settled != null ? settled : new DecidedClaim(claimId, cover.id(), filed.incidentId(), cover.poolId(), filed.reasonCode(),
                    filed.approved(), zero, Money.ofUnits(zero.asset(), filed.approved().units()), filed.filedAt());
            // Reimbursements count as the settlement saw them: all declared by its decision, or all so far while it is open.
            var facts = filingFacts(books, filed, settled != null ? settled.decidedAt() : Instant.MAX);
            return Optional.of(new Explanation(record, ClaimRules.check(facts), scopeChecksAt(books, incidentCase.incident())));
        }
        DecidedClaim claim = books.claims().decidedClaims().get(claimId);
        if (claim == null) {
            return Optional.empty();
        }
        Cover cover = books.covers().covers().get(claim.coverId());
        IncidentCase incidentCase = books.claims().incidents().get(claim.incidentId());
        var facts = facts(cover, books.termsOf(cover), claim.remainingCover(), incidentCase, scopeAt(books, incidentCase.incident()));
        return Optional.of(new Explanation(claim, ClaimRules.check(facts), scopeChecksAt(books, incidentCase.incident())));
    }
}
