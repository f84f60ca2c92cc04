package io.auditcover.claims;

import java.time.Instant;
import java.util.List;

/**
 * What a settlement of an incident decided in {@code settledPools}: every claim there (approved or denied, with its reason
 * code), each paying pool's part, the assessed claims' deposits, whether the incident is now {@code complete}, and what each
 * depositor of a protocol-bought cover was paid of its claim.
 */
public record SettledIncident(String incidentId, Instant settledAt, List<PoolSettled> pools, List<ClaimDecided> claims,
        List<DepositSettled> deposits, List<String> settledPools, boolean complete, List<DepositorPaid> depositorsPaid) {
    public SettledIncident {
        pools = List.copyOf(pools);
        claims = List.copyOf(claims);
        deposits = List.copyOf(deposits);
        settledPools = List.copyOf(settledPools);
        depositorsPaid = List.copyOf(depositorsPaid);
    }

    /** A settlement that paid no protocol-bought cover's depositors. */
    public SettledIncident(String incidentId, Instant settledAt, List<PoolSettled> pools, List<ClaimDecided> claims,
            List<DepositSettled> deposits, List<String> settledPools, boolean complete) {
        this(incidentId, settledAt, pools, claims, deposits, settledPools, complete, List.of());
    }
}
