package io.auditcover.claims;

import io.auditcover.money.Money;

/** A depositor's share of what a protocol-bought cover's claim was paid, paid to its wallet account. */
public record DepositorPaid(long claimId, String poolId, String wallet, Money amount) {
}
