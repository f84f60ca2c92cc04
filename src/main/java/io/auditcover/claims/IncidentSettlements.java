package io.auditcover.claims;

import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.reinsurance.ReinsuranceTreaty;
import io.auditcover.cover.Cover;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Pool;
import io.auditcover.pool.Position;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How an incident's claims are settled, pool by pool: once the incident is final, a pool with nothing open pays every
 * parametric cover the rules approve and every filed claim as decided, above any reinsurance recovery and pro rata when it
 * is short; a rejected incident is closed instead. Pure: reads the books and {@code now}.
 *
 * <p>Who bears the loss: a report records the shares each position of a pool with active cover on the protocol held at the
 * incident, and those pools pay no withdrawal until settled for it or the incident is rejected. At settlement the pool pays
 * from the value of those shares (plus its recovery), and burns {@code ceil(net loss × shares / capital)} shares from those
 * positions, split in proportion to their shares at the incident by exact integer allocation: capital and shares fall
 * together, so NAV per share for deposits made after the incident is unchanged (rounding goes, by at most one share, against
 * the positions bearing the loss).
 */
public final class IncidentSettlements {
    private IncidentSettlements() {
    }

    /** The reason code of claims filed on an incident whose confirmation was disputed away or never reached k. */
    public static final String INCIDENT_REJECTED_CODE = Reason.INCIDENT_REJECTED.wire();
    /** An assessed claim's reason code is this and its outcome: assessors_accept, assessors_deny or assessors_draw. */
    public static final String ASSESSORS_CODE_PREFIX = "assessors_";

