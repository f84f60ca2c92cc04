package io.auditcover.claims;

import io.auditcover.money.Money;

/** A claim deposit after the assessors decided: to the pool when they denied the claim, back to the claimant otherwise. */
public record DepositSettled(long claimId, String poolId, Money amount, boolean toPool) {
}
