package io.auditcover.pricing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;

/**
 * Fits the calibrated parameters from exploit history. Rate: incidents in scope with a known loss at least the minimum, per
 * assumed live protocol-year. Severity: lognormal maximum-likelihood on every known loss in scope and years (the rate's
 * minimum then conditions it). Uncertainty: a seeded bootstrap of the losses and a Poisson interval for the count.
 */
public final class Calibrator {
    private Calibrator() {
    }

    /** The fit and what it was fitted on. Intervals are 90% (5th-95th percentile). */
    public record Result(PricingParameters.Calibration calibration, TreeMap<Integer, Integer> incidentsByYear,
            TreeMap<Integer, Double> lossesByYear, double[] sortedLosses, double ksStatistic, double rateLow, double rateHigh,
            double sigmaLow, double sigmaHigh, double muLow, double muHigh) {
    }

    public static Result fit(List<Incident> incidents, CalibrationSettings settings, DoubleConsumer progress) {
        var counted = new TreeMap<Integer, Integer>();
        var lossSums = new TreeMap<Integer, Double>();
        for (int year = settings.fromYear(); year <= settings.toYear(); year++) {
            counted.put(year, 0);
            lossSums.put(year, 0.0);
        }
        var losses = new ArrayList<Double>();
        for (Incident incident : incidents) {
            int year = incident.date().getYear();
            if (!incident.scope().equals(settings.scope()) || year < settings.fromYear() || year > settings.toYear() || !incident.lossKnown()) {
                continue;
            }
            losses.add(incident.lossUsd());
            if (incident.lossUsd() >= settings.minimumLossUsd()) {
                counted.merge(year, 1, Integer::sum);
                lossSums.merge(year, incident.lossUsd(), Double::sum);
            }
        }
        progress.accept(0.05);
        double[] sorted = losses.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        LossSeverity severity = LossSeverity.fit(sorted);
        int count = counted.values().stream().mapToInt(Integer::intValue).sum();
        double exposure = 0;
        for (int year = settings.fromYear(); year <= settings.toYear(); year++) {
            exposure += settings.liveProtocolsByYear().get(year);
        }
        double rate = count / exposure;
        double[] sigmas = new double[settings.bootstrapSamples()];
        double[] mus = new double[settings.bootstrapSamples()];
        var random = new Random(settings.seed());
        double[] sample = new double[sorted.length];
        for (int b = 0; b < sigmas.length; b++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = sorted[random.nextInt(sorted.length)];
            }
            LossSeverity resampled = LossSeverity.fit(sample);
            sigmas[b] = resampled.sigma();
            mus[b] = resampled.mu();
            progress.accept(0.05 + 0.9 * (b + 1) / sigmas.length);
        }
        Arrays.sort(sigmas);
        Arrays.sort(mus);
        double spread = 1.645 * StrictMath.sqrt(count);
        var calibration = new PricingParameters.Calibration(rate, settings.minimumLossUsd(), severity.mu(), severity.sigma(),
                settings.severityReferenceTvlUsd(), settings.severityTvlElasticity(), settings.describe(), count, exposure);
        progress.accept(1.0);
        return new Result(calibration, counted, lossSums, sorted, ks(sorted, severity), Math.max(0, count - spread) / exposure,
                (count + spread) / exposure, percentile(sigmas, 0.05, severity.sigma()), percentile(sigmas, 0.95, severity.sigma()),
                percentile(mus, 0.05, severity.mu()), percentile(mus, 0.95, severity.mu()));
    }

    /** Kolmogorov-Smirnov distance between the empirical distribution of the losses and the fit. */
    public static double ks(double[] sorted, LossSeverity severity) {
        double worst = 0;
        for (int i = 0; i < sorted.length; i++) {
            double fitted = severity.cdf(sorted[i]);
            worst = Math.max(worst, Math.max(Math.abs(fitted - (double) i / sorted.length), Math.abs(fitted - (double) (i + 1) / sorted.length)));
        }
        return worst;
    }

    /** The empirical quantile of sorted values (nearest rank). */
    public static double empiricalQuantile(double[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        return sorted[index];
    }

    private static double percentile(double[] sorted, double p, double fallback) {
        return sorted.length == 0 ? fallback : empiricalQuantile(sorted, p);
    }
}
