package io.auditcover.claims;

/** A registered assessor: its address, its vote's weight, and the highest panel tier it sits on. */
public record Assessor(String assessor, long weight, int tier) {
}
