package io.auditcover.pricing;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The factors fitted from the listed population ({@link JointFactorFit}), as quotes apply them: per dimension, each group's
 * estimate, 90 % interval and rows, and one normaliser that makes the whole factor set (fitted and prior) average 1 over the
 * protocol-years of the exposure table. A protocol whose listing part is unknown, or names a group the fit pooled, reads 1 or
 * the pooled "other" group; a part with several values (chains) reads the geometric mean of their factors, as the joint fit
 * estimates it. A protocol whose whole listing is unknown reads {@code listingUnknown}, the mean product of the listing's fitted
 * factors over the listed protocol-months, so an unknown listing prices as a typical known one. The audit history is not part
 * of the listing: it is read from the protocol's registered audits, known or none, and {@code listingUnknown} leaves it out.
 * {@link #NONE} (parameters written before the fit was applied) applies none of them.
 *
 * <p>The rule between fitted factors and stated priors ({@link RiskModel#SUPERSEDED}): a fitted factor replaces every prior that
 * reads the same evidence; a prior is kept only where the data cannot carry the factor, and states its source.
 */
public record FittedFactors(Map<String, Map<String, Group>> dimensions, double listingUnknown, double normaliser, String normalisedOver) {
    public static final FittedFactors NONE = new FittedFactors(Map.of(), 1, 1, "");
    /** The group the fit pools small groups into. */
    static final String OTHER = "other";
    /** The group name of an unknown part, in the exposure table as in a quote: the population average, 1. */
    static final String UNKNOWN = "unknown";

    /** One fitted group: its factor with the 90 % interval and the rows (incidents, protocol-years) it rests on. */
    public record Group(int incidents, double protocolYears, double factor, double low, double high) {
        public Group {
            if (!(factor > 0) || factor > PricingParameters.MULTIPLIER_MAX || !(low <= factor && factor <= high) || incidents < 0
                    || !(protocolYears > 0)) {
                throw new IllegalArgumentException("a fitted group needs a positive factor inside its interval and positive exposure");
            }
        }
    }

    public FittedFactors {
        var copy = new TreeMap<String, Map<String, Group>>();
        if (dimensions != null) {
            dimensions.forEach((name, groups) -> copy.put(name, new TreeMap<>(groups)));
        }
        dimensions = copy;
        normalisedOver = normalisedOver == null ? "" : normalisedOver;
        if (normaliser == 0 && dimensions.isEmpty()) {
            normaliser = 1; // absent in parameters written before the fit was applied
        }
        if (listingUnknown == 0 && dimensions.isEmpty()) {
            listingUnknown = 1;
        }
        if (!(normaliser > 0) || normaliser > PricingParameters.MULTIPLIER_MAX || !(listingUnknown > 0)
                || listingUnknown > PricingParameters.MULTIPLIER_MAX) {
            throw new IllegalArgumentException("the normaliser must be positive and at most " + PricingParameters.MULTIPLIER_MAX);
        }
    }

    /** True when the dimension was fitted: its factor replaces any prior on the same evidence. */
    public boolean has(String dimension) {
        return dimensions.containsKey(dimension);
    }

    /** The fitted factors of {@code fit}, normalised so the set averages {@code 1} over the exposure's protocol-years. */
    public static FittedFactors of(Map<String, List<FactorFit.Group>> fit, Exposure exposure, CalibrationSettings settings,
            double priorsWithoutEvidence) {
        var dimensions = new TreeMap<String, Map<String, Group>>();
        fit.forEach((dimension, groups) -> {
            var byName = new TreeMap<String, Group>();
            groups.forEach(g -> byName.put(g.name(), new Group(g.incidents(), g.protocolYears(), g.factor(), g.low(), g.high())));
            dimensions.put(dimension, byName);
        });
        double listed = new FittedFactors(dimensions, 1, 1, "").listedAverage(exposure, settings);
        var unnormalised = new FittedFactors(dimensions, listed, 1, "");
        double mean = unnormalised.populationAverage(exposure, settings) * priorsWithoutEvidence;
        return new FittedFactors(dimensions, listed, 1 / mean, String.format(Locale.ROOT, "the mean over the %d-%d protocol-months of the"
                + " exposure table of the fitted factors (read from each protocol-month's groups; x%.4f and no linked audit for months of"
                + " listings without groups) times the priors at the evidence a quote without a profile reads (x%.4f: the table records none of it) is %.4f;"
                + " every rate is divided by it", settings.fromYear(), settings.toYear(), listed, priorsWithoutEvidence, mean));
    }

    /** The mean product of the fitted factors over the protocol-months with groups (listed protocols) in the settings' years. */
    double listedAverage(Exposure exposure, CalibrationSettings settings) {
        double[] sums = listedSums(exposure, settings);
        return sums[2] / sums[0];
    }

    /** Protocol-months with groups, the sum of their whole products, and the sum of their listing products (no audit history). */
    private double[] listedSums(Exposure exposure, CalibrationSettings settings) {
        double months = 0;
        double sum = 0;
        double listing = 0;
        // In id order: the map's own order varies between runs, and a sum of doubles depends on its order.
        for (var protocol : new TreeMap<>(exposure.groupsByProtocol()).values()) {
            for (var month : protocol.entrySet()) {
                int year = month.getKey().getYear();
                if (year >= settings.fromYear() && year <= settings.toYear()) {
                    months++;
                    sum += product(month.getValue());
                    listing += product(month.getValue().stream().filter(key -> !key.startsWith(AuditHistory.DIMENSION + ":")).toList());
                }
            }
        }
        return new double[] {months, sum, listing};
    }

    /**
     * The exposure-weighted mean, over the protocol-months of the exposure table in the settings' years, of the product of the
     * fitted factors as a quote reads them, times the normaliser; months of later listings without groups read an unknown listing
     * and no linked audit.
     */
    public double populationAverage(Exposure exposure, CalibrationSettings settings) {
        double[] sums = listedSums(exposure, settings);
        double months = sums[0];
        double sum = sums[1];
        double total = 0;
        for (int year = settings.fromYear(); year <= settings.toYear(); year++) {
            total += exposure.protocolYears(year) * Exposure.MONTHS_PER_YEAR;
        }
        double withoutGroups = Math.max(0, total - months);
        double unlisted = listingUnknown * factor(AuditHistory.DIMENSION, AuditHistory.NONE);
        return normaliser * (sum + withoutGroups * unlisted) / (months + withoutGroups);
    }

    /** The product of the fitted factors for one protocol-month's group keys ("category:Lending", "chain:Ethereum", ...). */
    double product(List<String> keys) {
        var values = new TreeMap<String, List<String>>();
        for (String key : keys) {
            int colon = key.indexOf(':');
            values.computeIfAbsent(key.substring(0, colon), k -> new java.util.ArrayList<>()).add(key.substring(colon + 1));
        }
        double product = 1;
        for (var entry : values.entrySet()) {
            product *= mean(entry.getKey(), entry.getValue());
        }
        return product;
    }

    /**
     * The factor of a part with several values (a protocol on several chains): the geometric mean of their factors, as the joint
     * fit's design reads it (the mean of the levels' indicators); 1 when unknown or not fitted.
     */
    double mean(String dimension, List<String> names) {
        if (names.isEmpty()) {
            return 1;
        }
        double logs = 0;
        for (String name : names) {
            logs += StrictMath.log(factor(dimension, name));
        }
        return names.size() == 1 ? factor(dimension, names.get(0)) : StrictMath.exp(logs / names.size());
    }

    /** One group's factor: 1 when the dimension is not fitted or the part unknown, the pooled group's when the fit pooled it. */
    double factor(String dimension, String name) {
        Group group = group(dimension, name);
        return group == null ? 1 : group.factor();
    }

    Group group(String dimension, String name) {
        var groups = dimensions.get(dimension);
        if (groups == null || name == null || name.equals(UNKNOWN)) {
            return null;
        }
        Group group = groups.get(name);
        return group != null ? group : groups.get(OTHER);
    }

    /**
     * The group names a protocol reads, per dimension, as the exposure table names them: the listing's parts, and the audit history
     * of its registered audits ({@code auditDates}, the days they were complete).
     */
    static Map<String, List<String>> groupsOf(RiskProfile.Listing listing, List<LocalDate> auditDates, LocalDate date) {
        var names = new TreeMap<String, List<String>>();
        names.put("category", listing.category() == null ? List.of() : List.of(listing.category()));
        names.put("chain", listing.chains());
        names.put("fork", listing.forkedFrom() == null ? List.of() : List.of(listing.forkedFrom().isBlank() || listing.forkedFrom().equalsIgnoreCase("none") ? "none"
                : listing.forkedFrom().strip()));
        names.put("audits", listing.auditFlag() == null || listing.auditFlag().isBlank() ? List.of() : List.of(listing.auditFlag()));
        names.put("age", listing.listedDate() == null || listing.listedDate().isAfter(date) ? List.of()
                : List.of(String.valueOf(Exposure.ageBand(listing.listedDate(), date))));
        names.put(AuditHistory.DIMENSION, List.of(AuditHistory.band(auditDates, date)));
        return names;
    }
}
