package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;

/**
 * Part or all of its stake an assessor asked to take back: it can be withdrawn from {@code availableAt}, the assessment
 * cooldown after the request, so a fraud found in the meantime can still be slashed. An assessor has one request at a time;
 * a new one replaces it and starts the notice again.
 */
public record StakeWithdrawal(String assessor, Money amount, Instant requestedAt, Instant availableAt) {
    public StakeWithdrawal {
        if (assessor == null || amount == null || !amount.isPositive() || requestedAt == null || availableAt == null
                || availableAt.isBefore(requestedAt)) {
            throw new IllegalArgumentException("a stake withdrawal names its assessor, a positive amount and its times");
        }
    }
}
