package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;
import java.util.Locale;

/**
 * Part of a claim's unpaid amount paid after its settlement, when the pool that was short gained capital: at {@code at}, from
 * {@code source} (with the recovery's id when a recovery paid it).
 */
public record LatePayment(Money amount, Instant at, Source source, Long recoveryId) {

    /** Which capital the pool gained paid it. */
    public enum Source {
        DEPOSIT,
        PREMIUM_EARNED,
        RECOVERY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LatePayment {
        if (amount == null || !amount.isPositive() || at == null || source == null || (source == Source.RECOVERY) != (recoveryId != null)) {
            throw new IllegalArgumentException("a late payment is positive, dated, and names its recovery exactly when a recovery paid it");
        }
    }
}
