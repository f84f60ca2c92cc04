/**
 * Prices cover. {@link io.auditcover.pricing.RiskModel} turns evidence ({@link io.auditcover.pricing.PricingInput}: audits,
 * deployed code, a {@link io.auditcover.pricing.RiskProfile}) into an annual exploit probability (a calibrated base rate times
 * documented {@link io.auditcover.pricing.Factor}s) and an expected payout ratio from a fitted
 * {@link io.auditcover.pricing.SplicedSeverity}. {@link io.auditcover.pricing.Quoter} turns that into a
 * {@link io.auditcover.pricing.PriceBreakdown} in exact money (one rounding function, premiums round up), then applies the
 * {@link io.auditcover.pricing.Market} layer (target price, bump by capacity used, daily decay, fixed-price mode) and returns a
 * {@link io.auditcover.pricing.Quote} whose id binds its terms. All parameters come from one versioned
 * {@link io.auditcover.pricing.PricingParameters}. Statistics use {@code double} (StrictMath, so results are identical on
 * every JVM, with Hipparchus for distributions and optimisation); money never does. Calibration:
 * {@link io.auditcover.pricing.Exposure} (live listed protocol-years), {@link io.auditcover.pricing.Incident}s matched to that
 * population, {@link io.auditcover.pricing.Frequency} (negative binomial predictive), {@link io.auditcover.pricing.SeverityFit}
 * ({@link io.auditcover.pricing.SplicedSeverity}: truncated lognormal body, generalised Pareto tail) and the rolling-origin
 * {@link io.auditcover.pricing.Backtest}. {@link io.auditcover.pricing.FactorFit} fits relative rates by listing group one way,
 * {@link io.auditcover.pricing.JointFactorFit} all groups at once (a Poisson GLM with year intercepts and credibility priors),
 * including the {@link io.auditcover.pricing.AuditHistory} (audit reports before a date: how many, how recent);
 * {@link io.auditcover.pricing.FittedFactors} are the joint factors as quotes apply them, with the normaliser of the whole set.
 */
package io.auditcover.pricing;
