package io.auditcover.claims;

/**
 * Shares minted to an underwriter who bore an incident's loss, for its part of a recovery of funds that joined the pool's
 * capital: in proportion to the shares burned from it for that incident, at the pool's NAV before the recovery.
 */
public record RestoredShares(String poolId, String underwriter, long shares) {
    public RestoredShares {
        if (poolId == null || underwriter == null || shares <= 0) {
            throw new IllegalArgumentException("restored shares name their pool and underwriter and are positive: " + shares);
        }
    }
}