    /**
     * incident_not_found, incident_already_settled, incident_not_final; then the pools with covers on the incident that have
     * nothing open (no assessment still voting, no indemnity cover that may still claim) are settled: their parametric covers
     * decided and paid, their filed claims paid as decided. Pools still waiting settle on a later request; when none is ready,
     * the first thing one waits for is the rejection (assessment_open, claim_window_open). A rejected incident is closed
     * instead: its filed claims are denied and their deposits returned, since they were filed in good faith on an incident that
     * was confirmed at the time.
     */
    public static Verdict<SettledIncident> settle(Books books, String incidentId, Instant now) {
        IncidentCase incidentCase = incidentId == null ? null : books.claims().incidents().get(incidentId);
        if (incidentCase == null) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_NOT_FOUND, "incident " + incidentId + " was not reported"));
        }
        if (incidentCase.settledAt() != null) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_ALREADY_SETTLED, "incident " + incidentId + " was settled at " + incidentCase.settledAt()));
        }
        Attestations.Status status = incidentCase.statusAt(now);
        if (status == Attestations.Status.REJECTED) {
            return Verdict.accepted(closing(books, incidentCase.incident(), now));
        }
        if (status != Attestations.Status.FINAL) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_NOT_FINAL, "incident " + incidentId + " is " + status.name().toLowerCase(Locale.ROOT)
                    + ", not final", Map.of("status", status.name().toLowerCase(Locale.ROOT))));
        }
        Map<String, Refusal> pending = poolsWaiting(books, incidentCase, now);
        Set<String> ready = new TreeSet<>();
        pending.forEach((poolId, waitingFor) -> {
            if (waitingFor == null) {
                ready.add(poolId);
            }
        });
        if (ready.isEmpty() && !pending.isEmpty()) {
            return Verdict.refused(pending.values().iterator().next());
        }
        return Verdict.accepted(settlement(books, incidentCase, ready, ready.size() == pending.size(), now));
    }

    /** Incidents not yet settled whose confirmation is final or was rejected: what a settlement may be asked for now. */
    public static List<String> awaitingSettlement(Books books, Instant now) {
        return books.claims().incidents().values().stream().filter(c -> c.settledAt() == null)
                .filter(c -> c.statusAt(now) == Attestations.Status.FINAL || c.statusAt(now) == Attestations.Status.REJECTED)
                .map(c -> c.incident().id()).toList();
    }
    /**
     * The parametric claims of a final incident that the rules cannot decide (the exploited code's scope unknown at the
     * incident's block) and a panel can judge, each filed as the confirmation filed it, with its vote open from {@code now} and
     * no deposit: what a settlement request does first (the engine asks this before {@link #settle}), so that such a claim
     * goes to assessors rather than to a silent zero. Empty when there is none. Those no panel can judge keep their pool
     * waiting (assessors_unavailable) until a scope check is recorded or assessors are seated.
     */
    public static List<FiledClaim> referrals(Books books, String incidentId, Instant now) {
        IncidentCase incidentCase = incidentId == null ? null : books.claims().incidents().get(incidentId);
        if (incidentCase == null || incidentCase.settledAt() != null || incidentCase.statusAt(now) != Attestations.Status.FINAL) {
            return List.of();
        }
        Incident incident = incidentCase.incident();
        Map<String, ScopeStatus> scope = Map.copyOf(Filings.scopeAt(books, incident));
        if (!scopeUndecided(scope)) {
            return List.of();
        }
        Set<Long> filed = filedCoverIds(books, incident);
        var referred = new ArrayList<FiledClaim>();
        long claimId = books.claims().lastClaimId();
        for (Cover cover : books.covers().coversOn(incident.protocolId())) {
            Money owed = filed.contains(cover.id()) || incidentCase.settledFor(cover.poolId()) ? null
                    : undecidedParametric(books, incidentCase, scope, cover);
            if (owed == null) {
                continue;
            }
            ConflictsOfInterest conflicts = Panels.conflicts(books, cover, incidentCase);
            Map<String, Long> panel = Panels.panel(books, 1, conflicts);
            if (panel.isEmpty()) {
                continue;
            }
            claimId++;
            referred.add(new FiledClaim(claimId, cover.id(), cover.poolId(), incident.id(), cover.holder(), null, null,
                    incidentCase.confirmedAt(), Adjudication.NEEDS_ASSESSMENT_CODE, Money.zero(owed.asset()),
                    Assessment.open(claimId, 1, books.claims().assessmentRules(), panel, conflicts, now), null));
        }
        return referred;
    }

    /** Whether the scope rule is undecided on these facts: no contract named, or one unknown and none out of scope. */
    private static boolean scopeUndecided(Map<String, ScopeStatus> scope) {
        return scope.isEmpty() || (scope.containsValue(ScopeStatus.UNKNOWN) && !scope.containsValue(ScopeStatus.OUT_OF_SCOPE));
    }

    /** Whether {@code cover} is a parametric cover on the incident's protocol, running when it occurred, in a pool that bears it. */
    private static boolean parametricAt(Books books, IncidentCase incidentCase, Cover cover) {
        Incident incident = incidentCase.incident();
        return cover.protocolId().equals(incident.protocolId()) && cover.end().isAfter(incident.occurredAt())
                && incidentCase.bornBy(cover.poolId()) && books.termsOf(cover).trigger() == TriggerKind.PARAMETRIC;
    }

    /**
     * What a parametric cover on the incident, borne by its pool, would pay if assessors accept it, when the rules leave its
     * claim undecided; null for any other cover or a claim the rules decide (or that would pay nothing). A referred claim
     * claims nothing (its claimed loss is null): the event triggers it.
     */
    private static Money undecidedParametric(Books books, IncidentCase incidentCase, Map<String, ScopeStatus> scope, Cover cover) {
        if (!parametricAt(books, incidentCase, cover)) {
            return null;
        }
        ClaimTerms terms = books.termsOf(cover);
        ClaimFacts facts = Filings.facts(cover, terms, cover.remaining(), incidentCase, scope);
        if (ClaimRules.decide(facts).decision() != Adjudication.Decision.NEEDS_ASSESSMENT) {
            return null;
        }
        Money owed = ClaimRules.payout(facts, facts.claimedLoss());
        return owed.isPositive() ? owed : null;
    }

    /** The covers with a claim filed (or referred) on this incident. */
    private static Set<Long> filedCoverIds(Books books, Incident incident) {
        var covers = new TreeSet<Long>();
        for (FiledClaim claim : books.claims().filedClaimsOn(incident.id())) {
            if (claim.incidentId().equals(incident.id())) {
                covers.add(claim.coverId());
            }
        }
        return covers;
    }

    /**
     * Every pool not yet settled that has a cover running at the incident on its protocol or a claim
     * filed on it, each with what it still waits for (null when ready): assessment_open, a claim the assessors are still
     * deciding; claim_window_open, an indemnity cover active at the incident that filed no claim and may still. A pool waits
     * for its own claims only, so every claim on it shares it pro rata, whatever order they came in, while other pools pay.
     * assessors_unavailable: a parametric cover the rules cannot decide that no panel could be formed for (see
     * {@link #referrals}).
     */
    private static Map<String, Refusal> poolsWaiting(Books books, IncidentCase incidentCase, Instant now) {
        Incident incident = incidentCase.incident();
        Map<String, ScopeStatus> scope = Map.copyOf(Filings.scopeAt(books, incident));
        boolean scopeUndecided = scopeUndecided(scope);
        var pending = new TreeMap<String, Refusal>();
        var filed = new TreeSet<Long>();
        for (FiledClaim claim : books.claims().filedClaimsOn(incident.id())) {
            if (!claim.incidentId().equals(incident.id())) {
                continue;
            }
            filed.add(claim.coverId());
            String poolId = books.covers().covers().get(claim.coverId()).poolId();
            if (incidentCase.settledFor(poolId)) {
                continue;
            }
            pending.putIfAbsent(poolId, null);
            Assessment assessment = books.claims().assessments().get(claim.claimId());
            if (assessment != null && assessment.phaseAt(now) != Assessment.Phase.FINAL && pending.get(poolId) == null) {
                pending.put(poolId, Refusal.of(Reason.ASSESSMENT_OPEN, "assessors are still deciding claim " + claim.claimId(),
                        Map.of("claim_id", Long.toString(claim.claimId()), "phase", assessment.phaseAt(now).name().toLowerCase(Locale.ROOT))));
            }
        }
        for (Cover cover : books.covers().coversOn(incident.protocolId())) {
            if (!cover.protocolId().equals(incident.protocolId()) || !cover.end().isAfter(incident.occurredAt())
                    || incidentCase.settledFor(cover.poolId()) || !incidentCase.bornBy(cover.poolId())) {
                continue;
            }
            pending.putIfAbsent(cover.poolId(), null);
            if (cover.start().isAfter(incident.occurredAt()) || filed.contains(cover.id()) || pending.get(cover.poolId()) != null) {
                continue;
            }
            if (scopeUndecided && undecidedParametric(books, incidentCase, scope, cover) != null) {
                pending.put(cover.poolId(), Refusal.of(Reason.ASSESSORS_UNAVAILABLE, "the scope of the code exploited in incident "
                        + incident.id() + " at block " + incident.fromBlock() + " is unknown and no assessor can judge cover " + cover.id()
                        + ": record a scope check at that block or seat assessors", Map.of("cover_id", Long.toString(cover.id()),
                        "pool_id", cover.poolId(), "block", Long.toString(incident.fromBlock()))));
                continue;
            }
            ClaimTerms terms = books.termsOf(cover);
            Instant closes = incident.occurredAt().plus(terms.claimWindow());
            if (terms.trigger() == TriggerKind.INDEMNITY && !now.isAfter(closes)) {
                pending.put(cover.poolId(), Refusal.of(Reason.CLAIM_WINDOW_OPEN, "cover " + cover.id() + " may still claim on incident "
                        + incident.id() + " until " + closes, Map.of("cover_id", Long.toString(cover.id()), "closes_at", closes.toString(),
                        "pool_id", cover.poolId())));
            }
        }
        return pending;
    }
    private static SettledIncident settlement(Books books, IncidentCase incidentCase, Set<String> ready, boolean complete,
            Instant now) {
        Incident incident = incidentCase.incident();
        // Immutable once, so every cover's facts share it instead of copying it.
        Map<String, ScopeStatus> scope = Map.copyOf(Filings.scopeAt(books, incident));
        var claims = new ArrayList<ClaimDecided>();
        var approvedByPool = new TreeMap<String, List<Integer>>();
        long claimId = books.claims().lastClaimId();
        // A parametric cover referred to assessors has a filed claim: it is paid as they decide, below.
        Set<Long> filedCovers = filedCoverIds(books, incident);
        for (Cover cover : books.covers().coversOn(incident.protocolId())) {
            if (!ready.contains(cover.poolId()) || filedCovers.contains(cover.id())) {
                continue;
            }
            ClaimDecided claim = parametricClaim(books, incidentCase, scope, cover, claimId + 1);
            if (claim == null) {
                continue;
            }
            claimId = claim.claimId();
            claims.add(claim);
            if (claim.approvedUnits() > 0) {
                approvedByPool.computeIfAbsent(cover.poolId(), id -> new ArrayList<>()).add(claims.size() - 1);
            }
        }
        var deposits = new ArrayList<DepositSettled>();
        var approvedNow = new TreeMap<Long, Money>();
        for (FiledClaim filed : books.claims().filedClaimsOn(incident.id())) {
            Cover cover = books.covers().covers().get(filed.coverId());
            if (!filed.incidentId().equals(incident.id()) || !ready.contains(cover.poolId())) {
                continue;
            }
            Money owed = filed.approved();
            String reason = filed.reasonCode();
            Assessment assessment = books.claims().assessments().get(filed.claimId());
            if (assessment == null && filed.approved().isPositive() && Filings.reimbursed(books, filed, now)) {
                // Reimbursements may have been declared since the rules approved it: they decide it again on the net loss.
                Ruling ruling = Filings.decideWithReimbursements(books, filed, now);
                reason = ruling.reasonCode();
                owed = ruling.payout();
            }
            if (assessment != null) {
                Assessment.Outcome outcome = assessment.tally(Panels.conflicts(books, cover, incidentCase));
                deposits.addAll(depositsSettled(books, filed, cover.poolId(), !outcome.returnsDeposit()));
                reason = ASSESSORS_CODE_PREFIX + outcome.wire();
                owed = !outcome.pays() ? Money.zero(owed.asset()) : ClaimRules.payout(Filings.indemnityFacts(cover,
                        books.termsOf(cover), cover.remaining(), incidentCase, scope, Filings.claimedLoss(filed, cover), filed.provenLoss(),
                        Filings.paidElsewhere(books, cover, incident.id(), Long.MAX_VALUE, now, approvedNow), filed.filedAt(),
                        Filings.reimbursedTo(books, cover, incident.id(), now), filed.evidence(), filed.depositors()), Filings.claimedLoss(filed, cover));
            }
            long approved = owed.max(Money.zero(owed.asset())).min(cover.remaining()).units();
            approvedNow.put(filed.claimId(), Money.ofUnits(owed.asset(), approved));
            claims.add(new ClaimDecided(filed.claimId(), cover.id(), reason, approved, 0, cover.remaining().units()));
            if (approved > 0) {
                approvedByPool.computeIfAbsent(cover.poolId(), id -> new ArrayList<>()).add(claims.size() - 1);
            }
        }
        var pools = new ArrayList<PoolSettled>();
        approvedByPool.forEach((poolId, indexes) -> pools.add(settlePool(books, incidentCase, books.pools().pools().get(poolId), indexes, claims)));
        return new SettledIncident(incident.id(), now, pools, claims, deposits, List.copyOf(ready), complete, depositorsPaid(books, claims));
    }

    /** What each depositor of a protocol-bought cover is paid of its claim's payout, pro rata to its proven loss. */
    private static List<DepositorPaid> depositorsPaid(Books books, List<ClaimDecided> claims) {
        var paid = new ArrayList<DepositorPaid>();
        for (ClaimDecided claim : claims) {
            FiledClaim filed = claim.paidUnits() > 0 ? books.claims().filedClaims().get(claim.claimId()) : null;
            if (filed != null && filed.depositors() != null) {
                paid.addAll(DepositorCover.paid(claim.claimId(), filed.poolId(), filed.depositors(),
                        Money.ofUnits(filed.approved().asset(), claim.paidUnits())));
            }
        }
        return paid;
    }
    /**
     * What the claimant put down on a claim, settled one way: its claim deposit (when assessors were asked at filing) and the
     * bond of each appeal, to the pool ({@code toPool}) or back.
     */
    private static List<DepositSettled> depositsSettled(Books books, FiledClaim filed, String poolId, boolean toPool) {
        var settled = new ArrayList<DepositSettled>();
        if (filed.deposit() != null) {
            settled.add(new DepositSettled(filed.claimId(), poolId, filed.deposit(), toPool));
        }
        for (Appeal appeal : books.claims().appealsOf(filed.claimId())) {
            settled.add(new DepositSettled(filed.claimId(), poolId, appeal.bond(), toPool));
        }
        return settled;
    }

    private static SettledIncident closing(Books books, Incident incident, Instant now) {
        var claims = new ArrayList<ClaimDecided>();
        var deposits = new ArrayList<DepositSettled>();
        for (FiledClaim filed : books.claims().filedClaimsOn(incident.id())) {
            if (filed.incidentId().equals(incident.id())) {
                Cover cover = books.covers().covers().get(filed.coverId());
                claims.add(new ClaimDecided(filed.claimId(), cover.id(), INCIDENT_REJECTED_CODE, 0, 0, cover.remaining().units()));
                deposits.addAll(depositsSettled(books, filed, cover.poolId(), false));
            }
        }
        return new SettledIncident(incident.id(), now, List.of(), claims, deposits, List.of(), true);
    }
    /**
     * The claim of a parametric cover on the incident's protocol that ran at the incident, as the rules decide it; null for any
     * other cover. Apart from the loop over every cover so that the JIT compiles it after a few hundred covers, not after the
     * tens of thousands a loop runs before it is compiled: the first settlement of a mass exploit is on a cold path.
     */
    private static ClaimDecided parametricClaim(Books books, IncidentCase incidentCase, Map<String, ScopeStatus> scope, Cover cover,
            long claimId) {
        if (!parametricAt(books, incidentCase, cover)) {
            return null;
        }
        ClaimTerms terms = books.termsOf(cover);
        Money remaining = cover.remaining();
        Ruling ruling = ClaimRules.decide(Filings.facts(cover, terms, remaining, incidentCase, scope));
        return new ClaimDecided(claimId, cover.id(), ruling.reasonCode(), ruling.payout().units(), 0, remaining.units());
    }
    /**
     * One pool: recovery above its retention, then pro rata from what bears the loss (the shares held at the incident that are
     * still in their positions, and the withdrawals of such shares still held back), and what each bearer gives up. The net
     * loss is shared by shares at the incident; each held withdrawal returns its part to capital (at most what it holds); the
     * rest is borne by burning {@code ceil(rest × shares / capital)} shares from the positions, by their shares at the incident.
     */
    private static PoolSettled settlePool(Books books, IncidentCase incidentCase, Pool pool, List<Integer> indexes,
            List<ClaimDecided> claims) {
        Money zero = Money.zero(pool.asset());
        var approved = new ArrayList<Money>(indexes.size());
        Money approvedTotal = zero;
        for (int index : indexes) {
            Money amount = Money.ofUnits(pool.asset(), claims.get(index).approvedUnits());
            approved.add(amount);
            approvedTotal = approvedTotal.plus(amount);
        }
        ExcessOfLoss layer = books.claims().reinsurance().get(pool.id());
        ReinsuranceTreaty treaty = books.claims().treaties().get(pool.id());
        Money recovery = zero;
        Money reinstatementPremium = zero;
        if (layer != null && treaty != null) {
            ReinsuranceTreaty.LayerRecovery layerRecovery = treaty.recoveryFor(layer, incidentCase.incident().occurredAt(), approvedTotal);
            recovery = layerRecovery.recovery();
            reinstatementPremium = layerRecovery.reinstatementPremium();
        } else if (layer != null) {
            recovery = layer.recovery(approvedTotal);
        }
        // Who held what when it occurred, asked now: an incident that occurred earlier and settled since has burned its shares.
        var holders = new ArrayList<SharesAtReport>();
        var withdrawals = new ArrayList<WithdrawalAtReport>();
        Incidents.holdersAt(books, pool.id(), incidentCase.incident().occurredAt(), holders, withdrawals);
        long sharesHeld = holders.stream().mapToLong(SharesAtReport::shares).sum();
        Money bearing = zero;
        for (SharesAtReport holder : holders) {
            bearing = bearing.plus(pool.valueOf(Math.min(holder.shares(), sharesNow(books, holder))));
        }
        var heldParts = new ArrayList<Money>();
        for (WithdrawalAtReport withdrawal : withdrawals) {
            heldParts.add(heldPart(books.pools().heldWithdrawals().get(withdrawal.requestId()), withdrawal.shares()));
            bearing = bearing.plus(heldParts.getLast());
        }
        Settlement settlement = Settlement.of(bearing.plus(recovery), approved);
        Money paid = zero;
        for (int i = 0; i < indexes.size(); i++) {
            var claim = claims.get(indexes.get(i));
            Money share = settlement.paid().get(i);
            paid = paid.plus(share);
            claims.set(indexes.get(i), new ClaimDecided(claim.claimId(), claim.coverId(), claim.reasonCode(), claim.approvedUnits(),
                    share.units(), claim.remainingUnits()));
        }
        Money netLoss = paid.minus(recovery).max(zero);
        var weights = new ArrayList<Long>();
        holders.forEach(holder -> weights.add(holder.shares()));
        withdrawals.forEach(withdrawal -> weights.add(withdrawal.shares()));
        var heldLosses = new ArrayList<HeldLoss>();
        Money fromHeld = zero;
        if (netLoss.isPositive() && !weights.isEmpty()) {
            List<Money> parts = netLoss.allocate(weights);
            for (int i = 0; i < withdrawals.size(); i++) {
                long requestId = withdrawals.get(i).requestId();
                Money taken = parts.get(holders.size() + i).min(heldParts.get(i));
                heldLosses.add(new HeldLoss(requestId, taken));
                fromHeld = fromHeld.plus(taken);
            }
        }
        // What the held withdrawals could not bear falls on the positions. Their burn is capped by the shares they hold, so
        // in the rare case a bearer's part exceeds what it has left, the excess leaves capital unburned (spread over every
        // share); splitting it again among the bearers with room left would be exact.
        Money toBear = netLoss.minus(fromHeld);
        var burned = new ArrayList<SharesAtReport>();
        if (!holders.isEmpty() && toBear.isPositive() && pool.capital().isPositive() && pool.shares() > 0) {
            long toBurn = Math.min(sharesHeld, Ratio.scale(toBear.units(), pool.shares(), pool.capital().units(), Rounding.POOL_RECEIVES));
            List<Money> parts = Money.ofUnits(pool.asset(), toBurn).allocate(holders.stream().map(SharesAtReport::shares).toList());
            for (int i = 0; i < holders.size(); i++) {
                // A later incident settled first may have burned some of the shares held then: never more than the position holds.
                long part = Math.min(parts.get(i).units(), sharesNow(books, holders.get(i)));
                if (part > 0) {
                    burned.add(new SharesAtReport(pool.id(), holders.get(i).underwriter(), part));
                }
            }
        }
        return new PoolSettled(pool.id(), approvedTotal, recovery, paid, settlement.shortfall(), burned, heldLosses, reinstatementPremium);
    }
    /** What the holder's position holds now. */
    private static long sharesNow(Books books, SharesAtReport holder) {
        var position = books.pools().positions().get(io.auditcover.pool.Position.key(holder.poolId(), holder.underwriter()));
        return position == null ? 0 : position.shares();
    }
    /**
     * The part of a held withdrawal that bears the incident: of its shares, only those held when the incident occurred
     * (shares deposited after it and taken out with them bear nothing), valued as when it was paid.
     */
    private static Money heldPart(io.auditcover.pool.HeldWithdrawal held, long sharesAtIncident) {
        return held.amount().scaled(sharesAtIncident, held.shares(), Rounding.POOL_PAYS).min(held.amount());
    }
}
