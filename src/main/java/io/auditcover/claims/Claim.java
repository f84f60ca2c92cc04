package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;

/** An approved and paid claim on a cover. */
public record Claim(long id, long coverId, String poolId, Money amount, Instant paidAt, String reason) {
    public static final int REASON_LENGTH_MAX = 500;

    public Claim {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a claim pays a positive amount");
        }
        if (reason == null || reason.length() > REASON_LENGTH_MAX) {
            throw new IllegalArgumentException("claim reason must be at most " + REASON_LENGTH_MAX + " characters");
        }
    }
}
