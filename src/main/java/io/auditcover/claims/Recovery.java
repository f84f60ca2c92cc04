package io.auditcover.claims;

import io.auditcover.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * Funds recovered after an incident's claims were paid (stolen funds returned, a bounty deal, a court order), recorded by the
 * operator with its {@code evidence} (text, a URL or a transaction hash): what came back, to which pools' capital it went,
 * pro rata to what each paid for the incident, and how much went first to holders for their deductible (subrogation, where
 * their covers' terms say so).
 */
public record Recovery(long id, String incidentId, Money amount, String evidence, Instant recordedAt, List<PoolRecovery> pools,
        Money toHolders) {
    public static final int EVIDENCE_LENGTH_MAX = 2_000;

    /** One pool's part of a recovery: it joins the pool's capital. */
    public record PoolRecovery(String poolId, Money amount) {
    }

    public Recovery {
        pools = List.copyOf(pools);
        Money total = toHolders;
        for (PoolRecovery pool : pools) {
            total = total.plus(pool.amount());
        }
        if (!amount.isPositive() || !total.equals(amount) || evidence == null || evidence.isBlank() || evidence.length() > EVIDENCE_LENGTH_MAX) {
            throw new IllegalArgumentException("a recovery is positive, split exactly into its parts, with evidence of at most "
                    + EVIDENCE_LENGTH_MAX + " characters");
        }
    }
}
