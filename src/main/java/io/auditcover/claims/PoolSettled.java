package io.auditcover.claims;

import io.auditcover.money.Money;
import java.util.List;

/**
 * One pool's part of a settlement: what its claims were approved, recovered from reinsurance, paid, left short, the shares
 * burned from the positions that bore the loss, and ({@code heldLosses}) what each withdrawal held back bore, returned to
 * capital before the shares are burned.
 */
public record PoolSettled(String poolId, Money approved, Money recovery, Money paid, Money shortfall, List<SharesAtReport> sharesBurned,
        List<HeldLoss> heldLosses) {
    public PoolSettled {
        sharesBurned = List.copyOf(sharesBurned);
        heldLosses = heldLosses == null ? List.of() : List.copyOf(heldLosses);
    }
}
