package io.auditcover.solvency;

import java.util.Map;

/**
 * One listing's active cover on a protocol, as the capital model sees it: the pool that pays, the cover in force (units of
 * the pool's asset), the protocol's annual rate of covered exploits (the pricing model's), the share of cover one exploit
 * pays, and the protocol's dependency groups by kind (e.g. FORK → "Compound V2"). A year's loss on it is the exploits that
 * year times the share, capped at the cover.
 */
public record Exposure(String poolId, String protocolId, long coverUnits, double annualRate, double payoutShare,
        Map<DependencyKind, String> groups) {
    public Exposure {
        if (poolId == null || protocolId == null || coverUnits < 0 || !(annualRate >= 0) || annualRate > 50 || !(payoutShare >= 0)
                || payoutShare > 1) {
            throw new IllegalArgumentException("an exposure needs a pool, a protocol, cover ≥ 0, a rate in [0, 50] and a share in [0, 1]");
        }
        groups = Map.copyOf(groups);
    }

    /** The listing this exposure is: pool and protocol. */
    public String listing() {
        return poolId + "/" + protocolId;
    }
}
