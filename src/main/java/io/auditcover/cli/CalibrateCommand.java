package io.auditcover.cli;

import io.auditcover.engine.PricingFile;
import io.auditcover.money.Ratio;
import io.auditcover.pricing.Backtest;
import io.auditcover.pricing.CalibrationSettings;
import io.auditcover.pricing.Calibrator;
import io.auditcover.pricing.PricingParameters;
import io.auditcover.pricing.SeverityFit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Fits frequency and severity from the data files alone, writes a versioned parameter file and an HTML report. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit the exploit rate per listed protocol-year and the loss severity from the data files; write a versioned parameter file and an HTML report.")
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "datasets", description = "Folder of the data files (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--out", defaultValue = "pricing-parameters.json", description = "Parameter file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", defaultValue = "calibration-report.html", description = "HTML report to write (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--base", description = "Parameter file whose factor tables and premium terms to keep (default: the bundled one).")
    Path base;

    @Option(names = "--min-loss", defaultValue = "100000", description = "Smallest net loss in USD counted (default: ${DEFAULT-VALUE}).")
    double minimumLoss;

    @Override
    public Integer call() throws IOException {
        var defaults = CalibrationSettings.defaults();
        var settings = new CalibrationSettings(defaults.scope(), minimumLoss, defaults.fromYear(), defaults.toYear(), defaults.yearSpreadPrior(),
                defaults.severityReferenceTvlUsd(), defaults.severityTvlElasticity());
        PricingParameters start = base != null ? PricingFile.read(base) : PricingFile.bundled();
        CalibrationData files;
        try {
            files = CalibrationData.read(data);
        } catch (CalibrationData.DataFileException e) {
            System.err.println("calibrate: " + e.getMessage() + "; nothing written");
            return 1;
        }
        // A progress bar only on a terminal: redirected output gets no carriage returns.
        var progress = System.console() != null ? new ProgressBar(System.err, "calibrating") : null;
        DoubleConsumer update = progress != null ? progress::update : fraction -> { };
        var result = calibrate(files, settings, start, update);
        if (progress != null) {
            progress.done();
        }
        Files.writeString(out, PricingFile.toJson(result.parameters()), StandardCharsets.UTF_8);
        Files.writeString(report, CalibrationReport.html(result, files), StandardCharsets.UTF_8);
        summary(System.out, result);
        System.out.printf("wrote %s and %s%n", out, report);
        return 0;
    }

    record Calibrated(Calibrator.Result fit, PricingParameters parameters, List<Backtest.Year> backtest) {
    }

    /** Reference book of the backtest: one cover of 1M USD per protocol-year at leverage 2. */
    static final double BOOK_COVER_USD = 1_000_000;
    static final Ratio BOOK_LEVERAGE = Ratio.whole(2);

    /**
     * The fit, under a version named after the years, the data's digest and the model's shape ("fitted-factors": quotes apply
     * the fitted factors, normalised), so the same data always gives the same version and an earlier model's file never shares it.
     */
    static Calibrated calibrate(CalibrationData files, CalibrationSettings settings, PricingParameters start, DoubleConsumer progress) {
        var fit = Calibrator.fit(files.incidents(), files.exposure(), settings, fraction -> progress.accept(fraction * 0.5));
        String version = "listings-" + settings.fromYear() + "-" + settings.toYear() + "-" + files.digest().substring(0, 8) + "-fitted-factors";
        var fitted = io.auditcover.pricing.FittedFactors.of(fit.factors(), files.exposure(), settings,
                io.auditcover.pricing.RiskModel.priorsWithoutEvidence(start.factors(), fittedShape(fit)));
        PricingParameters parameters = start.withCalibration(version, fit.calibration()).withFitted(fitted);
        var backtest = Backtest.run(files.incidents(), files.exposure(), settings, parameters, BOOK_COVER_USD, BOOK_LEVERAGE);
        progress.accept(1);
        return new Calibrated(fit, parameters, backtest);
    }

    /** The fitted dimensions without values: which priors they replace is all the normalisation needs to know first. */
    private static io.auditcover.pricing.FittedFactors fittedShape(Calibrator.Result fit) {
        var dimensions = new java.util.TreeMap<String, java.util.Map<String, io.auditcover.pricing.FittedFactors.Group>>();
        fit.factors().keySet().forEach(dimension -> dimensions.put(dimension, java.util.Map.of()));
        return new io.auditcover.pricing.FittedFactors(dimensions, 1, 1, "");
    }

    static void summary(PrintStream out, Calibrated result) {
        var c = result.parameters().calibration();
        var fit = result.fit();
        var s = c.severity();
        var f = fit.frequency();
        double[] losses = fit.severity().sortedLosses();
        out.printf(Locale.ROOT, "parameters %s%n  %s%n", result.parameters().version(), c.filters());
        out.printf(Locale.ROOT, "  protocol-years %s%n", rounded(fit.protocolYearsByYear()));
        out.printf(Locale.ROOT, "  incidents in the population %s; outside it (not counted) %s%n", fit.incidentsByYear(), fit.outsideByYear());
        out.printf(Locale.ROOT, "  base rate %.4f per protocol-year (predictive mean for %d); log-rate sd %.3f, year spread %.3f, trend %.3f a year%n",
                c.baseAnnualRate(), f.lastYear() + 1, StrictMath.sqrt(c.rateLogVariance()), StrictMath.sqrt(f.yearSpreadSquared()), f.trendPerYear());
        out.printf(Locale.ROOT, "  severity on %d net losses >= %,.0f USD: body lognormal mu %.3f sigma %.3f; tail from %,.0f USD (%.1f%%) GPD shape %.3f scale %,.0f;"
                + " KS %.3f, tail KS %.3f%n", losses.length, c.minimumLossUsd(), c.severityMu(), c.severitySigma(), c.tailFromUsd(), 100 * c.tailProbability(),
                c.tailShape(), c.tailScale(), fit.severity().ks(), fit.severity().tailKs());
        out.printf(Locale.ROOT, "  median %,.0f (data %,.0f), p90 %,.0f (data %,.0f), p99 %,.0f (data %,.0f) USD%n", s.quantile(0.5),
                SeverityFit.empiricalQuantile(losses, 0.5), s.quantile(0.9), SeverityFit.empiricalQuantile(losses, 0.9), s.quantile(0.99),
                SeverityFit.empiricalQuantile(losses, 0.99));
        var summary = Backtest.summary(result.backtest());
        out.printf(Locale.ROOT, "  backtest: %d of %d years inside the 90%% interval; log score %.2f (naive %.2f); loss ratio to plan %.2f on average%n",
                summary.covered(), summary.years(), summary.logScore(), summary.naiveLogScore(), summary.meanLossRatioToPlan());
    }

    static String rounded(java.util.Map<Integer, Double> values) {
        var parts = new java.util.ArrayList<String>();
        values.forEach((year, value) -> parts.add(year + "=" + Math.round(value)));
        return "{" + String.join(", ", parts) + "}";
    }
}
