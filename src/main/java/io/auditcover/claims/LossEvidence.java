package io.auditcover.claims;

import io.auditcover.money.Money;

/** Balances of the wallet declared at purchase at two blocks around the incident; proven loss = before − after. */
public record LossEvidence(Money balanceBefore, Money balanceAfter, long beforeBlock, long afterBlock) {
}
