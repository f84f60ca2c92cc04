package io.auditcover.pricing;

import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.AuditScope;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Finding;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Annual probability that a protocol suffers a covered exploit, and the expected payout ratio given one. The rate is the
 * calibrated base rate times one multiplier per factor; each factor's table and source are in the parameters and in
 * docs/pricing.md. Pure and deterministic (StrictMath).
 */
public final class RiskModel {
    /** The prior factor names, in the order they are applied and reported (parameters without fitted factors apply all of them). */
    public static final List<String> FACTORS = List.of("audit_count", "auditor_track_record", "months_since_audit",
            "unresolved_findings", "unaudited_code_share", "bounty_share_of_tvl", "days_live_without_incident", "tvl",
            "upgradeable", "admin_key", "category");
    static final double DAYS_PER_MONTH = 30.44;
    /** The annual rate is capped: beyond this the model is extrapolating far outside the data. */
    public static final double ANNUAL_RATE_MAX = 3.0;

    /** Table keys: the enum names in lower case, computed once. */
    static final String[] SEVERITIES = lowerCaseNames(io.auditcover.evidence.Severity.values());
    static final String[] ADMIN_KEYS = lowerCaseNames(RiskProfile.AdminKey.values());

    private RiskModel() {
    }

    /** The fitted factors, by the fit's dimension, in the order they are applied after the priors: the factor names quotes give. */
    public static final java.util.Map<String, String> FITTED_FACTORS = fittedNames();
    /**
     * The rule between data and priors: a fitted factor replaces every prior that reads the same evidence (prior → the fitted
     * dimension that replaces it: the category; age since listing for days live; the audit history of the registered audits for
     * their count and the months since the latest). A prior is kept only where the data cannot carry the factor (auditor,
     * unresolved findings, unaudited code share, bounty, TVL, upgradeability, admin key: none of them is in the listing or audit
     * files for the population), and states its source. So the stated "no audit ×1.68" (Exponential.fi) does not stack on the
     * data's own audit estimates: where those are fitted it is not applied.
     */
    public static final java.util.Map<String, String> SUPERSEDED = java.util.Map.of("category", "category", "days_live_without_incident", "age",
            "audit_count", AuditHistory.DIMENSION, "months_since_audit", AuditHistory.DIMENSION);

    public static Risk assess(PricingParameters parameters, PricingInput input) {
        var fitted = parameters.fitted();
        var factors = priors(parameters.factors(), fitted, input);
        if (!fitted.dimensions().isEmpty()) {
            var listing = input.profile() != null ? input.profile().listing() : RiskProfile.Listing.UNKNOWN;
            var groups = FittedFactors.groupsOf(listing, input.audits().stream().map(AuditReport::date).toList(), input.date());
            for (var entry : FITTED_FACTORS.entrySet()) {
                if (fitted.has(entry.getKey())) {
                    factors.add(fittedFactor(fitted, entry.getKey(), entry.getValue(), groups.get(entry.getKey()), input.audits().size()));
                }
            }
            if (listing.equals(RiskProfile.Listing.UNKNOWN)) {
                factors.add(new Factor("listing_unknown", 0, fitted.listingUnknown(), LISTING_UNKNOWN_SOURCE));
            }
            factors.add(new Factor("normalisation", 0, fitted.normaliser(), NORMALISATION_SOURCE));
        }
        double rate = parameters.calibration().baseAnnualRate();
        for (Factor factor : factors) {
            rate *= factor.multiplier();
        }
        rate = Math.min(rate, ANNUAL_RATE_MAX);
        double[] range = rateInterval(rate, parameters.calibration().rateLogVariance());
        double tvl = input.profile() != null ? input.profile().tvlUsd() : parameters.factors().missingProfile().tvlUsd();
        return new Risk(rate, -StrictMath.expm1(-rate), -StrictMath.expm1(-range[0]), -StrictMath.expm1(-range[1]),
                payoutRatio(parameters.calibration(), tvl), factors);
    }

