package io.auditcover.claims;

import io.auditcover.money.Money;
import java.util.List;

/**
 * One pool's part of a settlement: what its claims were approved, recovered from reinsurance, paid, left short, the shares
 * burned from the positions that bore the loss, ({@code heldLosses}) what each withdrawal held back bore, returned to
 * capital before the shares are burned, and the reinstatement premium the recovery costs under the pool's treaty (null when
 * none: owed to the reinsurer from then on, paid from capital as time advances).
 */
public record PoolSettled(String poolId, Money approved, Money recovery, Money paid, Money shortfall, List<SharesAtReport> sharesBurned,
        List<HeldLoss> heldLosses, Money reinstatementPremium) {
    public PoolSettled {
        sharesBurned = List.copyOf(sharesBurned);
        heldLosses = heldLosses == null ? List.of() : List.copyOf(heldLosses);
        reinstatementPremium = reinstatementPremium == null || reinstatementPremium.isZero() ? null : reinstatementPremium;
    }

    public PoolSettled(String poolId, Money approved, Money recovery, Money paid, Money shortfall, List<SharesAtReport> sharesBurned,
            List<HeldLoss> heldLosses) {
        this(poolId, approved, recovery, paid, shortfall, sharesBurned, heldLosses, null);
    }
}
