package io.auditcover.bench;

import io.auditcover.solvency.CapitalModel;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.DependencyParameters;
import io.auditcover.solvency.Exposure;
import io.auditcover.solvency.PoolCapital;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The capital model's speed: simulated years of a book of 1,000 protocols (100 covers each, aggregated per listing into
 * 1,000 exposures, so 100,000 covers) in three pools, every protocol in a fork family, on an oracle and a chain, correlation
 * on. Sizes: {@code -Dbench.solvency.years} (default 1,000,000), {@code -Dbench.solvency.protocols} (default 1,000).
 */
final class SolvencyBench {
    private SolvencyBench() {
    }

    static void run() {
        int years = Integer.getInteger("bench.solvency.years", 1_000_000);
        int protocols = Integer.getInteger("bench.solvency.protocols", 1_000);
        var exposures = new ArrayList<Exposure>();
        for (int i = 0; i < protocols; i++) {
            var groups = new EnumMap<DependencyKind, String>(DependencyKind.class);
            groups.put(DependencyKind.FORK, "family-" + i % 40);
            groups.put(DependencyKind.ORACLE, "oracle-" + i % 5);
            groups.put(DependencyKind.CHAIN, "chain-" + i % 8);
            exposures.add(new Exposure("pool-" + i % 3, "protocol-" + i, 100L * 50_000_000_000L, 0.002 + 0.0001 * (i % 50), 0.3, groups));
        }
        var pools = List.of(new PoolCapital("pool-0", 2_000_000_000_000_000L, 0, 0), new PoolCapital("pool-1", 2_000_000_000_000_000L, 0, 0),
                new PoolCapital("pool-2", 2_000_000_000_000_000L, 500_000_000_000_000L, 500_000_000_000_000L));
        var dependencies = Map.of(DependencyKind.FORK, new DependencyParameters(DependencyKind.FORK, 0.3, "bench"),
                DependencyKind.ORACLE, new DependencyParameters(DependencyKind.ORACLE, 0.1, "bench"),
                DependencyKind.CHAIN, new DependencyParameters(DependencyKind.CHAIN, 0.05, "bench"));
        var model = new CapitalModel(exposures, pools, dependencies);
        int threads = Runtime.getRuntime().availableProcessors();
        model.run(Math.max(1_000, years / 20), 1, threads);
        long started = System.nanoTime();
        var result = model.run(years, 2, threads);
        double seconds = (System.nanoTime() - started) / 1e9;
        double perCore = (double) years * protocols / seconds / threads;
        System.out.printf("solvency: %,d years of %,d protocols (%,d covers) in %.2f s on %d threads (target <= 10 s):"
                + " %.2e simulated protocol-years/s per core (target >= 1.5e8); book SCR %,d units, TVaR99 %.0f; digest %s%n",
                years, protocols, protocols * 100, seconds, threads, perCore, result.book().scrUnits(), result.book().tvar99Units(),
                result.yearLossTableDigest().substring(0, 16));
        System.out.printf("solvency: the year loss table holds %,d years x %d pools x (3 longs: net loss, gross loss, largest exploit;"
                + " 1 float: loss per unit of cover, which orders tied tail years for the capital factors): %,d MiB%n",
                years, pools.size(), (long) years * pools.size() * (3 * Long.BYTES + Float.BYTES) >> 20);
    }
}