    /**
     * The product of the priors (those no fitted factor replaces) at the evidence a quote without a profile, audits or contracts
     * reads: what the exposure table's protocols are taken to carry in the normalisation, since it records none of it.
     */
    public static double priorsWithoutEvidence(PricingParameters.FactorTables tables, FittedFactors fitted) {
        var nobody = new PricingInput(new io.auditcover.evidence.Protocol("population", "population", "unknown"), List.of(), List.of(), null,
                LocalDate.of(2000, 1, 1));
        double product = 1;
        for (Factor factor : priors(tables, fitted, nobody)) {
            product *= factor.multiplier();
        }
        return product;
    }

    private static Factor fittedFactor(FittedFactors fitted, String dimension, String name, List<String> values, int audits) {
        double multiplier = fitted.mean(dimension, values);
        var key = new ArrayList<String>(List.of(FITTED_SOURCE, dimension, Integer.toString(audits)));
        key.addAll(values);
        return new Factor(name, dimension.equals(AuditHistory.DIMENSION) ? audits : values.size(), multiplier,
                String.join(SOURCE_SEPARATOR, key));
    }

    /**
     * How a fitted factor's source is kept in a quote (and so in every purchase the log stores): the dimension, the audits read
     * and the groups, {@code fitted|category|0|Lending}; {@link #describe} spells it out from the parameters it was fitted in.
     */
    static final String FITTED_SOURCE = "fitted";
    static final String SOURCE_SEPARATOR = "|";
    static final String LISTING_UNKNOWN_SOURCE = FITTED_SOURCE + SOURCE_SEPARATOR + "listing_unknown";
    static final String NORMALISATION_SOURCE = FITTED_SOURCE + SOURCE_SEPARATOR + "normalisation";

    /**
     * A factor's source spelled out for people, from the parameters the quote was priced under: a fitted factor names each
     * group it read with its estimate, interval and the incidents and protocol-years it came from; a prior's source is what
     * the parameters state (empty here: the caller names it). A source already spelled out (a quote logged before sources were
     * kept as keys) is returned as it is.
     */
    public static String describe(PricingParameters parameters, Factor factor) {
        var fitted = parameters.fitted();
        String source = factor.source();
        if (source.equals(LISTING_UNKNOWN_SOURCE)) {
            return String.format(Locale.ROOT, "fitted: listing unknown: the mean product x%.4f of the fitted factors over the listed"
                    + " protocol-months", fitted.listingUnknown());
        }
        if (source.equals(NORMALISATION_SOURCE)) {
            return "fitted: " + fitted.normalisedOver();
        }
        if (!source.startsWith(FITTED_SOURCE + SOURCE_SEPARATOR)) {
            return source;
        }
        var parts = List.of(source.split(java.util.regex.Pattern.quote(SOURCE_SEPARATOR), -1));
        String dimension = parts.get(1);
        int audits = Integer.parseInt(parts.get(2));
        List<String> values = parts.subList(3, parts.size());
        if (!fitted.dimensions().containsKey(dimension)) {
            return "fitted: " + dimension + " (not in parameters " + parameters.version() + ")";
        }
        var spelled = new ArrayList<String>();
        for (String value : values) {
            var group = fitted.group(dimension, value);
            spelled.add(group == null ? value + " not fitted (x1)" : String.format(Locale.ROOT,
                    "%s%s x%.3f (90%% %.3f-%.3f) from %d incidents over %.0f protocol-years", value,
                    fitted.dimensions().get(dimension).containsKey(value) ? "" : " (pooled as other)", group.factor(), group.low(),
                    group.high(), group.incidents(), group.protocolYears()));
        }
        String text = "fitted: " + dimension + " " + (values.isEmpty() ? "unknown: the population average x1"
                : String.join("; ", spelled) + (values.size() > 1 ? "; the geometric mean of its " + values.size() : ""));
        if (dimension.equals(AuditHistory.DIMENSION)) {
            return text + String.format(Locale.ROOT, "; read from the protocol's %d registered audit report(s) (completed before the"
                    + " quote, latest within %d days = recent), fitted jointly on the reports of the public audit lists linked to listed"
                    + " protocols (datasets/audit_reports.csv)", audits, AuditHistory.RECENT_DAYS);
        }
        return text;
    }

