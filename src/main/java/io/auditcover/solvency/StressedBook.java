package io.auditcover.solvency;

import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;

/**
 * A book put through stress scenarios: what each scenario costs each pool, net of its excess-of-loss layer (each exploit an
 * occurrence, as in the simulated years), and whether the
 * pool's capital pays it. Exact and deterministic: a scenario's year is fixed, not drawn, and its losses are sums in whole
 * units, so neither the order of the exposures nor of the pools changes a figure.
 */
public final class StressedBook {
    private final List<Exposure> exposures;
    private final TreeMap<String, PoolCapital> pools = new TreeMap<>();

    /** Refuses (IllegalArgumentException, with the reason) a pool listed twice or an exposure of an unknown pool. */
    public StressedBook(List<Exposure> exposures, List<PoolCapital> pools) {
        this.exposures = List.copyOf(exposures);
        for (PoolCapital pool : pools) {
            if (this.pools.put(pool.poolId(), pool) != null) {
                throw new IllegalArgumentException("pool " + pool.poolId() + " is listed twice");
            }
        }
        for (Exposure exposure : this.exposures) {
            if (!this.pools.containsKey(exposure.poolId())) {
                throw new IllegalArgumentException("exposure " + exposure.listing() + " names unknown pool " + exposure.poolId());
            }
        }
    }

    /**
     * What the scenario costs each pool and the book. Refuses a scenario with a shock that hits no exposure of the book: a
     * misspelt group would otherwise pass as a scenario the book survives.
     */
    public StressResult apply(StressScenario scenario) {
        scenario.missedTarget(exposures).ifPresent(target -> {
            throw new IllegalArgumentException("scenario '" + scenario.name() + "' names " + target
                    + ", which no exposure in the book has: is the name misspelt?");
        });
        var gross = new TreeMap<String, Long>();
        var recoveries = new TreeMap<String, Long>();
        pools.keySet().forEach(poolId -> {
            gross.put(poolId, 0L);
            recoveries.put(poolId, 0L);
        });
        for (Exposure exposure : exposures) {
            long exploits = scenario.exploitsOf(exposure);
            gross.merge(exposure.poolId(), lossUnits(exposure, exploits), Math::addExact);
            recoveries.merge(exposure.poolId(), pools.get(exposure.poolId()).exploitsRecovery(CapitalModel.eventLossUnits(exposure), exploits,
                    exposure.coverUnits()), Math::addExact);
        }
        var losses = new TreeMap<String, StressLoss>();
        gross.forEach((poolId, units) -> losses.put(poolId, StressLoss.ofPool(pools.get(poolId), units, recoveries.get(poolId))));
        return new StressResult(scenario.name(), scenario.description(), losses, StressLoss.ofBook(losses.values()));
    }

    /** Each scenario's result, in the order given; refuses two scenarios of one name, which a report could not tell apart. */
    public List<StressResult> apply(List<StressScenario> scenarios) {
        var names = new HashSet<String>();
        for (StressScenario scenario : scenarios) {
            if (!names.add(scenario.name())) {
                throw new IllegalArgumentException("two scenarios are named '" + scenario.name() + "'");
            }
        }
        return scenarios.stream().map(this::apply).toList();
    }

    /**
     * An exposure's loss from {@code exploits} exploits: each pays the model's one-exploit loss, and together no more than the
     * cover. Compared by division first, so a large count cannot overflow on its way to the cap.
     */
    static long lossUnits(Exposure exposure, long exploits) {
        long perExploit = CapitalModel.eventLossUnits(exposure);
        if (exploits == 0 || perExploit == 0) {
            return 0;
        }
        return exploits > exposure.coverUnits() / perExploit ? exposure.coverUnits() : perExploit * exploits;
    }
}
