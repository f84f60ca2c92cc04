package io.auditcover.pricing;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin validation: for every year Y with an earlier exposure year, calibrate on the years before Y only, predict Y,
 * and compare. Frequency: the negative binomial predictive count of Y's protocol-years with its 90 % interval, its log score
 * and PIT, against a naive baseline (last year's rate as a Poisson). Severity: the fit's median and 90th percentile against
 * Y's losses. The count is predicted at Y's own mix of groups: its protocol-years weighted by the mean multiplier of the factors
 * fitted on the years before ({@link JointFactorFit.Joint#relativeMix}). Book: one 365-day cover of {@code coverUsd} on every live
 * protocol-year at the reference TVL with the year's average factors, priced by the model; observed loss is what Y's incidents would have paid it ({@code cover × min(1, net loss /
 * TVL)}), so its loss ratio over the planned loss ratio says how well the price held.
 */
public final class Backtest {
    static final Asset USD = new Asset("USD", 2);

    private Backtest() {
    }

    /** One predicted year. Scores are natural logs of the probability of the observed count. */
    public record Year(int year, String calibratedOn, double protocolYears, double predictedCount, int countLow, int countHigh, int observed,
            int outsidePopulation, double logScore, double naiveLogScore, double pit, double severityMedianFit, double severityP90Fit,
            double severityMedianObserved, double severityP90Observed, double premiumUsd, double plannedLossUsd, double observedLossUsd,
            double payoutPerIncidentFit, double payoutPerIncidentObserved, double plannedMedianLossUsd, double lossPit) {
        public boolean covered() {
            return observed >= countLow && observed <= countHigh;
        }

        public double lossRatio() {
            return observedLossUsd / premiumUsd;
        }

        /** Observed loss ratio ÷ planned loss ratio: 1 when the year paid exactly what it was priced for. */
        public double lossRatioToPlan() {
            return observedLossUsd / plannedLossUsd;
        }

        /** The count's part of the loss ratio to plan: observed ÷ predicted incidents. */
        public double frequencyToPlan() {
            return observed / predictedCount;
        }

        /** The severity's part: the mean payout per observed incident ÷ the fit's (both capped at the book's TVL). */
        public double severityToPlan() {
            return observed == 0 ? Double.NaN : payoutPerIncidentObserved / payoutPerIncidentFit;
        }

        /** The observed loss against the plan's median year (a typical year) rather than its mean. */
        public double lossToMedianPlan() {
            return observedLossUsd / plannedMedianLossUsd;
        }
    }

    public static List<Year> run(List<Incident> incidents, Exposure exposure, CalibrationSettings settings, PricingParameters parameters,
            double coverUsd, Ratio leverage) {
        var years = new ArrayList<Year>();
        for (int year = settings.fromYear() + 1; year <= settings.toYear(); year++) {
            int first = settings.fromYear();
            if (exposure.protocolYears(year) <= 0 || exposure.protocolYears(year - 1) <= 0) {
                continue;
            }
            var history = Calibrator.fit(incidents, exposure, settings.years(first, year - 1), fraction -> { });
            years.add(year(incidents, exposure, settings.years(year, year), history, parameters, coverUsd, leverage, first));
        }
        return years;
    }

    private static Year year(List<Incident> incidents, Exposure exposure, CalibrationSettings target, Calibrator.Result history,
            PricingParameters parameters, double coverUsd, Ratio leverage, int first) {
        int year = target.fromYear();
        double protocolYears = exposure.protocolYears(year);
        // The year's protocols at their own groups: protocol-years weighted by the mix the history's factors give them.
        double mix = history.joint().relativeMix(exposure, target);
        Frequency.Count count = history.frequency().predict(protocolYears * mix);
        var losses = new ArrayList<Double>();
        int outside = 0;
        double tvl = target.severityReferenceTvlUsd();
        double observedLoss = 0;
        for (Incident incident : incidents) {
            if (target.counts(incident, exposure)) {
                losses.add(incident.netLossUsd());
                observedLoss += coverUsd * Math.min(1, incident.netLossUsd() / tvl);
            } else if (target.outsidePopulation(incident, exposure)) {
                outside++;
            }
        }
        int observed = losses.size();
        int lastYear = history.protocolYearsByYear().lastKey();
        double naiveMean = Math.max(0.5, history.incidentsByYear().get(lastYear)) / history.protocolYearsByYear().get(lastYear) * protocolYears;
        var calibration = history.calibration();
        double rate = count.mean() / protocolYears;
        var risk = Risk.exact(rate, RiskModel.payoutRatio(calibration, tvl), List.of());
        Money cover = Money.ofUnits(USD, Math.round(coverUsd * 100));
        double premiumPerCover = Quoter.technical(parameters.premium(), risk, cover, 365, leverage).total().units() / 100.0;
        double plannedLoss = protocolYears * risk.probabilityWithin(365) * risk.payoutRatio() * coverUsd;
        double[] sorted = losses.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        var severity = calibration.severity();
        double perIncidentFit = coverUsd * risk.payoutRatio();
        double[] aggregate = aggregate(count, severity, tvl, coverUsd, year);
        return new Year(year, first + "-" + (year - 1), protocolYears, count.mean(), count.quantile(0.05), count.quantile(0.95), observed, outside,
                count.logProbability(observed), Frequency.poissonLogProbability(naiveMean, observed), count.pit(observed), severity.quantile(0.5),
                severity.quantile(0.9), sorted.length == 0 ? Double.NaN : SeverityFit.empiricalQuantile(sorted, 0.5),
                sorted.length == 0 ? Double.NaN : SeverityFit.empiricalQuantile(sorted, 0.9), protocolYears * premiumPerCover, plannedLoss, observedLoss,
                perIncidentFit, observed == 0 ? 0 : observedLoss / observed, SeverityFit.empiricalQuantile(aggregate, 0.5),
                pit(aggregate, observedLoss));
    }

    /** Simulated years of the book's loss under the predictive (enough for stable medians and PITs to two decimals). */
    public static final int SIMULATED_YEARS = 4_000;
    static final long SIMULATION_SEED = 0x5eed_12L;

    /**
     * The book's aggregate loss in a year, sorted, simulated from the model itself: a rate from the negative binomial's gamma,
     * a Poisson count, and each incident's payout {@code cover × min(1, loss / TVL)} from the fitted severity. Seeded by the year,
     * so the backtest is deterministic. Its mean is the plan; its median is a typical year, which a right-skewed loss puts below.
     */
    static double[] aggregate(Frequency.Count count, SplicedSeverity severity, double tvlUsd, double coverUsd, int year) {
        var random = new org.hipparchus.random.RandomDataGenerator(SIMULATION_SEED + year);
        double[] years = new double[SIMULATED_YEARS];
        for (int i = 0; i < SIMULATED_YEARS; i++) {
            double mean = random.nextGamma(count.shape(), count.mean() / count.shape());
            long n = mean <= 0 ? 0 : random.nextPoisson(mean);
            double loss = 0;
            for (long k = 0; k < n; k++) {
                double u = Math.min(1 - 1e-12, Math.max(1e-12, random.nextDouble()));
                loss += coverUsd * Math.min(1, severity.quantile(u) / tvlUsd);
            }
            years[i] = loss;
        }
        Arrays.sort(years);
        return years;
    }

    /** Mid-rank PIT of {@code value} among sorted simulated values. */
    static double pit(double[] sorted, double value) {
        int below = 0;
        int equal = 0;
        for (double x : sorted) {
            if (x < value) {
                below++;
            } else if (x == value) {
                equal++;
            }
        }
        return (below + equal / 2.0) / sorted.length;
    }

    /**
     * Sums over the predicted years: covered years, log scores, the mean of the loss ratio to plan (and pooled), its parts (mean
     * frequency and severity ratios), and the mean ratio to the plan's median year.
     */
    public record Summary(int years, int covered, double logScore, double naiveLogScore, double meanLossRatioToPlan, double pooledLossRatioToPlan,
            double meanFrequencyToPlan, double meanSeverityToPlan, double meanLossToMedianPlan) {
    }

    public static Summary summary(List<Year> years) {
        int covered = (int) years.stream().filter(Year::covered).count();
        double score = years.stream().mapToDouble(Year::logScore).sum();
        double naive = years.stream().mapToDouble(Year::naiveLogScore).sum();
        double mean = years.stream().mapToDouble(Year::lossRatioToPlan).average().orElse(Double.NaN);
        double observed = years.stream().mapToDouble(Year::observedLossUsd).sum();
        double planned = years.stream().mapToDouble(Year::plannedLossUsd).sum();
        return new Summary(years.size(), covered, score, naive, mean, observed / planned,
                years.stream().mapToDouble(Year::frequencyToPlan).average().orElse(Double.NaN),
                years.stream().mapToDouble(Year::severityToPlan).filter(Double::isFinite).average().orElse(Double.NaN),
                years.stream().mapToDouble(Year::lossToMedianPlan).average().orElse(Double.NaN));
    }

    static double[] sorted(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }
}
