package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A claim decided at an incident's settlement: the cover, the incident, the rules' reason code ({@code approved} or the failed
 * rule's code), what was approved, what was paid (less when the pool was short), and the remaining cover the rules saw, so
 * the decision can be explained later from the same facts. What a short pool owes ({@link #unpaid()}) is paid later from the
 * capital it gains, each payment listed in {@code paidLater} and added to {@code paid}; {@code recoveries} lists the claim's
 * part of each recovery of funds after it was paid. Both are null while empty, so claims from before they existed keep their
 * encoding.
 */
public record DecidedClaim(long claimId, long coverId, String incidentId, String poolId, String reasonCode, Money approved, Money paid,
        Money remainingCover, Instant decidedAt, List<LatePayment> paidLater, List<ClaimRecovery> recoveries) {

    public DecidedClaim {
        paidLater = paidLater == null || paidLater.isEmpty() ? null : List.copyOf(paidLater);
        recoveries = recoveries == null || recoveries.isEmpty() ? null : List.copyOf(recoveries);
    }

    /** As the settlement decided it: nothing paid later, nothing recovered yet. */
    public DecidedClaim(long claimId, long coverId, String incidentId, String poolId, String reasonCode, Money approved, Money paid,
            Money remainingCover, Instant decidedAt) {
        this(claimId, coverId, incidentId, poolId, reasonCode, approved, paid, remainingCover, decidedAt, null, null);
    }

    /** What the pool still owes on it: approved and not (yet) paid because the pool was short. */
    public Money unpaid() {
        return approved.minus(paid);
    }

    /** Every payment made after settlement, in order; empty when none. */
    public List<LatePayment> latePayments() {
        return paidLater == null ? List.of() : paidLater;
    }

    /** Its part of every recovery, in order; empty when none. */
    public List<ClaimRecovery> recoveryParts() {
        return recoveries == null ? List.of() : recoveries;
    }

    /** What recoveries have returned to the pool for it so far. */
    public Money recoveredToPool() {
        Money sum = Money.zero(paid.asset());
        for (ClaimRecovery part : recoveryParts()) {
            sum = sum.plus(part.toPool());
        }
        return sum;
    }

    /** What recoveries have paid its holder for the deductible so far. */
    public Money recoveredToHolder() {
        Money sum = Money.zero(paid.asset());
        for (ClaimRecovery part : recoveryParts()) {
            sum = sum.plus(part.toHolder());
        }
        return sum;
    }

    /** The claim after {@code payment} of what was unpaid. */
    public DecidedClaim paidLate(LatePayment payment) {
        if (payment.amount().exceeds(unpaid())) {
            throw new IllegalStateException("claim " + claimId + " owes " + unpaid() + ", not " + payment.amount());
        }
        var all = new ArrayList<>(latePayments());
        all.add(payment);
        return new DecidedClaim(claimId, coverId, incidentId, poolId, reasonCode, approved, paid.plus(payment.amount()), remainingCover,
                decidedAt, all, recoveries);
    }

    /** The claim after its part of a recovery. */
    public DecidedClaim recovered(ClaimRecovery part) {
        if (part.claimId() != claimId) {
            throw new IllegalStateException("recovery part of claim " + part.claimId() + " given to claim " + claimId);
        }
        var all = new ArrayList<>(recoveryParts());
        all.add(part);
        return new DecidedClaim(claimId, coverId, incidentId, poolId, reasonCode, approved, paid, remainingCover, decidedAt, paidLater, all);
    }
}
