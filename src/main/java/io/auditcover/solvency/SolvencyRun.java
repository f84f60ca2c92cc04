package io.auditcover.solvency;

import java.util.Map;

/**
 * The result of one run: its seed, years and model version; the digest of its year loss table (every year's net loss per
 * pool, in order: the same seed and book give the same digest on any number of threads); the figures per pool and for the
 * book; and the book's TVaR 99 % allocated to each listing and to each dependency group of each kind by co-TVaR (each
 * allocation sums to the book's TVaR; exposures with no group of a kind are under {@link CapitalModel#NO_GROUP}); and each
 * listing's capital factor, the pool SCR one unit of its cover consumes at the margin (see the model).
 */
public record SolvencyRun(long seed, int years, String modelVersion, String yearLossTableDigest, Map<String, SolvencyFigures> pools,
        SolvencyFigures book, Map<String, Double> capitalByListing, Map<DependencyKind, Map<String, Double>> capitalByGroup,
        Map<String, Double> capitalFactorByListing) {
    public SolvencyRun {
        pools = Map.copyOf(pools);
        capitalByListing = Map.copyOf(capitalByListing);
        capitalByGroup = Map.copyOf(capitalByGroup);
        capitalFactorByListing = Map.copyOf(capitalFactorByListing);
    }
}