    private static ArrayList<Factor> priors(PricingParameters.FactorTables tables, FittedFactors fitted, PricingInput input) {
        var defaults = tables.missingProfile();
        RiskProfile profile = input.profile();
        double tvl = profile != null ? profile.tvlUsd() : defaults.tvlUsd();
        double bounty = profile != null ? profile.bountyUsd() : defaults.bountyUsd();
        double daysLive = profile != null ? liveDays(profile, input.date()) : defaults.daysLive();
        boolean upgradeable = profile != null ? profile.upgradeable() : defaults.upgradeable();
        String adminKey = ADMIN_KEYS[(profile != null ? profile.adminKey() : defaults.adminKey()).ordinal()];

        var factors = new ArrayList<Factor>(FACTORS.size() + FITTED_FACTORS.size() + 1);
        List<AuditReport> audits = input.audits();
        int count = audits.size();
        boolean auditHistoryFitted = fitted.has(SUPERSEDED.get("audit_count"));
        if (!auditHistoryFitted) {
            factors.add(new Factor("audit_count", count, tables.auditCount().get(Math.min(count, tables.auditCount().size() - 1))));
        }
        factors.add(new Factor("auditor_track_record", count, auditorMultiplier(tables, audits)));
        double months = count == 0 ? 0 : ChronoUnit.DAYS.between(latest(audits).date(), input.date()) / DAYS_PER_MONTH;
        if (!auditHistoryFitted) {
            factors.add(new Factor("months_since_audit", months, count == 0 ? 1 : PricingParameters.step(tables.monthsSinceAudit(), months)));
        }
        int unresolved = 0;
        double findings = 1;
        for (AuditReport audit : audits) {
            for (Finding finding : audit.findings()) {
                if (finding.unresolved()) {
                    unresolved++;
                    findings *= tables.unresolvedFindingEach().getOrDefault(SEVERITIES[finding.severity().ordinal()], 1.0);
                }
            }
        }
        factors.add(new Factor("unresolved_findings", unresolved, Math.min(findings, tables.findingsMultiplierMax())));
        double outside = unauditedShare(input.contracts(), audits);
        factors.add(new Factor("unaudited_code_share", outside, 1 + tables.outOfScopeSlope() * outside));
        double bountyShare = bounty / tvl;
        factors.add(new Factor("bounty_share_of_tvl", bountyShare, PricingParameters.step(tables.bountyShareOfTvl(), bountyShare)));
        if (!fitted.has(SUPERSEDED.get("days_live_without_incident"))) {
            factors.add(new Factor("days_live_without_incident", daysLive, PricingParameters.step(tables.daysLiveWithoutIncident(), daysLive)));
        }
        double tvlMultiplier = StrictMath.pow(tvl / tables.tvlReferenceUsd(), tables.tvlElasticity());
        factors.add(new Factor("tvl", tvl, Math.max(tables.tvlMultiplierMin(), Math.min(tables.tvlMultiplierMax(), tvlMultiplier))));
        factors.add(new Factor("upgradeable", upgradeable ? 1 : 0, upgradeable ? tables.upgradeable() : 1));
        factors.add(new Factor("admin_key", 0, tables.adminKey().getOrDefault(adminKey, 1.0)));
        if (!fitted.has(SUPERSEDED.get("category"))) {
            factors.add(new Factor("category", 0, tables.category().getOrDefault(input.protocol().category(), tables.unknownCategory())));
        }
        return factors;
    }

    private static java.util.Map<String, String> fittedNames() {
        var names = new java.util.LinkedHashMap<String, String>();
        names.put("category", "category");
        names.put("chain", "chain");
        names.put("fork", "fork_family");
        names.put("audits", "listing_audit_flag");
        names.put("age", "age_since_listing");
        names.put(AuditHistory.DIMENSION, AuditHistory.DIMENSION);
        return java.util.Collections.unmodifiableMap(names);
    }

