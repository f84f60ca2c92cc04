package io.auditcover.pricing;

import java.util.Map;
import java.util.TreeMap;

/**
 * The stated filters and assumptions of a calibration: which incidents count (scope, minimum loss, years), how many
 * protocols were live each year (the exposure the rate is per; an assumption, not in the data), the severity's TVL scaling,
 * and the bootstrap that gives the fit's uncertainty.
 */
public record CalibrationSettings(String scope, double minimumLossUsd, int fromYear, int toYear, Map<Integer, Double> liveProtocolsByYear,
        double severityReferenceTvlUsd, double severityTvlElasticity, int bootstrapSamples, long seed) {
    public static final int BOOTSTRAP_SAMPLES_MAX = 100_000;

    /**
     * Live DeFi protocols per year: a stated assumption of magnitude (rounded mid-year counts of protocols tracked by public
     * TVL dashboards such as DeFiLlama, EVM chains; not part of the data). The rate scales inversely with it.
     */
    public static final Map<Integer, Double> LIVE_PROTOCOLS_ASSUMED = Map.of(2020, 400.0, 2021, 1_200.0, 2022, 2_000.0, 2023, 2_500.0,
            2024, 3_000.0);

    public CalibrationSettings {
        if (fromYear > toYear || bootstrapSamples < 0 || bootstrapSamples > BOOTSTRAP_SAMPLES_MAX || !(minimumLossUsd >= 0)) {
            throw new IllegalArgumentException("calibration settings out of range");
        }
        for (int year = fromYear; year <= toYear; year++) {
            Double live = liveProtocolsByYear.get(year);
            if (live == null || !(live > 0)) {
                throw new IllegalArgumentException("no exposure (live protocols) stated for " + year);
            }
        }
        liveProtocolsByYear = new TreeMap<>(liveProtocolsByYear);
    }

    public static CalibrationSettings defaults() {
        return new CalibrationSettings("smart-contract-exploit", 100_000, 2021, 2024, LIVE_PROTOCOLS_ASSUMED, 2e7, 0.5, 400, 20_241_231L);
    }

    public String describe() {
        return "scope=" + scope + ", loss>=" + (long) minimumLossUsd + " USD for the rate, years " + fromYear + "-" + toYear
                + ", exposure " + liveProtocolsByYear.entrySet().stream().filter(e -> e.getKey() >= fromYear && e.getKey() <= toYear)
                        .map(e -> e.getKey() + ":" + e.getValue().longValue()).toList() + " live protocols (assumed)";
    }
}
