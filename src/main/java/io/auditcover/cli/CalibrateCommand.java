package io.auditcover.cli;

import io.auditcover.engine.PricingFile;
import io.auditcover.pricing.CalibrationSettings;
import io.auditcover.pricing.Calibrator;
import io.auditcover.pricing.Incident;
import io.auditcover.pricing.PricingParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Fits the base rate and severity from the exploit CSV, writes a versioned parameter file and an HTML report. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit base rate and loss severity from exploits.csv; write a versioned parameter file and an HTML report.")
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "datasets/exploits.csv", description = "The exploit CSV (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--out", defaultValue = "pricing-parameters.json", description = "Parameter file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--report", defaultValue = "calibration-report.html", description = "HTML report to write (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--base", description = "Parameter file whose factor tables and premium terms to keep (default: the bundled one).")
    Path base;

    @Option(names = "--scope", defaultValue = "smart-contract-exploit", description = "Incident scope that counts (default: ${DEFAULT-VALUE}).")
    String scope;

    @Option(names = "--min-loss", defaultValue = "100000", description = "Smallest loss in USD counted for the rate (default: ${DEFAULT-VALUE}).")
    double minimumLoss;

    @Option(names = "--from", defaultValue = "2021", description = "First year (default: ${DEFAULT-VALUE}).")
    int fromYear;

    @Option(names = "--to", defaultValue = "2024", description = "Last year (default: ${DEFAULT-VALUE}).")
    int toYear;

    @Option(names = "--exposure", split = ",", description = "Live protocols per year, e.g. 2021=1200,2022=2000 (default: the stated assumption).")
    List<String> exposure;

    @Override
    public Integer call() throws IOException {
        var live = new TreeMap<Integer, Double>(CalibrationSettings.LIVE_PROTOCOLS_ASSUMED);
        if (exposure != null) {
            for (String entry : exposure) {
                String[] parts = entry.split("=", 2);
                if (parts.length != 2) {
                    System.err.println("calibrate: --exposure takes YEAR=COUNT, not " + entry);
                    return 2;
                }
                live.put(Integer.parseInt(parts[0].strip()), Double.parseDouble(parts[1].strip()));
            }
        }
        var defaults = CalibrationSettings.defaults();
        var settings = new CalibrationSettings(scope, minimumLoss, fromYear, toYear, live, defaults.severityReferenceTvlUsd(),
                defaults.severityTvlElasticity(), defaults.bootstrapSamples(), defaults.seed());
        PricingParameters start = base != null ? PricingFile.read(base) : PricingFile.bundled();
        var progress = new ProgressBar(System.err, "calibrating");
        List<Incident> incidents = ExploitCsv.read(data);
        var result = calibrate(incidents, settings, start, Files.readAllBytes(data), progress);
        progress.done();
        Files.writeString(out, PricingFile.toJson(result.parameters()), StandardCharsets.UTF_8);
        Files.writeString(report, CalibrationReport.html(result.fit(), result.parameters(), incidents.size()), StandardCharsets.UTF_8);
        summary(System.out, result);
        System.out.printf("wrote %s and %s%n", out, report);
        return 0;
    }

    record Calibrated(Calibrator.Result fit, PricingParameters parameters) {
    }

    /** The fit, under a version named after the years and the data's digest, so the same data always gives the same version. */
    static Calibrated calibrate(List<Incident> incidents, CalibrationSettings settings, PricingParameters start, byte[] dataBytes,
            ProgressBar progress) {
        var fit = Calibrator.fit(incidents, settings, progress::update);
        String version = "exploits-" + settings.fromYear() + "-" + settings.toYear() + "-" + digest(dataBytes).substring(0, 8);
        return new Calibrated(fit, start.withCalibration(version, fit.calibration()));
    }

    static void summary(PrintStream out, Calibrated result) {
        var c = result.parameters().calibration();
        var fit = result.fit();
        var severity = c.severity();
        out.printf(Locale.ROOT, "parameters %s%n  %s%n", result.parameters().version(), c.filters());
        out.printf(Locale.ROOT, "  incidents per year %s; base rate %.4f per protocol-year (90%%: %.4f-%.4f)%n", fit.incidentsByYear(),
                c.baseAnnualRate(), fit.rateLow(), fit.rateHigh());
        out.printf(Locale.ROOT, "  severity lognormal mu %.3f sigma %.3f (90%%: %.3f-%.3f) on %d losses; KS distance %.3f%n", c.severityMu(),
                c.severitySigma(), fit.sigmaLow(), fit.sigmaHigh(), fit.sortedLosses().length, fit.ksStatistic());
        out.printf(Locale.ROOT, "  median %,.0f (data %,.0f), p90 %,.0f (data %,.0f), p99 %,.0f (data %,.0f) USD%n", severity.median(),
                Calibrator.empiricalQuantile(fit.sortedLosses(), 0.5), severity.quantile(0.9),
                Calibrator.empiricalQuantile(fit.sortedLosses(), 0.9), severity.quantile(0.99),
                Calibrator.empiricalQuantile(fit.sortedLosses(), 0.99));
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
