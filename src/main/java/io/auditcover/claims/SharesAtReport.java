package io.auditcover.claims;

/** The shares a position of an affected pool held when the incident occurred: only they bear its loss. */
public record SharesAtReport(String poolId, String underwriter, long shares) {
}
