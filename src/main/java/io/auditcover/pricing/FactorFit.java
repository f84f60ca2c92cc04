package io.auditcover.pricing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hipparchus.distribution.continuous.GammaDistribution;

/**
 * Relative exploit rates by group (category, chain, DefiLlama audit flag, fork family, age since listing, audit history), fitted one way (marginally) from the
 * incidents in the population over the exposure, with Bühlmann-Straub credibility: each group's rate is the Poisson-gamma
 * posterior mean {@code (a + n) / (b + E)} whose prior is the dimension's overall rate with weight {@code b = k} protocol-years,
 * k = expected process variance ÷ variance of hypothetical means (estimated from the groups; no spread between groups
 * gives k = {@link #CREDIBILITY_WEIGHT_MAX} and every factor ≈ 1). Factors are normalised so their exposure-weighted mean
 * over the population is exactly 1; the 90 % interval is the posterior's, normalised the same way. Quotes apply the joint fit
 * ({@link JointFactorFit}), which starts from these groups and their between-group variance; the one-way factors are kept to
 * show how much the dimensions overlap.
 */
public final class FactorFit {
    public static final List<String> DIMENSIONS = List.of("category", "chain", "audits", "fork", "age", AuditHistory.DIMENSION);
    /** Groups below this exposure are pooled into "other" (too little to report alone). */
    public static final double GROUP_PROTOCOL_YEARS_MIN = 100;
    public static final double CREDIBILITY_WEIGHT_MAX = 1e7;

    private FactorFit() {
    }

    /** One group's fitted factor: estimate, 90 % interval, and the rows it rests on (incidents, protocol-years). */
    public record Group(String dimension, String name, int incidents, double protocolYears, double factor, double low, double high, double credibility) {
    }

    /** Every dimension's groups, largest exposure first. */
    public static Map<String, List<Group>> fit(List<Incident> incidents, Exposure exposure, CalibrationSettings settings) {
        var result = new TreeMap<String, List<Group>>();
        for (String dimension : DIMENSIONS) {
            result.put(dimension, dimension(dimension, incidents, exposure, settings));
        }
        return result;
    }

    static List<Group> dimension(String dimension, List<Incident> incidents, Exposure exposure, CalibrationSettings settings) {
        var exposures = new TreeMap<String, Double>();
        var counts = new TreeMap<String, Integer>();
        String prefix = dimension + ":";
        for (var entry : exposure.groups().entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                double e = 0;
                for (var year : entry.getValue().entrySet()) {
                    if (year.getKey() >= settings.fromYear() && year.getKey() <= settings.toYear()) {
                        e += year.getValue();
                    }
                }
                exposures.put(entry.getKey().substring(prefix.length()), e);
            }
        }
        for (Incident incident : incidents) {
            if (settings.counts(incident, exposure)) {
                for (String key : exposure.groupsAt(incident.protocolId(), incident.date())) {
                    if (key.startsWith(prefix)) {
                        counts.merge(key.substring(prefix.length()), 1, Integer::sum);
                    }
                }
            }
        }
        pool(exposures, counts);
        return credibility(dimension, exposures, counts);
    }

    /** Moves groups under the minimum exposure (and incidents in groups without exposure) into "other". */
    private static void pool(TreeMap<String, Double> exposures, TreeMap<String, Integer> counts) {
        for (String name : new ArrayList<>(exposures.keySet())) {
            if (exposures.get(name) < GROUP_PROTOCOL_YEARS_MIN) {
                exposures.merge("other", exposures.remove(name), Double::sum);
                Integer n = counts.remove(name);
                if (n != null) {
                    counts.merge("other", n, Integer::sum);
                }
            }
        }
        for (String name : new ArrayList<>(counts.keySet())) {
            if (!exposures.containsKey(name)) {
                counts.merge("other", counts.remove(name), Integer::sum);
                exposures.putIfAbsent("other", GROUP_PROTOCOL_YEARS_MIN);
            }
        }
    }

    static List<Group> credibility(String dimension, TreeMap<String, Double> exposures, TreeMap<String, Integer> counts) {
        double total = exposures.values().stream().mapToDouble(Double::doubleValue).sum();
        int incidents = counts.values().stream().mapToInt(Integer::intValue).sum();
        double rate = Math.max(incidents, 0.5) / total;
        double squares = 0;
        double weightSquares = 0;
        for (var entry : exposures.entrySet()) {
            double x = counts.getOrDefault(entry.getKey(), 0) / entry.getValue();
            squares += entry.getValue() * (x - rate) * (x - rate);
            weightSquares += entry.getValue() * entry.getValue();
        }
        int groups = exposures.size();
        double between = (squares - (groups - 1) * rate) / (total - weightSquares / total);
        double k = between > 0 ? Math.min(CREDIBILITY_WEIGHT_MAX, rate / between) : CREDIBILITY_WEIGHT_MAX;
        var raw = new ArrayList<double[]>();
        double weighted = 0;
        for (var entry : exposures.entrySet()) {
            int n = counts.getOrDefault(entry.getKey(), 0);
            double shape = rate * k + n;
            double scale = 1 / (k + entry.getValue());
            raw.add(new double[] {shape * scale / rate, shape, scale});
            weighted += entry.getValue() * shape * scale / rate;
        }
        double norm = weighted / total;
        var out = new ArrayList<Group>();
        int i = 0;
        for (var entry : exposures.entrySet()) {
            double[] r = raw.get(i++);
            var posterior = new GammaDistribution(r[1], r[2]);
            out.add(new Group(dimension, entry.getKey(), counts.getOrDefault(entry.getKey(), 0), entry.getValue(), r[0] / norm,
                    posterior.inverseCumulativeProbability(0.05) / rate / norm, posterior.inverseCumulativeProbability(0.95) / rate / norm,
                    entry.getValue() / (entry.getValue() + k)));
        }
        out.sort(Comparator.comparingDouble(Group::protocolYears).reversed());
        return out;
    }

    /** The exposure-weighted mean of a dimension's factors: 1 by construction (the normalisation). */
    public static double populationAverage(List<Group> groups) {
        double e = 0;
        double sum = 0;
        for (Group group : groups) {
            e += group.protocolYears();
            sum += group.protocolYears() * group.factor();
        }
        return sum / e;
    }
}
