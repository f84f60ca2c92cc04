package io.auditcover.pool;

import io.auditcover.money.Money;
import java.time.Instant;

/**
 * Capital that left a pool and is held back until {@code releaseAt}: an incident that occurred before the withdrawal was
 * paid and is reported within the pool's report window still takes this underwriter's share of its loss from here, at most
 * {@code amount} (what the shares were worth when paid, as Ensuro's min(value at execution, requested)). Without it, an
 * underwriter who saw an exploit first could leave before its report and leave the loss to the others.
 */
public record HeldWithdrawal(long requestId, String poolId, String underwriter, long shares, Money amount, Instant paidAt,
        Instant releaseAt) {
    public HeldWithdrawal {
        if (shares <= 0 || amount.isNegative() || releaseAt.isBefore(paidAt)) {
            throw new IllegalArgumentException("a held withdrawal needs shares, an amount and a release after its payment");
        }
    }

    /** What is held after {@code loss} was taken from it. */
    public HeldWithdrawal less(Money loss) {
        return new HeldWithdrawal(requestId, poolId, underwriter, shares, amount.minus(loss), paidAt, releaseAt);
    }
}
