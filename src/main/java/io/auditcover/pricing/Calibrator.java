package io.auditcover.pricing;

import java.util.List;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;

/**
 * Fits the calibrated parameters from the data alone: incidents of the insured peril matched to listed protocols over the
 * protocol-years those listings give (frequency, {@link Frequency}), and the severity of their net losses at or above the
 * minimum ({@link SeverityFit}), and the factors by group, fitted jointly ({@link JointFactorFit}). Deterministic: the same data always gives the same parameters.
 */
public final class Calibrator {
    private Calibrator() {
    }

    /** The fit and what it was fitted on. */
    public record Result(PricingParameters.Calibration calibration, TreeMap<Integer, Integer> incidentsByYear,
            TreeMap<Integer, Integer> outsideByYear, TreeMap<Integer, Double> protocolYearsByYear, Frequency frequency,
            SeverityFit.Result severity, JointFactorFit.Joint joint, java.util.Map<String, List<FactorFit.Group>> marginalFactors) {
        /** The factors fitted jointly, by dimension. */
        public java.util.Map<String, List<FactorFit.Group>> factors() {
            return joint.factors();
        }
    }

    public static Result fit(List<Incident> incidents, Exposure exposure, CalibrationSettings settings, DoubleConsumer progress) {
        var counted = new TreeMap<Integer, Integer>();
        var outside = new TreeMap<Integer, Integer>();
        var protocolYears = new TreeMap<Integer, Double>();
        for (int year = settings.fromYear(); year <= settings.toYear(); year++) {
            if (exposure.protocolYears(year) > 0) {
                counted.put(year, 0);
                outside.put(year, 0);
                protocolYears.put(year, exposure.protocolYears(year));
            }
        }
        var losses = new java.util.ArrayList<Double>();
        for (Incident incident : incidents) {
            if (settings.counts(incident, exposure)) {
                counted.merge(incident.date().getYear(), 1, Integer::sum);
                losses.add(incident.netLossUsd());
            } else if (settings.outsidePopulation(incident, exposure)) {
                outside.merge(incident.date().getYear(), 1, Integer::sum);
            }
        }
        progress.accept(0.2);
        Frequency frequency = Frequency.fit(counted, protocolYears, settings.yearSpreadPrior());
        progress.accept(0.4);
        SeverityFit.Result severity = SeverityFit.fit(losses.stream().mapToDouble(Double::doubleValue).toArray(), settings.minimumLossUsd());
        progress.accept(0.9);
        var s = severity.severity();
        double[] predictive = frequency.logRatePredictive(1);
        var calibration = new PricingParameters.Calibration(frequency.predictiveRate(), settings.minimumLossUsd(), s.body().mu(),
                s.body().sigma(), settings.severityReferenceTvlUsd(), settings.severityTvlElasticity(), settings.describe(), frequency.incidents(),
                frequency.protocolYears(), s.hasTail() ? s.tailFromUsd() : 0, s.tailProbability(), s.tailShape(), s.tailScale(), predictive[1]);
        progress.accept(1.0);
        var marginal = FactorFit.fit(incidents, exposure, settings);
        return new Result(calibration, counted, outside, protocolYears, frequency, severity, JointFactorFit.joint(incidents, exposure, settings, marginal),
                marginal);
    }
}
