package io.auditcover.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark harness ({@code ./auditcover bench [name...]}). Each benchmark prints its figures and
 * the machine it ran on; BENCHMARKS.md records them. Names, run in this order whatever order they are given in:
 * group-commit-limit, purchases, conventional, replay, quotes, mass-exploit, flat-cost, solvency, postgres, followers, or all
 * (every one but chain, postgres and followers);
 * chain (needs anvil, see build/test-tools.sh) runs only when named.
 * Sizes and windows are system properties: {@code bench.covers}, {@code bench.protocols} (flat-cost),
 * {@code bench.settlement.covers} (mass-exploit), {@code bench.warmup.seconds}, {@code bench.measure.seconds}; the launcher
 * passes no JVM options, so they are also read from arguments of the form {@code -Dname=value}, before any benchmark starts.
 * {@code sign-in URL} prints a session token for the HTTP benchmark ({@code bench/http.sh}).
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("sign-in")) {
            SignInToken.run(args[1]);
            return;
        }
        // The launcher passes no JVM options through, so sizes and windows may also be given as arguments: -Dbench.covers=100000.
        var names = new ArrayList<String>();
        for (String arg : args) {
            if (arg.startsWith("-D") && arg.contains("=")) {
                System.setProperty(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                names.add(arg);
            }
        }
        if (names.isEmpty()) {
            names.add("all");
        }
        System.out.printf("machine: %d cores, %s %s, java %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        boolean all = names.contains("all");
        Result limit = all || names.contains("group-commit-limit") ? GroupCommitLimitBench.run() : null;
        if (all || names.contains("purchases") || names.contains("conventional")) {
            var platform = PurchaseBench.engine(PurchaseBench.Clients.PLATFORM_THREADS);
            var virtual = PurchaseBench.engine(PurchaseBench.Clients.VIRTUAL_THREADS);
            var conventional = all || names.contains("conventional") ? PurchaseBench.conventional() : null;
            summarize(limit, List.of(platform, virtual), conventional);
        }
        if (all || names.contains("replay")) {
            ReplayBench.run();
        }
        if (names.contains("chain")) {
            ChainBench.run();
        }
        if (names.contains("postgres")) {
            PostgresPurchaseBench.run();
        }
        if (names.contains("followers")) {
            FollowerBench.run();
        }
        if (all || names.contains("quotes")) {
            QuoteBench.run();
        }
        if (all || names.contains("mass-exploit")) {
            MassExploitBench.run();
        }
        if (all || names.contains("solvency")) {
            SolvencyBench.run();
        }
        if (all || names.contains("flat-cost")) {
            FlatCostBench.run();
        }
    }

    /** The durable-purchase figures of one run side by side, each next to its target (issue 16). */
    private static void summarize(Result limit, List<Result> engines, Result conventional) {
        System.out.println("summary (targets: >= 100,000 purchases/s with p99 <= 2 ms; >= 15x conventional;"
                + " >= 50 % of the group-commit limit):");
        if (limit != null) {
            System.out.printf("  %-36s %,12.0f records/s, batch p99 %.3f ms%n", "group-commit limit", limit.perSecond(),
                    limit.latencyNanos().getValueAtPercentile(99) / 1e6);
        }
        for (Result engine : engines) {
            System.out.printf("  %-36s %,12.0f purchases/s, p99 %.3f ms", engine.name(), engine.perSecond(),
                    engine.latencyNanos().getValueAtPercentile(99) / 1e6);
            if (conventional != null) {
                System.out.printf(", %.1fx conventional", engine.perSecond() / conventional.perSecond());
            }
            if (limit != null) {
                System.out.printf(", %.0f %% of the limit", 100 * engine.perSecond() / limit.perSecond());
            }
            System.out.println();
        }
        if (conventional != null) {
            System.out.printf("  %-36s %,12.0f purchases/s, p99 %.3f ms%n", conventional.name(), conventional.perSecond(),
                    conventional.latencyNanos().getValueAtPercentile(99) / 1e6);
        }
    }
}
