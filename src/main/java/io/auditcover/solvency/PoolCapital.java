package io.auditcover.solvency;

import io.auditcover.money.Ratio;
import io.auditcover.money.Rounding;

/**
 * A pool as the capital model sees it, in units of its asset: its capital, and its excess-of-loss layer as the claims
 * settlement applies it, per occurrence ({@code retention} then up to {@code limit}; a zero limit is no layer), within what
 * the treaty year's aggregate has left ({@code aggregateUnits}; {@link Long#MAX_VALUE} when unlimited). Recoveries out of the
 * first {@code reinstatableUnits} of that aggregate cost the pool {@code reinstatementPremiumUnits} per full limit, pro rata
 * (a treaty's annual premium × its reinstatement premium), which the year's net loss includes; the treaty's
 * {@code annualPremiumUnits} is a fixed cost the pool pays day by day whatever happens, shown beside the capital the layer
 * saves, not simulated.
 */
public record PoolCapital(String poolId, long capitalUnits, long retentionUnits, long limitUnits, long aggregateUnits,
        long reinstatableUnits, long reinstatementPremiumUnits, long annualPremiumUnits) {
    public PoolCapital {
        if (poolId == null || capitalUnits < 0 || retentionUnits < 0 || limitUnits < 0 || aggregateUnits < 0 || reinstatableUnits < 0
                || reinstatementPremiumUnits < 0 || reinstatementPremiumUnits > Math.max(limitUnits, 0) || annualPremiumUnits < 0) {
            throw new IllegalArgumentException("a pool needs an id and non-negative capital and layer, and a reinstatement premium"
                    + " of at most its limit");
        }
    }

    /** A pool with a free layer of unlimited aggregate (or none, with a zero limit). */
    public PoolCapital(String poolId, long capitalUnits, long retentionUnits, long limitUnits) {
        this(poolId, capitalUnits, retentionUnits, limitUnits, Long.MAX_VALUE, 0, 0, 0);
    }

    /** Whether the pool has a layer at all. */
    public boolean hasLayer() {
        return limitUnits > 0;
    }

    /** What the layer recovers of one occurrence's loss, before the aggregate. */
    public long occurrenceRecovery(long lossUnits) {
        return Math.min(limitUnits, Math.max(0, lossUnits - retentionUnits));
    }

    /**
     * What the layer recovers, before the aggregate, of {@code exploits} exploits of one exposure, each losing
     * {@code perExploitUnits} and together no more than {@code coverUnits}: each exploit is an occurrence, the last that fits
     * under the cover only its remainder.
     */
    public long exploitsRecovery(long perExploitUnits, long exploits, long coverUnits) {
        if (!hasLayer() || exploits == 0 || perExploitUnits == 0) {
            return 0;
        }
        long whole = Math.min(exploits, coverUnits / perExploitUnits);
        long remainder = exploits > whole ? coverUnits - whole * perExploitUnits : 0;
        return Math.addExact(Math.multiplyExact(whole, occurrenceRecovery(perExploitUnits)), occurrenceRecovery(remainder));
    }

    /** The year's recovery from the sum of its occurrences' recoveries: at most the aggregate left. */
    public long yearRecovery(long occurrenceRecoveriesUnits) {
        return Math.min(aggregateUnits, occurrenceRecoveriesUnits);
    }

    /** The reinstatement premium a year's recovery costs, pro rata to the limit and rounded down, as the settlement charges it. */
    public long reinstatementPremium(long recoveryUnits) {
        if (reinstatementPremiumUnits == 0 || limitUnits == 0) {
            return 0;
        }
        return Ratio.scale(Math.min(recoveryUnits, reinstatableUnits), reinstatementPremiumUnits, limitUnits, Rounding.POOL_PAYS);
    }

    /** A year's net loss: gross, less the year's recovery, plus the reinstatement premium it costs. */
    public long netLoss(long grossUnits, long occurrenceRecoveriesUnits) {
        long recovery = yearRecovery(occurrenceRecoveriesUnits);
        return grossUnits - recovery + reinstatementPremium(recovery);
    }
}
