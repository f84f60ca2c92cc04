package io.auditcover.claims;

/**
 * One cover's claim as a settlement decided it: {@code reasonCode} is approved or the failed rule's code; amounts in units of
 * the pool's asset; {@code remainingUnits} is the cover's remaining amount the rules saw. The log stores it as a plain array
 * in component order: a mass exploit decides one per cover, and property names would be most of the event's bytes.
 */
public record ClaimDecided(long claimId, long coverId, String reasonCode, long approvedUnits, long paidUnits, long remainingUnits) {
}
