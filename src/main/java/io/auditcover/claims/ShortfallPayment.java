package io.auditcover.claims;

import io.auditcover.money.Money;

/** As decided: {@code amount} of the unpaid part of claim {@code claimId} is paid now from capital its pool just gained. */
public record ShortfallPayment(long claimId, Money amount) {
    public ShortfallPayment {
        if (amount == null || !amount.isPositive()) {
            throw new IllegalArgumentException("a shortfall payment is positive: " + amount);
        }
    }
}
