package io.auditcover.claims;

import io.auditcover.cover.Cover;
import io.auditcover.money.Money;
import io.auditcover.pool.Capital;
import io.auditcover.pool.Pool;
import io.auditcover.pool.ShareHistory;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Funds recovered after an incident's claims were paid (Euler 2023: the insurers paid, then the attacker returned the funds).
 * What came back goes first to the holders whose covers' terms give them their deductible first (subrogation: the holder bore
 * the deductible, so it is made whole before the insurer), pro rata among them; the rest returns to the pools, pro rata to
 * what each paid for the incident gross of reinsurance (its reinsurer's share is the pool's to settle with it), and joins
 * their capital. The pool's unpaid claims, if it was short, are paid from it first ({@link Shortfalls}); what is left goes to
 * the underwriters who bore the loss, as shares minted to them at the pool's NAV in proportion to the shares burned from
 * them for the incident, whether they are still in the pool or not: the loss had burned their shares, so a recovery gives
 * them back, and no one who came in later gains from it. Each claim's part is recorded, so no claim ever gets back more
 * than it paid (nor its holder more than its deductible). Pure: reads the books.
 */
public final class Recoveries {
    private Recoveries() {
    }

    /**
     * A recovery as decided: its record, each paid claim's part, what it paid of the pools' unpaid claims, and the shares it
     * restored to those who bore the loss.
     */
    public record Recovered(Recovery recovery, List<ClaimRecovery> claims, List<ShortfallPayment> shortfallPayments,
            List<RestoredShares> restoredShares) {
        public Recovered {
            claims = List.copyOf(claims);
            shortfallPayments = List.copyOf(shortfallPayments);
            restoredShares = List.copyOf(restoredShares);
        }
    }