    /**
     * The 90 % predictive interval of an annual rate whose mean is {@code rate}: the rate's uncertainty is a gamma with the
     * calibrated log variance's coefficient of variation (as the frequency model's negative binomial).
     */
    static double[] rateInterval(double rate, double logVariance) {
        if (logVariance == 0) {
            return new double[] {rate, rate};
        }
        double shape = Frequency.shapeOf(logVariance);
        // A gamma's quantiles scale with its scale, so the unit quantiles of the shape (one per calibration) serve every rate.
        double[] unit = UNIT_GAMMA_QUANTILES.computeIfAbsent(shape, RiskModel::unitGammaQuantiles);
        double scale = rate / shape;
        return new double[] {Math.min(rate, unit[0] * scale), Math.min(ANNUAL_RATE_MAX, Math.max(rate, unit[1] * scale))};
    }

    private static final java.util.concurrent.ConcurrentHashMap<Double, double[]> UNIT_GAMMA_QUANTILES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The 5 % and 95 % quantiles of a gamma of this shape and scale 1. */
    private static double[] unitGammaQuantiles(double shape) {
        var gamma = new org.hipparchus.distribution.continuous.GammaDistribution(shape, 1);
        return new double[] {gamma.inverseCumulativeProbability(0.05), gamma.inverseCumulativeProbability(0.95)};
    }

    /**
     * Expected share of a cover paid given an exploit. The cover protects a position that loses what the protocol loses, pro
     * rata: payout = cover × min(1, loss / TVL). Loss is the fitted severity above the calibration's minimum loss, scaled by
     * (TVL / reference TVL)^elasticity because larger protocols lose larger amounts; the fitted severity is the spliced
     * body and tail.
     */
    public static double payoutRatio(PricingParameters.Calibration calibration, double tvlUsd) {
        double scale = StrictMath.pow(tvlUsd / calibration.severityReferenceTvlUsd(), calibration.severityTvlElasticity());
        // kX capped at TVL: E[min(kX, TVL)] = k E[min(X, TVL / k)], X the fitted loss (at least the minimum).
        return scale * calibration.severity().limitedMean(tvlUsd / scale) / tvlUsd;
    }

    private static double auditorMultiplier(PricingParameters.FactorTables tables, List<AuditReport> audits) {
        double best = audits.isEmpty() ? 1 : Double.MAX_VALUE;
        for (AuditReport audit : audits) {
            double multiplier = tables.auditorTrackRecord().getOrDefault(audit.auditor().toLowerCase(Locale.ROOT), tables.unknownAuditor());
            best = Math.min(best, multiplier);
        }
        return best;
    }

    static String[] lowerCaseNames(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (Enum<?> value : values) {
            names[value.ordinal()] = value.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    static AuditReport latest(List<AuditReport> audits) {
        AuditReport latest = audits.get(0);
        for (AuditReport audit : audits) {
            if (audit.date().isAfter(latest.date()) || (audit.date().equals(latest.date()) && audit.id().compareTo(latest.id()) > 0)) {
                latest = audit;
            }
        }
        return latest;
    }

    /** Share of deployed contracts whose running code is in no audit's scope; with no contract registered, all of it. */
    static double unauditedShare(List<DeployedContract> contracts, List<AuditReport> audits) {
        if (contracts.isEmpty()) {
            return 1;
        }
        int outside = 0;
        for (DeployedContract contract : contracts) {
            if (!AuditScope.inScope(contract, audits)) {
                outside++;
            }
        }
        return (double) outside / contracts.size();
    }

    private static double liveDays(RiskProfile profile, LocalDate date) {
        LocalDate since = profile.lastIncidentDate() != null ? profile.lastIncidentDate() : profile.launchDate();
        return Math.max(0, ChronoUnit.DAYS.between(since, date));
    }
}
