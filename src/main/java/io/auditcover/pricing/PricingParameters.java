package io.auditcover.pricing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every number pricing uses, under one version. The calibrated part comes from the exploit data ({@code calibrate} writes it);
 * the factor tables and premium terms are stated assumptions or published figures, each with its source in {@code sources};
 * {@code fitted} holds the factors fitted from the listed population and the normaliser of the whole set.
 * A cover records the version it was priced under, so changing parameters never changes an existing cover.
 */
public record PricingParameters(
        String version, Calibration calibration, FactorTables factors, PremiumTerms premium, MarketDefaults market,
        QuoteRules quotes, CoverLimitRule coverLimit, Map<String, String> sources, FittedFactors fitted) {
    public static final int VERSION_LENGTH_MAX = 64;
    /** No single factor may multiply the rate by more than this: beyond it a table is a typo, not a judgement. */
    public static final double MULTIPLIER_MAX = 100;

    /** Parameters without fitted factors: every factor is a prior. */
    public PricingParameters(String version, Calibration calibration, FactorTables factors, PremiumTerms premium, MarketDefaults market,
            QuoteRules quotes, CoverLimitRule coverLimit, Map<String, String> sources) {
        this(version, calibration, factors, premium, market, quotes, coverLimit, sources, FittedFactors.NONE);
    }

    public PricingParameters {
        // Parameters logged before the fitted factors were applied have none.
        fitted = fitted == null ? FittedFactors.NONE : fitted;
        if (version == null || version.isBlank() || version.length() > VERSION_LENGTH_MAX) {
            throw new IllegalArgumentException("parameter version must be 1-" + VERSION_LENGTH_MAX + " characters");
        }
        if (calibration == null || factors == null || premium == null || market == null || quotes == null || coverLimit == null) {
            throw new IllegalArgumentException("pricing parameters are incomplete");
        }
        sources = Map.copyOf(sources);
    }

    /** A copy under another version with other calibrated figures (what {@code calibrate} produces). */
    public PricingParameters withCalibration(String newVersion, Calibration newCalibration) {
        return new PricingParameters(newVersion, newCalibration, factors, premium, market, quotes, coverLimit, sources, fitted);
    }

    /** A copy whose quotes apply {@code newFitted} (what {@code calibrate} fits from the population). */
    public PricingParameters withFitted(FittedFactors newFitted) {
        return new PricingParameters(version, calibration, factors, premium, market, quotes, coverLimit, sources, newFitted);
    }

    /**
     * Fitted from the data: the base annual rate of covered exploits per live protocol (the predictive mean for the year after
     * the data) and the log rate's predictive variance (its uncertainty, carried into every quote's interval); the severity of
     * a loss at least the minimum: a truncated lognormal body (mu, sigma) below {@code tailFromUsd} and a generalised Pareto
     * tail above it with probability {@code tailProbability} (none when 0).
     */
    public record Calibration(
            double baseAnnualRate, double minimumLossUsd, double severityMu, double severitySigma, double severityReferenceTvlUsd,
            double severityTvlElasticity, String filters, int incidents, double exposureProtocolYears, double tailFromUsd,
            double tailProbability, double tailShape, double tailScale, double rateLogVariance) {
        public Calibration {
            if (!(baseAnnualRate > 0 && baseAnnualRate < 10) || !(minimumLossUsd >= 0) || !(severitySigma > 0)
                    || !(severityReferenceTvlUsd > 0) || !(severityTvlElasticity >= 0 && severityTvlElasticity <= 1)
                    || !(rateLogVariance >= 0 && rateLogVariance < 10)) {
                throw new IllegalArgumentException("calibration out of range");
            }
            // Fields are assigned only after the compact constructor: validate the severity from the parameters.
            severityOf(minimumLossUsd, severityMu, severitySigma, tailFromUsd, tailProbability, tailShape, tailScale);
        }

        /** A calibration with a body only and no rate uncertainty (test fixtures and older files). */
        public static Calibration bodyOnly(double baseAnnualRate, double minimumLossUsd, double severityMu, double severitySigma,
                double severityReferenceTvlUsd, double severityTvlElasticity, String filters, int incidents, double exposureProtocolYears) {
            return new Calibration(baseAnnualRate, minimumLossUsd, severityMu, severitySigma, severityReferenceTvlUsd, severityTvlElasticity, filters, incidents,
                    exposureProtocolYears, 0, 0, 0, 1, 0);
        }

        /** The severity of one loss at least the minimum. */
        public SplicedSeverity severity() {
            return severityOf(minimumLossUsd, severityMu, severitySigma, tailFromUsd, tailProbability, tailShape, tailScale);
        }

        private static SplicedSeverity severityOf(double minimumLossUsd, double severityMu, double severitySigma, double tailFromUsd,
                double tailProbability, double tailShape, double tailScale) {
            var body = new LossSeverity(severityMu, severitySigma);
            return tailProbability == 0 ? SplicedSeverity.bodyOnly(minimumLossUsd, body)
                    : new SplicedSeverity(minimumLossUsd, body, tailFromUsd, tailProbability, tailShape, tailScale);
        }
    }

    /** A step table: the first step whose {@code below} exceeds the measured value gives the multiplier. */
    public record Step(double below, double multiplier) {
        public Step {
            if (!(multiplier > 0) || multiplier > MULTIPLIER_MAX || Double.isNaN(below)) {
                throw new IllegalArgumentException("step multiplier must be positive");
            }
        }
    }

    /** The multiplier tables, one per factor the model applies. */
    public record FactorTables(
            List<Double> auditCount, Map<String, Double> auditorTrackRecord, double unknownAuditor, List<Step> monthsSinceAudit,
            Map<String, Double> unresolvedFindingEach, double findingsMultiplierMax, double outOfScopeSlope,
            List<Step> bountyShareOfTvl, List<Step> daysLiveWithoutIncident, double tvlReferenceUsd, double tvlElasticity,
            double tvlMultiplierMin, double tvlMultiplierMax, double upgradeable, Map<String, Double> adminKey,
            Map<String, Double> category, double unknownCategory, RiskProfileDefaults missingProfile) {
        public FactorTables {
            if (auditCount.isEmpty() || monthsSinceAudit.isEmpty() || bountyShareOfTvl.isEmpty() || daysLiveWithoutIncident.isEmpty()) {
                throw new IllegalArgumentException("factor tables must not be empty");
            }
            var multipliers = new java.util.ArrayList<Double>(auditCount);
            multipliers.addAll(auditorTrackRecord.values());
            multipliers.addAll(unresolvedFindingEach.values());
            multipliers.addAll(adminKey.values());
            multipliers.addAll(category.values());
            multipliers.addAll(List.of(unknownAuditor, findingsMultiplierMax, 1 + outOfScopeSlope, tvlMultiplierMin, tvlMultiplierMax, upgradeable,
                    unknownCategory));
            if (multipliers.stream().anyMatch(m -> m == null || !(m > 0) || m > MULTIPLIER_MAX) || !(tvlReferenceUsd > 0)
                    || tvlMultiplierMin > tvlMultiplierMax || missingProfile == null) {
                throw new IllegalArgumentException("every multiplier must be above 0 and at most " + MULTIPLIER_MAX + ", tvl bounds ordered");
            }
            auditCount = List.copyOf(auditCount);
            auditorTrackRecord = new TreeMap<>(auditorTrackRecord);
            monthsSinceAudit = List.copyOf(monthsSinceAudit);
            unresolvedFindingEach = new TreeMap<>(unresolvedFindingEach);
            bountyShareOfTvl = List.copyOf(bountyShareOfTvl);
            daysLiveWithoutIncident = List.copyOf(daysLiveWithoutIncident);
            adminKey = new TreeMap<>(adminKey);
            category = new TreeMap<>(category);
        }
    }

    /** What pricing assumes when a protocol has no registered risk profile: conservative on every count. */
    public record RiskProfileDefaults(long tvlUsd, long bountyUsd, int daysLive, boolean upgradeable, RiskProfile.AdminKey adminKey) {
    }

    /** The premium's terms: risk margin on expected loss, cost of locked capital, expenses and commission (gross-up), floor. */
    public record PremiumTerms(
            double riskMargin, double costOfCapitalAnnual, double expenseRatio, double commissionRate, double commissionMax,
            double floorAnnualRate) {
        public PremiumTerms {
            if (!(riskMargin >= 0) || !(costOfCapitalAnnual >= 0) || !(expenseRatio >= 0) || !(commissionRate >= 0)
                    || !(floorAnnualRate >= 0) || commissionRate > commissionMax || expenseRatio + commissionRate >= 0.9) {
                throw new IllegalArgumentException("premium terms out of range (commission at most its cap, expenses + commission below 90%)");
            }
        }
    }

    /** The market layer's defaults for a new listing (integer basis points, Nexus Mutual v2 mechanics). */
    public record MarketDefaults(long bumpRatioBps, long decayPerDayBps) {
        public MarketDefaults {
            if (bumpRatioBps < 0 || decayPerDayBps < 0 || bumpRatioBps > 10_000 || decayPerDayBps > 10_000) {
                throw new IllegalArgumentException("market defaults must be 0-10000 bps");
            }
        }
    }

    /** How long a quote holds and how far the price may move before a bound purchase is refused. */
    public record QuoteRules(long validitySeconds, long priceToleranceBps) {
        public QuoteRules {
            if (validitySeconds < 1 || validitySeconds > 86_400 || priceToleranceBps < 0 || priceToleranceBps > 1_000) {
                throw new IllegalArgumentException("quote validity must be 1 s-1 day and tolerance 0-1000 bps");
            }
        }
    }

    /**
     * Findings cap the cover a protocol may carry: points = weights × findings of its latest audit, times the audit kind's
     * weight; the first step whose {@code below} exceeds the points gives the share of the listing's capacity.
     */
    public record CoverLimitRule(Map<String, Double> pointsPerFinding, Map<String, Double> auditKindWeight, List<Step> shareOfCapacity) {
        public CoverLimitRule {
            pointsPerFinding = new TreeMap<>(pointsPerFinding);
            auditKindWeight = new TreeMap<>(auditKindWeight);
            shareOfCapacity = List.copyOf(shareOfCapacity);
            if (shareOfCapacity.isEmpty() || shareOfCapacity.stream().anyMatch(step -> step.multiplier() > 1)) {
                throw new IllegalArgumentException("cover limit shares must be listed and at most 1");
            }
        }
    }

    /** The multiplier of the first step whose bound exceeds {@code value}, else the last step's. */
    static double step(List<Step> steps, double value) {
        for (Step step : steps) {
            if (value < step.below()) {
                return step.multiplier();
            }
        }
        return steps.get(steps.size() - 1).multiplier();
    }
}
