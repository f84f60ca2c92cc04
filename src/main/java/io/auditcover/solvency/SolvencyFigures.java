package io.auditcover.solvency;

import java.util.Map;

/**
 * One pool's (or the whole book's) figures from a run, in units of the asset: expected annual net loss, VaR 99.5 % of the
 * one-year net loss (the SCR), TVaR 99 %, the probability that the year's net loss exceeds capital, capital / SCR, the
 * Nexus-style MCR (active cover / 4.8) beside it, and the aggregate (annual net loss) and occurrence (largest single exploit)
 * exceedance curves by return period in years; and where a layer applies, the {@code gross} figures before it.
 */
public record SolvencyFigures(String name, long capitalUnits, long activeCoverUnits, double expectedLossUnits, long scrUnits,
        double tvar99Units, double ruinProbability, double solvencyRatio, double mcrUnits, Map<Integer, Long> aggregateExceedance,
        Map<Integer, Long> occurrenceExceedance, GrossFigures gross) {
    /** The Nexus Mutual gearing: minimum capital = active cover / 4.8. */
    public static final double MCR_GEARING = 4.8;

    /** The MCR of {@code activeCover} in exact money (cover × 10 / 48, rounded up: the capital asked for). */
    public static io.auditcover.money.Money mcr(io.auditcover.money.Money activeCover) {
        return activeCover.scaled(10, 48, io.auditcover.money.Rounding.POOL_RECEIVES);
    }

    public SolvencyFigures {
        aggregateExceedance = Map.copyOf(aggregateExceedance);
        occurrenceExceedance = Map.copyOf(occurrenceExceedance);
    }
}
