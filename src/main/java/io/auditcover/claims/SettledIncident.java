package io.auditcover.claims;

import java.time.Instant;
import java.util.List;

/**
 * What a settlement of an incident decided in {@code settledPools}: every claim there (approved or denied, with its reason
 * code), each paying pool's part, the assessed claims' deposits, and whether the incident is now {@code complete}.
 */
public record SettledIncident(String incidentId, Instant settledAt, List<PoolSettled> pools, List<ClaimDecided> claims,
        List<DepositSettled> deposits, List<String> settledPools, boolean complete) {
    public SettledIncident {
        pools = List.copyOf(pools);
        claims = List.copyOf(claims);
        deposits = List.copyOf(deposits);
        settledPools = List.copyOf(settledPools);
    }
}
