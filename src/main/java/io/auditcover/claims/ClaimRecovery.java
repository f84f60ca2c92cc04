package io.auditcover.claims;

import io.auditcover.money.Money;

/**
 * One paid claim's part of recovery {@code recoveryId}: {@code toPool} goes back to the capital of the pool that paid the claim,
 * {@code toHolder} to the holder for the deductible the holder bore (only where the cover's terms say recoveries pay it first).
 */
public record ClaimRecovery(long recoveryId, long claimId, Money toPool, Money toHolder) {
    public ClaimRecovery {
        if (toPool == null || toHolder == null || toPool.isNegative() || toHolder.isNegative() || !toPool.plus(toHolder).isPositive()) {
            throw new IllegalArgumentException("a claim's part of a recovery is positive and never negative on either side");
        }
    }

    public Money total() {
        return toPool.plus(toHolder);
    }
}
