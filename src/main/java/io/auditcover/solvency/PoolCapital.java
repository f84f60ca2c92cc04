package io.auditcover.solvency;

/**
 * A pool as the capital model sees it: its capital and its excess-of-loss layer on the year's gross loss ({@code retention}
 * then up to {@code limit}; a zero limit is no layer), in units of its asset.
 */
public record PoolCapital(String poolId, long capitalUnits, long retentionUnits, long limitUnits) {
    public PoolCapital {
        if (poolId == null || capitalUnits < 0 || retentionUnits < 0 || limitUnits < 0) {
            throw new IllegalArgumentException("a pool needs an id and non-negative capital and layer");
        }
    }

    /** What the layer recovers of a gross year loss. */
    public long recovery(long grossUnits) {
        return Math.min(limitUnits, Math.max(0, grossUnits - retentionUnits));
    }
}
