package io.auditcover.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The benchmark harness ({@code ./auditcover bench [name...]}). Each benchmark prints its figures and
 * the machine it ran on; BENCHMARKS.md records them. Names: purchases, conventional, replay, quotes, mass-exploit, or all;
 * chain (needs anvil, see build/test-tools.sh) runs only when named.
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
        List<String> names = args.length == 0 ? List.of("all") : Arrays.asList(args);
        System.out.printf("machine: %d cores, %s %s, java %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        boolean all = names.contains("all");
        if (all || names.contains("purchases") || names.contains("conventional")) {
            var engine = PurchaseBench.engine(PurchaseBench.Clients.PLATFORM_THREADS);
            PurchaseBench.engine(PurchaseBench.Clients.VIRTUAL_THREADS);
            var conventional = all || names.contains("conventional") ? PurchaseBench.conventional() : null;
            if (conventional != null) {
                System.out.printf("ratio engine / conventional: %.1fx%n", engine.perSecond() / conventional.perSecond());
            }
        }
        if (all || names.contains("replay")) {
            ReplayBench.run();
        }
        if (names.contains("chain")) {
            ChainBench.run();
        }
        if (all || names.contains("quotes")) {
            QuoteBench.run();
        }
        if (all || names.contains("mass-exploit")) {
            MassExploitBench.run();
        }
    }
}