    /**
     * invalid_command (evidence), amount_not_positive, amount_too_large, incident_not_found, incident_not_settled (not every pool
     * has settled it), asset_mismatch (no claim on it was paid in the amount's asset), recovery_exceeds_paid (above what its
     * claims paid and the deductibles owed first, net of earlier recoveries; {@code recoverable} says how much may still come back).
     */
    public static Verdict<Recovered> record(Books books, String incidentId, Money amount, String evidence, Instant now) {
        if (evidence == null || evidence.isBlank() || evidence.length() > Recovery.EVIDENCE_LENGTH_MAX) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a recovery needs its evidence (a text, URL or transaction hash) of at most "
                    + Recovery.EVIDENCE_LENGTH_MAX + " characters"));
        }
        if (amount == null || !amount.isPositive()) {
            return Verdict.refused(Refusal.of(Reason.AMOUNT_NOT_POSITIVE, "a recovery must be positive"));
        }
        if (amount.units() > Capital.AMOUNT_UNITS_MAX) {
            return Verdict.refused(Capital.tooLarge());
        }
        IncidentCase incidentCase = incidentId == null ? null : books.claims().incident(incidentId);
        if (incidentCase == null) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_NOT_FOUND, "incident " + incidentId + " was not reported"));
        }
        if (incidentCase.settledAt() == null) {
            return Verdict.refused(Refusal.of(Reason.INCIDENT_NOT_SETTLED, "incident " + incidentId
                    + " is not settled yet: a recovery returns what its claims paid"));
        }
        // A rare operator command: one pass over the decided claims rather than an index kept for every claim.
        var paid = new ArrayList<DecidedClaim>();
        boolean otherAsset = false;
        for (DecidedClaim claim : books.claims().decidedClaims().values()) {
            if (claim.incidentId().equals(incidentId) && claim.paid().isPositive()) {
                if (claim.paid().asset().equals(amount.asset())) {
                    paid.add(claim);
                } else {
                    otherAsset = true;
                }
            }
        }
        if (paid.isEmpty() && otherAsset) {
            return Verdict.refused(Refusal.of(Reason.ASSET_MISMATCH, "no claim on incident " + incidentId + " was paid in " + amount.asset()));
        }
        Money zero = Money.zero(amount.asset());
        var toPools = new ArrayList<Long>();
        var toHolders = new ArrayList<Long>();
        Money poolsRecoverable = zero;
        Money holdersRecoverable = zero;
        for (DecidedClaim claim : paid) {
            Money forPool = claim.paid().minus(claim.recoveredToPool()).max(zero);
            Money forHolder = holderDeductible(books, claim).minus(claim.recoveredToHolder()).max(zero);
            toPools.add(forPool.units());
            toHolders.add(forHolder.units());
            poolsRecoverable = poolsRecoverable.plus(forPool);
            holdersRecoverable = holdersRecoverable.plus(forHolder);
        }
        Money recoverable = poolsRecoverable.plus(holdersRecoverable);
        if (amount.exceeds(recoverable)) {
            return Verdict.refused(Refusal.of(Reason.RECOVERY_EXCEEDS_PAID, amount + " is more than incident " + incidentId
                    + " may still recover: " + recoverable + " (what its claims paid, and the deductibles owed first, net of earlier recoveries)",
                    Map.of("recoverable", recoverable.toDecimalString())));
        }
        return Verdict.accepted(split(books, incidentId, amount, evidence, now, paid, toPools, toHolders, holdersRecoverable));
    }

    /** Holders first, pro rata to the deductible each is owed; the rest to the pools, pro rata to what each claim may recover. */
    private static Recovered split(Books books, String incidentId, Money amount, String evidence, Instant now, List<DecidedClaim> paid,
            List<Long> toPools, List<Long> toHolders, Money holdersRecoverable) {
        Money zero = Money.zero(amount.asset());
        Money holdersPart = amount.min(holdersRecoverable);
        Money poolsPart = amount.minus(holdersPart);
        List<Money> holderParts = holdersPart.isPositive() ? holdersPart.allocate(toHolders) : null;
        List<Money> poolParts = poolsPart.isPositive() ? poolsPart.allocate(toPools) : null;
        long id = books.claims().recoveries().isEmpty() ? 1 : books.claims().recoveries().lastKey() + 1;
        var parts = new ArrayList<ClaimRecovery>();
        var byPool = new TreeMap<String, Money>();
        for (int i = 0; i < paid.size(); i++) {
            Money toPool = poolParts == null ? zero : poolParts.get(i);
            Money toHolder = holderParts == null ? zero : holderParts.get(i);
            if (toPool.plus(toHolder).isPositive()) {
                parts.add(new ClaimRecovery(id, paid.get(i).claimId(), toPool, toHolder));
            }
            if (toPool.isPositive()) {
                byPool.merge(paid.get(i).poolId(), toPool, Money::plus);
            }
        }
        var pools = new ArrayList<Recovery.PoolRecovery>();
        var shortfallPayments = new ArrayList<ShortfallPayment>();
        var restored = new ArrayList<RestoredShares>();
        byPool.forEach((poolId, gain) -> {
            pools.add(new Recovery.PoolRecovery(poolId, gain));
            List<ShortfallPayment> paying = Shortfalls.pay(books.claims(), poolId, gain);
            shortfallPayments.addAll(paying);
            restored.addAll(restoredShares(books, books.claims().incident(incidentId).incident(), poolId,
                    gain.minus(Shortfalls.total(paying, zero))));
        });
        var recovery = new Recovery(id, incidentId, amount, evidence, now, pools, holdersPart);
        return new Recovered(recovery, parts, shortfallPayments, restored);
    }

    /**
     * The shares that give what a recovery left in the pool's capital back to those who bore the incident: as many as
     * {@code rest} buys at the pool's NAV before it (so no other share's value moves), split by the shares burned from each
     * for the incident (its share history's burns dated when the incident occurred; exact allocation, rounding to the
     * earlier). None when no position bore it by a burn, or when shares remain in a pool with no capital to price them:
     * the recovery then raises the value of every share in the pool.
     */
    private static List<RestoredShares> restoredShares(Books books, Incident incident, String poolId, Money rest) {
        Pool pool = books.pools().pool(poolId);
        if (!rest.isPositive() || pool.insolvent()) {
            return List.of();
        }
        var bearers = new ArrayList<String>();
        var weights = new ArrayList<Long>();
        for (ShareHistory history : books.pools().shareHistoriesOf(poolId)) {
            long burned = 0;
            for (ShareHistory.ShareChange change : history.changes()) {
                if (change.cause() == ShareHistory.Cause.LOSS && change.at().equals(incident.occurredAt())) {
                    burned = Math.addExact(burned, -change.shares());
                }
            }
            if (burned > 0) {
                bearers.add(history.underwriter());
                weights.add(burned);
            }
        }
        long minted = pool.sharesFor(rest);
        if (bearers.isEmpty() || minted <= 0) {
            return List.of();
        }
        List<Money> parts = Money.ofUnits(pool.asset(), minted).allocate(weights);
        var restored = new ArrayList<RestoredShares>();
        for (int i = 0; i < bearers.size(); i++) {
            if (parts.get(i).isPositive()) {
                restored.add(new RestoredShares(poolId, bearers.get(i), parts.get(i).units()));
            }
        }
        return restored;
    }

    /** The deductible the claim's holder bore and gets back first, where its cover's terms say so; zero otherwise. */
    public static Money holderDeductible(Books books, DecidedClaim claim) {
        Cover cover = books.covers().cover(claim.coverId());
        ClaimTerms terms = books.termsOf(cover);
        // A paid indemnity claim's loss was above the deductible, so the holder bore all of it.
        return terms.holderDeductibleFirst() && claim.paid().isPositive() ? terms.deductible() : Money.zero(claim.paid().asset());
    }
}
