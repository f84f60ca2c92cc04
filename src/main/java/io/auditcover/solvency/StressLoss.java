package io.auditcover.solvency;

import java.util.Collection;

/**
 * What one scenario costs one pool (or the whole book), in units of the asset: the gross loss, what the excess-of-loss layer
 * recovers (each exploit an occurrence, within the aggregate the treaty year has left), the reinstatement premium that
 * recovery costs, the net loss (gross − recovery + reinstatement premium), the capital before and after, and the shortfall
 * when the net loss is more than the capital. The book's figures are its pools' sums, and it survives only if every pool
 * does: one pool's capital does not pay another's claims, so a book whose total capital would cover the total loss can
 * still be short.
 */
public record StressLoss(String name, long grossLossUnits, long recoveryUnits, long netLossUnits, long capitalUnits,
        long capitalAfterUnits, boolean survives, long shortfallUnits, long reinstatementPremiumUnits) {
    public StressLoss {
        if (name == null || grossLossUnits < 0 || recoveryUnits < 0 || recoveryUnits > grossLossUnits || reinstatementPremiumUnits < 0
                || reinstatementPremiumUnits > recoveryUnits || netLossUnits != grossLossUnits - recoveryUnits + reinstatementPremiumUnits
                || capitalUnits < 0 || capitalAfterUnits < 0 || shortfallUnits < 0
                || capitalAfterUnits - shortfallUnits != capitalUnits - netLossUnits || survives != (shortfallUnits == 0)) {
            throw new IllegalArgumentException("a stress loss needs net = gross − recovery + reinstatement premium and capital − net ="
                    + " capital after − shortfall, got " + name + ": gross " + grossLossUnits + ", recovery " + recoveryUnits
                    + ", reinstatement premium " + reinstatementPremiumUnits + ", net " + netLossUnits + ", capital " + capitalUnits
                    + ", after " + capitalAfterUnits + ", shortfall " + shortfallUnits);
        }
    }

    /** A scenario's loss without reinstatement premium. */
    public StressLoss(String name, long grossLossUnits, long recoveryUnits, long netLossUnits, long capitalUnits, long capitalAfterUnits,
            boolean survives, long shortfallUnits) {
        this(name, grossLossUnits, recoveryUnits, netLossUnits, capitalUnits, capitalAfterUnits, survives, shortfallUnits, 0);
    }

    /** A pool's figures for the gross loss the scenario puts on it and the sum of its occurrences' recoveries. */
    static StressLoss ofPool(PoolCapital pool, long grossLossUnits, long occurrenceRecoveriesUnits) {
        long recovery = pool.yearRecovery(occurrenceRecoveriesUnits);
        long reinstatementPremium = pool.reinstatementPremium(recovery);
        long net = grossLossUnits - recovery + reinstatementPremium;
        long left = pool.capitalUnits() - net;
        return new StressLoss(pool.poolId(), grossLossUnits, recovery, net, pool.capitalUnits(), Math.max(0, left), left >= 0,
                Math.max(0, -left), reinstatementPremium);
    }

    /** The book's figures: its pools' sums; short if any pool is. */
    static StressLoss ofBook(Collection<StressLoss> pools) {
        long gross = 0;
        long recovery = 0;
        long reinstatementPremium = 0;
        long capital = 0;
        long after = 0;
        long shortfall = 0;
        for (StressLoss pool : pools) {
            gross = Math.addExact(gross, pool.grossLossUnits());
            recovery = Math.addExact(recovery, pool.recoveryUnits());
            reinstatementPremium = Math.addExact(reinstatementPremium, pool.reinstatementPremiumUnits());
            capital = Math.addExact(capital, pool.capitalUnits());
            after = Math.addExact(after, pool.capitalAfterUnits());
            shortfall = Math.addExact(shortfall, pool.shortfallUnits());
        }
        return new StressLoss("book", gross, recovery, gross - recovery + reinstatementPremium, capital, after, shortfall == 0, shortfall,
                reinstatementPremium);
    }
}
