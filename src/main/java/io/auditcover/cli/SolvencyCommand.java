package io.auditcover.cli;

import io.auditcover.api.SolvencyReport;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Outcome;
import io.auditcover.engine.Quotes;
import io.auditcover.engine.SolvencyRuns;
import io.auditcover.engine.State;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.pool.Pool;
import io.auditcover.solvency.PoolSolvency;
import io.auditcover.solvency.SolvencyAssessment;
import io.auditcover.solvency.SolvencyBook;
import io.auditcover.solvency.SolvencyGate;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the capital model over the book in the log and records the run, so the gate on purchases uses its figures; prints
 * each pool's figures against its policy. The simulation runs beside the engine, on a view of its state, never in it.
 */
@Command(name = "solvency", mixinStandardHelpOptions = true,
        description = "Simulate years of correlated exploits over the book: SCR, solvency ratio, MCR, exceedance curves, capital by listing and dependency group; record the run for the underwriting gate.")
final class SolvencyCommand implements Callable<Integer> {
    @Mixin
    DataDirectory dataDirectory;

    @Option(names = "--years", defaultValue = "" + SolvencyRuns.YEARS_DEFAULT, description = "Simulated years (default: ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random streams; the same seed and book give the same run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Threads to simulate on (default: every core). The result does not depend on it.")
    Integer threads;

    @Option(names = "--json", description = "Print the run as JSON, as GET /api/solvency shows it.")
    boolean json;

    @Option(names = "--dry-run", description = "Run and print, but do not record the run.")
    boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
        try (Engine engine = Engine.start(dataDirectory.openLog(), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
            State view = engine.read(Quotes::quoteState).join();
            var progress = System.console() != null && !json ? new ProgressBar(System.err, "simulating " + years + " years") : null;
            SolvencyRuns.Result result;
            try {
                result = SolvencyRuns.run(view, seed, years, threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                        io.auditcover.solvency.DependencyParameters.DEFAULTS, done -> {
                            if (progress != null) {
                                synchronized (progress) {
                                    progress.update((double) done / years);
                                }
                            }
                        });
            } catch (SolvencyRuns.Refused refused) {
                System.err.println("solvency: refused: " + refused.getMessage());
                return 1;
            }
            if (progress != null) {
                progress.done();
            }
            State recorded = view;
            if (!dryRun) {
                Outcome outcome = engine.submit(result.command()).get();
                if (outcome instanceof Outcome.Rejected rejected) {
                    System.err.println("solvency: the run was not recorded: " + rejected.rejection().code().wire() + ": "
                            + rejected.rejection().message());
                    return 1;
                }
                recorded = engine.read(Quotes::quoteState).join();
            }
            if (json) {
                System.out.println(SolvencyReport.json(recorded, result.assessment()));
            } else {
                print(System.out, recorded, result.assessment(), dryRun);
                printStress(System.out, recorded);
            }
            return 0;
        } catch (ExecutionException e) {
            System.err.println("solvency: " + e.getCause().getMessage());
            return 1;
        }
    }

    private static void print(PrintStream out, State state, SolvencyAssessment run, boolean dryRun) {
        out.printf("solvency run %s: %d years, seed %d, model %s%s%n", run.runId(), run.years(), run.seed(), run.modelVersion(),
                dryRun ? " (not recorded)" : ", recorded");
        out.printf("  year loss table digest %s%n", run.yearLossTableDigest());
        SolvencyBook solvency = state.solvencyBook();
        for (Pool pool : state.pools().values()) {
            PoolSolvency figures = run.pools().get(pool.id());
            if (figures == null) {
                continue;
            }
            Asset asset = pool.asset();
            var policy = solvency.policy(pool.id());
            out.printf("pool %s (%s)%n", pool.id(), asset.code());
            out.printf("  capital %s, active cover %s%n", units(asset, figures.capitalUnits()), units(asset, figures.activeCoverUnits()));
            out.printf("  expected annual loss %s, SCR (VaR 99.5 %%) %s, TVaR 99 %% %s%n", units(asset, figures.expectedLossUnits()),
                    units(asset, figures.scrUnits()), units(asset, figures.tvar99Units()));
            out.printf("  solvency ratio %s (capital / SCR), capital / required %s, minimum %s%n",
                    SolvencyGate.ratioText(figures.capitalUnits(), figures.scrUnits()),
                    SolvencyGate.ratioText(figures.capitalUnits(), figures.requiredCapitalUnits()),
                    policy.minimumRatio().isZero() ? "none" : SolvencyGate.ratioText(policy.minimumRatio()));
            out.printf("  MCR (cover / 4.8, Nexus Mutual's gearing) %s, probability of ruin %s%n", units(asset, figures.mcrUnits()),
                    java.math.BigDecimal.valueOf(figures.ruinPerMillion(), 6).stripTrailingZeros().toPlainString());
            if (figures.grossScrUnits() != null) {
                out.printf("  reinsurance: required capital %s gross, %s net, saves %s for %s a year of premium"
                        + " (expected recovery net of reinstatement premium %s)%n", units(asset, figures.grossRequiredCapitalUnits()),
                        units(asset, figures.requiredCapitalUnits()), units(asset, figures.capitalSavedUnits()),
                        units(asset, figures.reinsurancePremiumUnits()), units(asset, figures.grossExpectedLossUnits() - figures.expectedLossUnits()));
            }
            var curve = new StringBuilder("  aggregate exceedance:");
            new java.util.TreeMap<>(figures.aggregateExceedance()).forEach((period, loss) ->
                    curve.append(" 1-in-").append(period).append(' ').append(units(asset, loss)).append(';'));
            out.println(curve);
        }
        if (state.pools().values().stream().map(Pool::asset).distinct().count() > 1) {
            return; // the book's allocation adds units of different assets: shown only for a one-asset book
        }
        out.println("capital by dependency group (book TVaR 99 % by co-TVaR, largest first):");
        for (var kind : new java.util.TreeMap<>(run.capitalByGroupUnits()).entrySet()) {
            var top = kind.getValue().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).limit(3)
                    .map(group -> group.getKey() + " " + group.getValue()).toList();
            out.printf("  %s: %s%n", kind.getKey().name().toLowerCase(java.util.Locale.ROOT), String.join(", ", top));
        }
    }

    /** The standard stress scenarios: each pool's net loss and whether it survives. */
    private static void printStress(PrintStream out, State state) {
        out.println("stress scenarios (net of reinsurance):");
        for (var result : SolvencyRuns.stress(state)) {
            var line = new StringBuilder("  " + result.scenario() + ":");
            result.pools().forEach((poolId, loss) -> {
                Asset asset = state.pools().get(poolId).asset();
                line.append(' ').append(poolId).append(' ').append(units(asset, loss.netLossUnits()))
                        .append(loss.survives() ? " (survives)" : " (SHORT " + units(asset, loss.shortfallUnits()) + ")").append(';');
            });
            out.println(line);
        }
    }

    private static String units(Asset asset, long units) {
        return Money.ofUnits(asset, units).toDecimalString();
    }
}
