package io.auditcover.claims;

/** Shares held at the incident that were withdrawn since and are still held back in withdrawal {@code requestId}. */
public record WithdrawalAtReport(long requestId, String poolId, String underwriter, long shares) {
}
