package io.auditcover.pool;

import java.time.Instant;

/** Shares an underwriter asked to take out; they can leave from {@code availableAt}, and bear losses until then. */
public record WithdrawalRequest(long id, String poolId, String underwriter, long shares, Instant requestedAt, Instant availableAt) {
    public WithdrawalRequest {
        if (shares <= 0) {
            throw new IllegalArgumentException("a withdrawal request needs a positive number of shares");
        }
    }
}
