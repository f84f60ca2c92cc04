package io.auditcover.pricing;

/**
 * The stated filters and priors of a calibration: which incidents count (scope, minimum net loss), which years, the prior on
 * the year-to-year spread of the rate, and the severity's TVL scaling. No exposure is stated: it comes from the listing data.
 */
public record CalibrationSettings(String scope, double minimumLossUsd, int fromYear, int toYear, Frequency.Prior yearSpreadPrior,
        double severityReferenceTvlUsd, double severityTvlElasticity) {
    /**
     * Prior on the year-to-year spread of the log rate: ln 2 (a year's rate is within half to double the year before's about
     * two years in three), worth two observed year-on-year changes. A stated judgement: the listing history has too few years
     * to estimate the spread alone.
     */
    public static final Frequency.Prior YEAR_SPREAD_PRIOR = new Frequency.Prior(StrictMath.log(2), 2);

    public CalibrationSettings {
        if (fromYear > toYear || !(minimumLossUsd >= 0) || scope == null || yearSpreadPrior == null) {
            throw new IllegalArgumentException("calibration settings out of range");
        }
    }

    public static CalibrationSettings defaults() {
        return new CalibrationSettings("smart-contract-exploit", 100_000, 2021, 2024, YEAR_SPREAD_PRIOR, 2e7, 0.5);
    }

    /** The same settings over other years (the rolling backtest's history windows). */
    public CalibrationSettings years(int from, int to) {
        return new CalibrationSettings(scope, minimumLossUsd, from, to, yearSpreadPrior, severityReferenceTvlUsd, severityTvlElasticity);
    }

    /** The same settings with the frequency's trend shrunk by {@code changes} changes of zero (a sensitivity of the backtest). */
    public CalibrationSettings withTrendPrior(double changes) {
        return new CalibrationSettings(scope, minimumLossUsd, fromYear, toYear, yearSpreadPrior.withTrendChanges(changes), severityReferenceTvlUsd,
                severityTvlElasticity);
    }

    /**
     * Counted against the exposure: in scope, in the population, net loss at least the minimum, in the exposure's months, and its
     * protocol live in the exposure at the incident (the last month start on or before it), so numerator and denominator count
     * the same protocol-months.
     */
    public boolean counts(Incident incident, Exposure exposure) {
        return inScope(incident, exposure) && incident.inPopulation() && exposure.inExposure(incident.protocolId(), incident.date());
    }

    /**
     * In scope, with the minimum net loss, in the years, but not counted: outside the population, or on a listed protocol before
     * its first month-start snapshot (reported, never silently dropped).
     */
    public boolean outsidePopulation(Incident incident, Exposure exposure) {
        return inScope(incident, exposure) && !(incident.inPopulation() && exposure.inExposure(incident.protocolId(), incident.date()));
    }

    private boolean inScope(Incident incident, Exposure exposure) {
        int year = incident.date().getYear();
        return incident.scope().equals(scope) && incident.netLossUsd() >= minimumLossUsd && year >= fromYear && year <= toYear
                && exposure.covers(incident.date());
    }

    public String describe() {
        return "scope=" + scope + ", net loss>=" + (long) minimumLossUsd + " USD, years " + fromYear + "-" + toYear
                + ", incidents matched to listed protocols (match confidence high or medium), exposure from DefiLlama listings";
    }
}
