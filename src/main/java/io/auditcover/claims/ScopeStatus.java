package io.auditcover.claims;

/**
 * Whether an exploited contract's code was inside an audit's scope at the incident block, as the
 * eligibility history (chain observations or operator records) says; {@code UNKNOWN} when nothing
 * covers that block, which only assessors can settle.
 */
public enum ScopeStatus {
    IN_SCOPE,
    OUT_OF_SCOPE,
    UNKNOWN
}
