package io.auditcover.claims;

import io.auditcover.money.Money;
import java.util.List;

/**
 * What other claims on the same incident already paid or were approved to the wallet a claim's cover insures: a wallet's
 * loss is paid once, however many covers insure it, so an indemnity claim pays only what those claims left of it.
 * Parametric covers pay for the event, not for a loss, and neither count here nor are limited by it.
 *
 * @param approved what those claims were approved for (the most they pay)
 * @param claimIds those claims, in filing order
 */
public record PaidElsewhere(Money approved, List<Long> claimIds) {
    /** The most claims one wallet's loss is shared by on one incident (one per cover insuring it): far above any real book. */
    public static final int CLAIMS_MAX = 100_000;

    public PaidElsewhere {
        if (approved == null || claimIds == null || approved.isNegative() || claimIds.size() > CLAIMS_MAX) {
            throw new IllegalArgumentException("paid elsewhere needs a non-negative amount and at most " + CLAIMS_MAX + " claims");
        }
        if (claimIds.isEmpty() && !approved.isZero()) {
            throw new IllegalArgumentException("an amount paid elsewhere names the claims that paid it");
        }
        claimIds = List.copyOf(claimIds);
    }

    /** No other claim on this wallet and incident. */
    public static PaidElsewhere none(Money zero) {
        return new PaidElsewhere(zero, List.of());
    }
}
