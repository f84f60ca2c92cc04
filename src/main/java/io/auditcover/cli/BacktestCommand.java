package io.auditcover.cli;

import io.auditcover.engine.PricingFile;
import io.auditcover.money.Ratio;
import io.auditcover.pricing.Backtest;
import io.auditcover.pricing.CalibrationSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Rolling-origin backtest: each year predicted from the years before it only, against what happened. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Rolling-origin backtest: fit on the years before Y, predict Y; print counts with 90%% intervals, scores, PIT, severity and the book's loss ratio.")
final class BacktestCommand implements Callable<Integer> {
    /** The largest trend prior --trend-prior takes, in changes of zero: beyond it the trend is as good as none. */
    static final double TREND_PRIOR_MAX = 1_000;

    @Option(names = "--data", defaultValue = "datasets", description = "Folder of the data files (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--cover", defaultValue = "1000000", description = "Cover per protocol-year in USD (default: ${DEFAULT-VALUE}).")
    double coverUsd;

    @Option(names = "--leverage", defaultValue = "2", description = "Pool leverage for the capital cost (default: ${DEFAULT-VALUE}).")
    String leverage;

    @Option(names = "--trend-prior", description = "Shrink the rate's trend toward none by this many year-on-year changes of zero, above 0"
            + " (default: the model's, 1): a sensitivity, not the calibration.")
    Double trendPrior;

    @Override
    public Integer call() throws IOException {
        CalibrationData files;
        try {
            files = CalibrationData.read(data);
        } catch (CalibrationData.DataFileException e) {
            System.err.println("backtest: " + e.getMessage());
            return 1;
        }
        if (trendPrior != null && !(trendPrior > 0 && trendPrior <= TREND_PRIOR_MAX)) {
            System.err.println("backtest: --trend-prior must be above 0 and at most " + (long) TREND_PRIOR_MAX);
            return 2;
        }
        var settings = trendPrior == null ? CalibrationSettings.defaults() : CalibrationSettings.defaults().withTrendPrior(trendPrior);
        var years = Backtest.run(files.incidents(), files.exposure(), settings, PricingFile.bundled(), coverUsd, Ratio.parse(leverage));
        print(System.out, years, coverUsd);
        return 0;
    }

    static void print(PrintStream out, List<Backtest.Year> years, double coverUsd) {
        out.printf(Locale.ROOT, "Rolling origin: each year Y fitted on the years before it only (exposure starts 2021-05, so 2021 has no earlier year).%n"
                + "Book: one 365-day cover of %,.0f USD per live protocol-year, reference TVL, the year's own mix of groups.%n%n", coverUsd);
        out.printf(Locale.ROOT, "%-5s %-10s %8s %9s %11s %8s %7s %9s %9s %5s %12s %12s %12s %12s %8s %8s %6s %8s %9s %8s%n", "year", "fitted on", "prot-yrs",
                "predicted", "90% range", "observed", "outside", "log score", "naive", "PIT", "median fit", "median obs", "p90 fit", "p90 obs",
                "LR", "LR/plan", "count", "severity", "LR/median", "loss PIT");
        for (var y : years) {
            out.printf(Locale.ROOT, "%-5d %-10s %8.0f %9.1f %11s %8d %7d %9.2f %9.2f %5.2f %,12.0f %,12.0f %,12.0f %,12.0f %8.2f %8.2f %6.2f %8.2f %9.2f %8.2f%n", y.year(),
                    y.calibratedOn(), y.protocolYears(), y.predictedCount(), y.countLow() + "-" + y.countHigh() + (y.covered() ? "" : "*"), y.observed(),
                    y.outsidePopulation(), y.logScore(), y.naiveLogScore(), y.pit(), y.severityMedianFit(), y.severityMedianObserved(),
                    y.severityP90Fit(), y.severityP90Observed(), y.lossRatio(), y.lossRatioToPlan(), y.frequencyToPlan(), y.severityToPlan(),
                    y.lossToMedianPlan(), y.lossPit());
        }
        var s = Backtest.summary(years);
        out.printf(Locale.ROOT, "%n%d of %d years inside the 90%% interval (* = outside); log score %.2f vs naive %.2f (higher is better);"
                + " loss ratio to plan %.2f on average, %.2f pooled%n", s.covered(), s.years(), s.logScore(), s.naiveLogScore(), s.meanLossRatioToPlan(),
                s.pooledLossRatioToPlan());
        out.printf(Locale.ROOT, "LR/plan = count (observed / predicted incidents, mean %.2f) x severity (payout per incident observed / fitted, mean %.2f);"
                + " against the plan's median year instead of its mean: %.2f on average; loss PIT: the observed book loss's rank among years"
                + " simulated from the model%n", s.meanFrequencyToPlan(), s.meanSeverityToPlan(), s.meanLossToMedianPlan());
    }
}
