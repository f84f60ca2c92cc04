package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;

/**
 * A claim decided at an incident's settlement: the cover, the incident, the rules' reason code ({@code approved} or the failed
 * rule's code), what was approved, what was paid (less when the pool was short), and the remaining cover the rules saw, so
 * the decision can be explained later from the same facts.
 */
public record DecidedClaim(long claimId, long coverId, String incidentId, String poolId, String reasonCode, Money approved, Money paid,
        Money remainingCover, Instant decidedAt) {
}
