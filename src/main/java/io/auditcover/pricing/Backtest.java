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
 * Y's losses. Book: one 365-day cover of {@code coverUsd} on every live protocol-year at the reference TVL with average
 * factors, priced by the model; observed loss is what Y's incidents would have paid it ({@code cover × min(1, net loss /
 * TVL)}), so its loss ratio over the planned loss ratio says how well the price held.
 */
public final class Backtest {
    static final Asset USD = new Asset("USD", 2);

    private Backtest() {
    }

    /** One predicted year. Scores are natural logs of the probability of the observed count. */
    public record Year(int year, String calibratedOn, double protocolYears, double predictedCount, int countLow, int countHigh, int observed,
            int outsidePopulation, double logScore, double naiveLogScore, double pit, double severityMedianFit, double severityP90Fit,
            double severityMedianObserved, double severityP90Observed, double premiumUsd, double plannedLossUsd, double observedLossUsd) {
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
        Frequency.Count count = history.frequency().predict(protocolYears);
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
        return new Year(year, first + "-" + (year - 1), protocolYears, count.mean(), count.quantile(0.05), count.quantile(0.95), observed, outside,
                count.logProbability(observed), Frequency.poissonLogProbability(naiveMean, observed), count.pit(observed), severity.quantile(0.5),
                severity.quantile(0.9), sorted.length == 0 ? Double.NaN : SeverityFit.empiricalQuantile(sorted, 0.5),
                sorted.length == 0 ? Double.NaN : SeverityFit.empiricalQuantile(sorted, 0.9), protocolYears * premiumPerCover, plannedLoss, observedLoss);
    }

    /** Sums over the predicted years: covered years, log scores, and the mean of the loss ratio to plan. */
    public record Summary(int years, int covered, double logScore, double naiveLogScore, double meanLossRatioToPlan, double pooledLossRatioToPlan) {
    }

    public static Summary summary(List<Year> years) {
        int covered = (int) years.stream().filter(Year::covered).count();
        double score = years.stream().mapToDouble(Year::logScore).sum();
        double naive = years.stream().mapToDouble(Year::naiveLogScore).sum();
        double mean = years.stream().mapToDouble(Year::lossRatioToPlan).average().orElse(Double.NaN);
        double observed = years.stream().mapToDouble(Year::observedLossUsd).sum();
        double planned = years.stream().mapToDouble(Year::plannedLossUsd).sum();
        return new Summary(years.size(), covered, score, naive, mean, observed / planned);
    }

    static double[] sorted(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }
}
