package io.auditcover.solvency;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recorded solvency run: which run (id, seed, years, model version, digest of its year loss table), when, the last cover
 * it saw ({@code coverIdThrough}: covers sold after it are charged by their factors until the next run), each listing's
 * capital factor in parts per million of cover (the SCR a unit of cover consumes at the margin, rounded up), each
 * pool's figures and the book's, and the book's TVaR 99 % allocated by co-TVaR to listings and to dependency groups. The gate reads only this, so deciding a purchase never runs a simulation and replay is exact.
 */
public record SolvencyAssessment(String runId, long seed, int years, String modelVersion, String yearLossTableDigest, Instant assessedAt,
        long coverIdThrough, Map<String, Long> capitalFactorsPpm, Map<String, PoolSolvency> pools, PoolSolvency book,
        Map<String, Long> capitalByListingUnits, Map<DependencyKind, Map<String, Long>> capitalByGroupUnits) {
    /** A factor of one: the whole cover as capital. */
    public static final long FULL_FACTOR_PPM = 1_000_000;

    public SolvencyAssessment {
        if (runId == null || runId.isBlank() || runId.length() > 64 || modelVersion == null || yearLossTableDigest == null
                || assessedAt == null || coverIdThrough < 0 || years <= 0 || book == null) {
            throw new IllegalArgumentException("an assessment needs a run id of 1-64 characters, a model version, a digest, a time,"
                    + " the last cover it saw, its years and the book's figures");
        }
        for (long factor : capitalFactorsPpm.values()) {
            if (factor < 0 || factor > FULL_FACTOR_PPM) {
                throw new IllegalArgumentException("a capital factor is 0 to 1 000 000 parts per million of cover");
            }
        }
        capitalFactorsPpm = Map.copyOf(capitalFactorsPpm);
        pools = Map.copyOf(pools);
        capitalByListingUnits = Map.copyOf(capitalByListingUnits);
        var byGroup = new java.util.EnumMap<DependencyKind, Map<String, Long>>(DependencyKind.class);
        capitalByGroupUnits.forEach((kind, groups) -> byGroup.put(kind, Map.copyOf(groups)));
        capitalByGroupUnits = Map.copyOf(byGroup);
    }

    /** The record of a run: its figures and its factors rounded up to parts per million (never below what the run said). */
    public static SolvencyAssessment of(String runId, Instant assessedAt, long coverIdThrough, SolvencyRun run) {
        var factors = new TreeMap<String, Long>();
        run.capitalFactorByListing().forEach((listing, factor) ->
                factors.put(listing, Math.min(FULL_FACTOR_PPM, (long) Math.ceil(factor * FULL_FACTOR_PPM))));
        var pools = new TreeMap<String, PoolSolvency>();
        run.pools().forEach((poolId, figures) -> pools.put(poolId, PoolSolvency.of(figures)));
        var byListing = new TreeMap<String, Long>();
        run.capitalByListing().forEach((listing, capital) -> byListing.put(listing, Math.round(capital)));
        var byGroup = new java.util.EnumMap<DependencyKind, Map<String, Long>>(DependencyKind.class);
        run.capitalByGroup().forEach((kind, groups) -> {
            var units = new TreeMap<String, Long>();
            groups.forEach((group, capital) -> units.put(group, Math.round(capital)));
            byGroup.put(kind, units);
        });
        return new SolvencyAssessment(runId, run.seed(), run.years(), run.modelVersion(), run.yearLossTableDigest(), assessedAt,
                coverIdThrough, factors, pools, PoolSolvency.of(run.book()), byListing, byGroup);
    }
}
