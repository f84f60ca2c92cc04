package io.auditcover.claims;

import io.auditcover.money.Money;

/** What a settlement took from a withdrawal held back (request {@code requestId}) into the pool's capital. */
public record HeldLoss(long requestId, Money amount) {
}
