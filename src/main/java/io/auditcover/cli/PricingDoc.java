package io.auditcover.cli;

import io.auditcover.engine.Applier;
import io.auditcover.engine.Event;
import io.auditcover.engine.Quotes;
import io.auditcover.engine.State;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Finding;
import io.auditcover.evidence.FindingStatus;
import io.auditcover.evidence.Protocol;
import io.auditcover.evidence.Severity;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.Backtest;
import io.auditcover.pricing.FactorFit;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.PricingParameters;
import io.auditcover.pricing.PricingParameters.Step;
import io.auditcover.pricing.Quote;
import io.auditcover.pricing.RiskProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * docs/pricing.md, generated from the live parameters. Its worked examples are real engine decisions: each example is a state
 * built from events and priced by {@link Quotes#quote}, the same call a purchase makes, so the document cannot drift from the
 * engine (PricingDocTest regenerates it and fails if the committed file differs).
 */
final class PricingDoc {
    static final Asset USDC = new Asset("USDC", 6);
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    static final String CODE = "0x" + "1".repeat(64);

    /** One worked example: a protocol's evidence, its listing, and the cover asked for. */
    record Example(String title, Protocol protocol, List<AuditReport> audits, boolean codeAudited, RiskProfile profile,
            MarketParameters.Mode mode, long listingPriceBps, Money amount, int periodDays) {
    }

    private PricingDoc() {
    }

    static List<Example> examples() {
        var blueChip = new Example("A well-audited lending market", new Protocol("lendwell", "Lendwell", "lending"),
                List.of(audit("lendwell", "Trail of Bits", LocalDate.of(2025, 9, 1), List.of(new Finding("f1", Severity.MEDIUM, FindingStatus.FIXED))),
                        audit("lendwell", "OpenZeppelin", LocalDate.of(2024, 11, 1), List.of())),
                true, new RiskProfile("lendwell", 400_000_000L, 5_000_000L, LocalDate.of(2022, 4, 1), null, true,
                        RiskProfile.AdminKey.TIMELOCK_MULTISIG, RiskProfile.AuditKind.FIRM),
                MarketParameters.Mode.MARKET, 100, Money.whole(USDC, 50_000), 90);
        var bridge = new Example("A young bridge with open findings and a single admin key", new Protocol("bridgeport", "Bridgeport", "bridge"),
                List.of(audit("bridgeport", "Solo Reviewer", LocalDate.of(2025, 3, 1), List.of(new Finding("f1", Severity.HIGH, FindingStatus.OPEN),
                        new Finding("f2", Severity.MEDIUM, FindingStatus.ACKNOWLEDGED)))),
                false, new RiskProfile("bridgeport", 30_000_000L, 0, LocalDate.of(2025, 8, 1), null, true, RiskProfile.AdminKey.SINGLE_KEY,
                        RiskProfile.AuditKind.SOLO),
                MarketParameters.Mode.MARKET, 100, Money.whole(USDC, 20_000), 180);
        var fixed = new Example("A fixed-price listing (the pool manager's price, no bump)", new Protocol("swapline", "Swapline", "dex"),
                List.of(audit("swapline", "Spearbit", LocalDate.of(2025, 11, 1), List.of())), true,
                new RiskProfile("swapline", 80_000_000L, 1_000_000L, LocalDate.of(2023, 5, 1), null, false, RiskProfile.AdminKey.NONE,
                        RiskProfile.AuditKind.CONTEST),
                MarketParameters.Mode.FIXED, 250, Money.whole(USDC, 100_000), 365);
        return List.of(blueChip, bridge, fixed);
    }

    /** The state an example is priced in: pool "alpha" with 2M USDC at leverage 2, half its capacity per protocol. */
    static State state(Example example, PricingParameters parameters) {
        var state = new State();
        String id = example.protocol().id();
        var events = new ArrayList<Event>(List.of(new Event.PricingParametersSet(parameters), new Event.ProtocolRegistered(example.protocol()),
                new Event.ContractRegistered(new DeployedContract(id, 1, "0x" + "a".repeat(40),
                        example.codeAudited() ? CODE : "0x" + "2".repeat(64), null))));
        example.audits().forEach(audit -> events.add(new Event.AuditRegistered(audit)));
        events.addAll(List.of(new Event.RiskProfileRegistered(example.profile()),
                new Event.PoolCreated("alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.of(1, 2), Duration.ofDays(14))),
                new Event.ProtocolListed("alpha", id, example.listingPriceBps()),
                new Event.MarketSet("alpha", id, new MarketParameters(2, example.mode(), parameters.market().bumpRatioBps(),
                        parameters.market().decayPerDayBps())),
                new Event.CapitalDeposited("alpha", "ada", Money.whole(USDC, 2_000_000), 2_000_000_000_000L, java.time.Instant.EPOCH),
                new Event.TimeAdvanced(AT, List.of(), List.of())));
        events.forEach(event -> Applier.apply(state, event));
        return state;
    }

    static Quote quote(Example example, PricingParameters parameters) {
        var answer = Quotes.quote(state(example, parameters), "alpha", example.protocol().id(), example.amount(), example.periodDays(), AT);
        if (answer instanceof Quotes.Offered offered) {
            return offered.quote();
        }
        throw new IllegalStateException("example " + example.title() + " was refused: " + answer);
    }

    static String render(PricingParameters p, List<Backtest.Year> backtest, io.auditcover.pricing.Calibrator.Result fit,
            java.util.SortedMap<Double, Backtest.Summary> trendSensitivity) {
        var fitted = fit.factors();
        var doc = new StringBuilder();
        var c = p.calibration();
        var t = p.factors();
        var terms = p.premium();
        line(doc, "# Pricing");
        line(doc, "");
        line(doc, "<!-- Generated by `./auditcover pricing-doc --out docs/pricing.md` from the bundled parameters. Do not edit: PricingDocTest fails when this file differs from what the engine generates. -->");
        line(doc, "");
        line(doc, "Parameters version **%s**. Every quote carries this version, every factor's value and every term of its premium; a cover keeps the terms it was sold on.", p.version());
        line(doc, "");
        line(doc, "## 1. Probability of a covered exploit");
        line(doc, "");
        line(doc, "`annual rate = base rate × Π factors` (capped at %s a year), `P(exploit within d days) = 1 − exp(−rate × d / 365)`.", fmt(io.auditcover.pricing.RiskModel.ANNUAL_RATE_MAX));
        line(doc, "");
        line(doc, "Base rate **%s** per protocol-year: the predictive mean for the year after the data, from %d incidents over %s live protocol-years (%s). Source: %s.",
                fmt(c.baseAnnualRate()), c.incidents(), fmt(c.exposureProtocolYears()), c.filters(), p.sources().getOrDefault("base_rate", "-"));
        line(doc, "");
        line(doc, "The rate is uncertain: its log has predictive variance %s (sd %s), so every quote states its annual probability with a 90 %% interval: the rate times the 5th and 95th percentiles of a gamma of shape %s and mean 1 (the negative binomial's mixing distribution).",
                fmt(c.rateLogVariance()), fmt(StrictMath.sqrt(c.rateLogVariance())), fmt(io.auditcover.pricing.Frequency.shapeOf(c.rateLogVariance())));
        line(doc, "");
        line(doc, "| factor | measured | table | source |");
        line(doc, "|---|---|---|---|");
        boolean fittedAudits = p.fitted().has(io.auditcover.pricing.AuditHistory.DIMENSION);
        if (!fittedAudits) {
            row(doc, "audit_count", "audits registered", "0: ×%s, 1: ×%s, 2: ×%s, 3+: ×%s".formatted(fmt(t.auditCount().get(0)), fmt(t.auditCount().get(1)),
                    fmt(t.auditCount().get(2)), fmt(t.auditCount().get(3))), p);
        }
        row(doc, "auditor_track_record", "best auditor of the protocol's audits (none: ×1)", map(t.auditorTrackRecord()) + "; unknown ×" + fmt(t.unknownAuditor()), p);
        if (!fittedAudits) {
            row(doc, "months_since_audit", "months since the latest audit (none: ×1)", steps(t.monthsSinceAudit()), p);
        }
        row(doc, "unresolved_findings", "open or acknowledged findings, each multiplies", map(t.unresolvedFindingEach()) + "; at most ×" + fmt(t.findingsMultiplierMax()), p);
        row(doc, "unaudited_code_share", "share of deployed contracts whose code is in no audit's scope (none registered: 1)", "1 + " + fmt(t.outOfScopeSlope()) + " × share", p);
        row(doc, "bounty_share_of_tvl", "bug bounty ÷ TVL", steps(t.bountyShareOfTvl()), p);
        boolean fittedAge = p.fitted().has("age");
        boolean fittedCategory = p.fitted().has("category");
        if (!fittedAge) {
            row(doc, "days_live_without_incident", "days since launch or the last incident", steps(t.daysLiveWithoutIncident()), p);
        }
        row(doc, "tvl", "TVL in USD", "(TVL / %s)^%s within [%s, %s]".formatted(fmt(t.tvlReferenceUsd()), fmt(t.tvlElasticity()),
                fmt(t.tvlMultiplierMin()), fmt(t.tvlMultiplierMax())), p);
        row(doc, "upgradeable", "1 if the code can be upgraded", "×" + fmt(t.upgradeable()), p);
        row(doc, "admin_key", "who holds the admin key", map(t.adminKey()), p);
        if (!fittedCategory) {
            row(doc, "category", "protocol category", map(t.category()) + "; other ×" + fmt(t.unknownCategory()), p);
        }
        fittedRows(doc, p, fit.marginalFactors());
        line(doc, "");
        var d = t.missingProfile();
        line(doc, "Without a registered risk profile the model assumes TVL %s USD, bounty %s, %d days live, upgradeable %s, admin key %s.",
                fmt(d.tvlUsd()), fmt(d.bountyUsd()), d.daysLive(), d.upgradeable(), d.adminKey().name().toLowerCase(Locale.ROOT));
        line(doc, "");
        line(doc, "## 2. Payout given an exploit");
        line(doc, "");
        var severity = c.severity();
        line(doc, "Loss severity of a net loss at least %s USD, fitted on those losses only: a lognormal body truncated to [%s, %s) USD (mu %s, sigma %s) and above %s USD (probability %s) a generalised Pareto tail, shape %s, scale %s USD; median %s USD, p90 %s, p99 %s. Source: %s.",
                fmt(c.minimumLossUsd()), fmt(c.minimumLossUsd()), usd(c.tailFromUsd()), fmt(c.severityMu()), fmt(c.severitySigma()), usd(c.tailFromUsd()),
                fmt(c.tailProbability()), fmt(c.tailShape()), usd(c.tailScale()), usd(severity.quantile(0.5)), usd(severity.quantile(0.9)),
                usd(severity.quantile(0.99)), p.sources().getOrDefault("severity", "-"));
        line(doc, "");
        line(doc, "A cover protects a position that loses what the protocol loses, pro rata: `payout = cover × min(1, loss / TVL)`. With loss scaled by `k = (TVL / %s)^%s` (%s) and counted only above `k × %s` USD (the rate's minimum):",
                fmt(c.severityReferenceTvlUsd()), fmt(c.severityTvlElasticity()), p.sources().getOrDefault("severity_tvl_elasticity", "-"), fmt(c.minimumLossUsd()));
        line(doc, "`payout ratio = E[min(kX, TVL) | kX ≥ k × minimum] / TVL`, in closed form from the body's lognormal partial expectations and the tail's limited expected excess.");
        line(doc, "");
        line(doc, "Losses as a share of the protocol's deposits: not fitted, because no data file gives a protocol's deposits (TVL) at any date: `protocols.csv` has only a `has_tvl_adapter` flag, the monthly listings carry no TVL column, and neither incident file states the victim's TVL (the shared data README: \"No TVL history\"). So the share distribution cannot be reported, the severity stays in USD, and the TVL scaling above remains a stated assumption; a TVL history per protocol (DefiLlama's `/protocol` API keeps one) would let the severity be fitted as a share and checked in the backtest's severity quantiles.");
        line(doc, "");
        line(doc, "## 3. Premium");
        line(doc, "");
        line(doc, "Per unit of cover, for a period of d days (t = d / 365):");
        line(doc, "");
        line(doc, "- expected loss `EL = P(exploit within d) × payout ratio`");
        line(doc, "- risk margin `EL × %s`", fmt(terms.riskMargin()));
        line(doc, "- capital cost `(1 / pool leverage) × %s × t` (the capital the cover locks, at the excess return it must earn)", fmt(terms.costOfCapitalAnnual()));
        line(doc, "- gross-up `G = (EL + margin + capital) / (1 − %s − %s)`; expenses `G × %s`, distributor commission `G × %s` (at most %s)",
                fmt(terms.expenseRatio()), fmt(terms.commissionRate()), fmt(terms.expenseRatio()), fmt(terms.commissionRate()), fmt(terms.commissionMax()));
        line(doc, "- floor top-up up to `%s × t`", fmt(terms.floorAnnualRate()));
        line(doc, "");
        line(doc, "Each term becomes money once: `amount × rate`, the rate rounded up to 1e-12 and the product rounded up (premiums round up). Their sum is the technical premium. Source: %s.", p.sources().getOrDefault("premium_terms", "-"));
        line(doc, "");
        line(doc, "## 4. Market layer (integer basis points a year)");
        line(doc, "");
        line(doc, "- technical price = the smallest whole bps whose premium covers the technical premium; target = max(technical price, the listing's price)");
        line(doc, "- base price = max(target, bumped − decay × elapsed seconds / 86400), decay rounded down; the buyer pays `amount × base × d / (10000 × 365)`, rounded up");
        line(doc, "- after the purchase: bumped = base + bump × amount / listing capacity, rounded down; the bump hits the next buyer");
        line(doc, "- new listings: bump %d bps per 100%% of capacity, decay %d bps a day (%s); `SetMarket` changes them per listing under a new market version",
                p.market().bumpRatioBps(), p.market().decayPerDayBps(), p.sources().getOrDefault("market", "-"));
        line(doc, "- optional utilisation curve per listing (`SetMarket`, off by default): above `surgeFrom` of the listing's capacity in use, the price rises linearly to `+surgeMax` bps at full use; the part of a purchase above the threshold pays the average surge over the utilisation it spans, rounded up");
        line(doc, "- FIXED mode: the listing's price, no bump, no decay, no surge");
        line(doc, "- market adjustment = premium − technical premium (negative when a fixed price is below the technical price)");
        line(doc, "");
        line(doc, "## 5. Quotes and the cover limit");
        line(doc, "");
        line(doc, "A quote is valid %d s. Buying with it charges exactly its premium while today's premium is at most %d bps (of the premium) above it; otherwise `price_moved` (or `quote_expired`) with the new premium and a fresh quote id. When capacity is short the rejection gives `max_amount` and `max_amount_premium`.",
                p.quotes().validitySeconds(), p.quotes().priceToleranceBps());
        line(doc, "");
        var rule = p.coverLimit();
        line(doc, "Cover limit from the latest audit's findings: points %s, times the audit kind's weight %s; share of the listing's capacity by points: %s. Source: %s.",
                map(rule.pointsPerFinding()), map(rule.auditKindWeight()), steps(rule.shareOfCapacity()), p.sources().getOrDefault("cover_limit", "-"));
        line(doc, "");
        validation(doc, backtest, fit, p, trendSensitivity);
        fitted(doc, fitted, fit.marginalFactors());
        line(doc, "## 6. Worked examples");
        line(doc, "");
        line(doc, "Pool `alpha`: 2,000,000 USDC at leverage 2, half its capacity per protocol (listing capacity 2,000,000 USDC); engine time %s.", AT);
        for (Example example : examples()) {
            example(doc, example, quote(example, p));
        }
        return doc.toString();
    }

    /** The fitted factors' rows of section 1, the normalisation, and what a protocol with default evidence pays. */
    private static void fittedRows(StringBuilder doc, PricingParameters p, Map<String, List<FactorFit.Group>> marginal) {
        var fitted = p.fitted();
        if (fitted.dimensions().isEmpty()) {
            return;
        }
        var measured = Map.of("category", "the listing's DefiLlama category", "chain", "the listing's chains (several: the geometric mean of their factors)",
                "fork", "the listing's fork parent (none: original code)", "audits", "the listing's DefiLlama audit flag",
                "age", "years since listing: 0, 1, 2+ (replaces the prior `days_live_without_incident`)",
                io.auditcover.pricing.AuditHistory.DIMENSION, "the registered audit reports completed before the quote: none, 1 or 2+, the latest recent (within "
                        + io.auditcover.pricing.AuditHistory.RECENT_DAYS + " days) or old (replaces the priors `audit_count` and `months_since_audit`)");
        var population = Map.of(io.auditcover.pricing.AuditHistory.DIMENSION, "the reports of `datasets/audit_reports.csv` linked to listed protocols, counted before each protocol-month");
        for (var entry : io.auditcover.pricing.RiskModel.FITTED_FACTORS.entrySet()) {
            if (fitted.has(entry.getKey())) {
                line(doc, "| `%s` | %s | fitted per group, section 5c; unknown ×1 | fitted: %s groups, one joint Poisson GLM with credibility over the listed population (section 5c)%s |",
                        entry.getValue(), measured.get(entry.getKey()), entry.getKey(), population.containsKey(entry.getKey()) ? "; the population's measure: " + population.get(entry.getKey()) : "");
            }
        }
        line(doc, "| `listing_unknown` | no part of the listing known | ×%s | fitted: the mean product of the listing's fitted factors over the listed protocol-months (the audit history is read apart, from the registered audits) |",
                fmt(fitted.listingUnknown()));
        line(doc, "| `normalisation` | - | ×%s | fitted: %s |", fmt(fitted.normaliser()), fitted.normalisedOver());
        line(doc, "");
        var risk = io.auditcover.pricing.RiskModel.assess(p, new io.auditcover.pricing.PricingInput(new io.auditcover.evidence.Protocol("default", "default", "unknown"),
                List.of(), List.of(), null, AT.atZone(java.time.ZoneOffset.UTC).toLocalDate()));
        line(doc, "Normalisation: the whole factor set (priors and fitted) averages 1 over the protocol-years of the exposure table, so the base rate is the population's own level. The table records each protocol-month's listing groups and audit history but none of the evidence the priors read, so its protocols are taken at the evidence a quote without a profile reads. A protocol with default evidence (no registered profile, audits or contracts) therefore pays **×%s of the base rate** (annual rate %s against base %s): its unknown listing reads the listed protocols' mean, and its audit history (none registered) the fitted factor of no audit; better evidence prices below base, and the priors only rank protocols against that level.",
                fmt(risk.annualRate() / p.calibration().baseAnnualRate()), fmt(risk.annualRate()), fmt(p.calibration().baseAnnualRate()));
        line(doc, "");
        line(doc, "Priors and data: a fitted factor replaces every prior that reads the same evidence (%s); a prior is kept only where the data cannot carry the factor, and states its source. So the stated ×%s for no registered audit (Exponential.fi with DL Research), which the data contradict (the one-way fit gives DefiLlama's no-audit flag ×%s, the joint fit ×%s), is not applied while the audit history is fitted.",
                supersededText(), fmt(p.factors().auditCount().get(0)), marginal.getOrDefault("audits", List.of()).stream().filter(g -> g.name().equals("0"))
                        .findFirst().map(g -> fmt2(g.factor())).orElse("-"), fitted.has("audits") && fitted.dimensions().get("audits").containsKey("0")
                        ? fmt2(fitted.dimensions().get("audits").get("0").factor()) : "-");
    }

    private static String supersededText() {
        var parts = new java.util.ArrayList<String>();
        new java.util.TreeMap<>(io.auditcover.pricing.RiskModel.SUPERSEDED).forEach((prior, dimension) -> parts.add("`" + prior + "` by the fitted " + dimension));
        return String.join(", ", parts);
    }

    /** Section 5b: the rolling-origin backtest's figures, stated whether or not they meet the targets. */
    private static void validation(StringBuilder doc, List<Backtest.Year> years, io.auditcover.pricing.Calibrator.Result fit, PricingParameters p,
            java.util.SortedMap<Double, Backtest.Summary> trendSensitivity) {
        line(doc, "## 5b. Validation out of sample");
        line(doc, "");
        line(doc, "Rolling origin (`./auditcover backtest`): each year is fitted on the years before it only and predicted; exposure starts in 2021-05, so 2021 has no earlier year and is not predicted. The count is predicted at the year's own mix of groups (its protocol-years weighted by the mean product of the factors fitted on the years before it, relative to those years). Book: one 365-day cover of 1,000,000 USD per live protocol-year at the reference TVL with the year's average factors.");
        line(doc, "");
        line(doc, "| year | fitted on | protocol-years | predicted | 90 % interval | observed | not counted | log score | naive log score | PIT | loss ratio / plan | count part | severity part | loss / median year | loss PIT |");
        line(doc, "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var y : years) {
            line(doc, "| %d | %s | %s | %s | %d-%d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |", y.year(), y.calibratedOn(), usd(y.protocolYears()), fmt2(y.predictedCount()),
                    y.countLow(), y.countHigh(), y.observed(), y.outsidePopulation(), fmt2(y.logScore()), fmt2(y.naiveLogScore()), fmt2(y.pit()), fmt2(y.lossRatioToPlan()),
                    fmt2(y.frequencyToPlan()), fmt2(y.severityToPlan()), fmt2(y.lossToMedianPlan()), fmt2(y.lossPit()));
        }
        var s = Backtest.summary(years);
        line(doc, "");
        line(doc, "Targets: at least 3 of the predicted years inside their 90 %% interval: **%d of %d**; log score above the naive baseline (last year's rate as a Poisson): **%s against %s**; the book's loss ratio 0.6-1.3 of plan on average: **%s** (%s pooled).",
                s.covered(), s.years(), fmt2(s.logScore()), fmt2(s.naiveLogScore()), fmt2(s.meanLossRatioToPlan()), fmt2(s.pooledLossRatioToPlan()));
        line(doc, "");
        line(doc, "Why the loss ratio is below plan. The loss ratio to plan is the product of a count part (observed ÷ predicted incidents; mean %s) and a severity part (the payout per observed incident ÷ the fitted one, both capped at the book's TVL; mean %s). Neither the premium loading nor the TVL scaling enters it: the plan is the expected loss, and at the reference TVL the scaling is 1. What was checked and found:",
                fmt2(s.meanFrequencyToPlan()), fmt2(s.meanSeverityToPlan()));
        line(doc, "");
        line(doc, "- **A modelling error, fixed:** incidents on protocols not in the exposure at the incident (listed in the weeks before their first month-start snapshot, or flagged dead or rugged at it) were counted against protocol-months that left those protocols out: 15 of the 148 incidents of 2021-2024 counted before (14 on protocols listed in the weeks before their first month-start snapshot, one on a protocol never live in one), 5 of 2021's 25. They are now counted apart with the incidents outside the population (column *not counted*), so numerator and denominator count the same protocol-months. It moved the average from 0.40 to the figure above; it was not chosen for that.");
        double cap = p.calibration().severityReferenceTvlUsd();
        double[] losses = fit.severity().sortedLosses();
        double empirical = java.util.Arrays.stream(losses).map(x -> Math.min(x, cap)).average().orElse(Double.NaN);
        line(doc, "- **The severity in the far tail is not the cause:** in sample the fitted loss capped at the book's TVL has mean %s USD against the data's %s USD (%d losses), and the cap keeps the GPD tail's mean (uncapped: %s USD) out of the book.",
                usd(p.calibration().severity().limitedMean(cap)), usd(empirical), losses.length, usd(p.calibration().severity().limitedMean(Double.MAX_VALUE)));
        var rates = new java.util.ArrayList<String>();
        fit.incidentsByYear().forEach((year, n) -> rates.add(String.format(Locale.ROOT, "%d %.4f", year, n / fit.protocolYearsByYear().get(year))));
        line(doc, "- **What limits it:** the history years are worse than the years they predict. The counted rate per protocol-year fell every year (%s), so 2022, predicted from the eight months of 2021 alone, sees a fifth of its predicted count; a random-walk rate with a trend shrunk toward none cannot anticipate a fall it has not yet seen twice, and the 90 %% intervals still contain every year. And the severity is fitted on the pooled earlier years, whose losses were larger (compare the fitted and observed medians of `./auditcover backtest`), so the severity part is below 1 each year. Without a covariate that explains the fall (the population's mix of protocol sizes: no TVL history) the model's only remedy would be an assumed trend, which is tuning (and at none of the trend prior's weights in the sensitivity below does the loss ratio reach the target).", String.join(", ", rates));
        var mix = new java.util.ArrayList<String>();
        fit.joint().years().forEach(y -> mix.add(String.format(Locale.ROOT, "%d ×%.2f (%.4f)", y.year(), y.meanFactor(), y.riskWeightedRate())));
        var first = fit.joint().years().get(0);
        var last = fit.joint().years().get(fit.joint().years().size() - 1);
        line(doc, "- **The mix of groups explains little of the fall:** the product of the fitted factors (section 5c), averaged over each year's protocol-years and normalised to 1 over %d-%d, and the rate per risk-weighted protocol-year that leaves: %s. The population did move toward safer groups, but the risk-weighted rate still fell %s× from %d to %d against the crude rate's %s×: the fall is within the groups, and predicting each year at its own mix (as the backtest does) lifts the loss ratio only by the ratio of those means; no listed dimension can carry the rest.",
                first.year(), last.year(), String.join(", ", mix), fmt2(first.riskWeightedRate() / last.riskWeightedRate()), first.year(), last.year(),
                fmt2(first.rate() / last.rate()));
        line(doc, "- **None of these trend priors reaches the target, and the one used scores best:** the rolling backtest again with the trend shrunk by other weights (in changes of zero; %s is the model's; `./auditcover backtest --trend-prior W` runs one). A weaker prior follows the fall sooner but, with nothing to estimate a trend from in 2022's single earlier year, widens that year's predictive and raises its mean; a stronger one anticipates less of the fall:",
                fmt(io.auditcover.pricing.Frequency.TREND_PRIOR_CHANGES));
        line(doc, "");
        line(doc, "  | trend prior (changes of zero) | years inside the 90 % interval | log score | loss ratio / plan, average |");
        line(doc, "  |---:|---:|---:|---:|");
        trendSensitivity.forEach((prior, summary) -> line(doc, "  | %s | %d of %d | %s | %s |",
                java.math.BigDecimal.valueOf(prior).stripTrailingZeros().toPlainString(), summary.covered(), summary.years(),
                fmt2(summary.logScore()), fmt2(summary.meanLossRatioToPlan())));
        line(doc, "");
        line(doc, "- **A mean against a typical year:** the plan is the mean of a right-skewed year (a few years with a very large loss carry it), so a typical year comes in below plan even when the model is right. Against the plan's median year (the median of %d years simulated from the model itself) the observed loss is **%s** on average; the observed book loss ranks at the *loss PIT* among those years, inside the model's range each year but below its middle every year: the model runs high, though not outside its own uncertainty.",
                Backtest.SIMULATED_YEARS, fmt2(s.meanLossToMedianPlan()));
        line(doc, "");
    }

    /** Section 5c: factors fitted from the listings, stated with interval and rows; quotes apply them from the risk profile's listing. */
    private static void fitted(StringBuilder doc, Map<String, List<FactorFit.Group>> fitted, Map<String, List<FactorFit.Group>> marginal) {
        line(doc, "## 5c. Factors fitted from the population");
        line(doc, "");
        line(doc, "Relative exploit rate per group of the listed population, all dimensions fitted jointly: one Poisson GLM with log link over protocol-year cells (offset: the cell's protocol-years; an unpenalised intercept per calendar year, so no factor takes the falling trend), with credibility for thin levels as a normal prior on each log factor whose variance is the dimension's between-group variance (Bühlmann-Straub, from the one-way fit). The joint estimate is the posterior mode and its 90 %% interval the normal approximation of the posterior (Poisson given the year effects; variation between protocols beyond these dimensions would widen it); each dimension is normalised so its exposure-weighted mean is exactly 1. The one-way (marginal) factor is shown beside it: where the two differ, the dimensions overlap and the one-way factor double counts (a Compound V2 fork is a lending protocol, the audit flag 2 is common among lending protocols on Ethereum). The rows are the incidents in the population and the protocol-years of the group; groups under %s protocol-years are pooled into `other`. Quotes apply the joint factors (section 1) from the listing in a protocol's risk profile (`POST /api/protocols/{id}/risk-profile`, field `listing`) and, for `audit_history`, from its registered audit reports; an unknown part reads ×1, a group not listed here reads `other`.",
                fmt(FactorFit.GROUP_PROTOCOL_YEARS_MIN));
        line(doc, "");
        line(doc, "| dimension | group | incidents | protocol-years | joint factor | 90 % interval | credibility | one-way factor |");
        line(doc, "|---|---|---:|---:|---:|---|---:|---:|");
        for (var entry : fitted.entrySet()) {
            var oneWay = new java.util.TreeMap<String, FactorFit.Group>();
            marginal.getOrDefault(entry.getKey(), List.of()).forEach(g -> oneWay.put(g.name(), g));
            for (var g : entry.getValue()) {
                var m = oneWay.get(g.name());
                line(doc, "| %s | %s | %d | %s | %s | %s-%s | %s | %s |", g.dimension(), g.name(), g.incidents(), usd(g.protocolYears()), fmt2(g.factor()), fmt2(g.low()),
                        fmt2(g.high()), fmt2(g.credibility()), m == null ? "-" : fmt2(m.factor()));
            }
        }
        line(doc, "");
    }

    private static String fmt2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void example(StringBuilder doc, Example example, Quote quote) {
        line(doc, "");
        line(doc, "### %s", example.title());
        line(doc, "");
        var profile = example.profile();
        line(doc, "`%s` (%s): %d audit(s), deployed code %s, TVL %s USD, bounty %s USD, live since %s, upgradeable %s, admin key %s; listed at %d bps, %s mode. Cover %s for %d days.",
                example.protocol().id(), example.protocol().category(), example.audits().size(), example.codeAudited() ? "in scope" : "outside every scope",
                fmt(profile.tvlUsd()), fmt(profile.bountyUsd()), profile.launchDate(), profile.upgradeable(), profile.adminKey().name().toLowerCase(Locale.ROOT),
                example.listingPriceBps(), example.mode().name().toLowerCase(Locale.ROOT), example.amount(), example.periodDays());
        line(doc, "");
        line(doc, "| factor | measured | × |");
        line(doc, "|---|---|---|");
        quote.risk().factors().forEach(f -> line(doc, "| %s | %s | %s |", f.name(), QuoteText.trim(f.measured()), fmt(f.multiplier())));
        line(doc, "");
        line(doc, "Annual rate %s, P(exploit in a year) %s (90 %% interval %s-%s), payout ratio %s.", fmt(quote.risk().annualRate()),
                fmt(quote.risk().annualProbability()), fmt(quote.risk().annualProbabilityLow()), fmt(quote.risk().annualProbabilityHigh()),
                fmt(quote.risk().payoutRatio()));
        line(doc, "");
        var b = quote.breakdown();
        line(doc, "| term | USDC |");
        line(doc, "|---|---:|");
        String[][] rows = {{"expected loss", b.expectedLoss().toDecimalString()}, {"risk margin", b.riskMargin().toDecimalString()},
            {"capital cost", b.capitalCost().toDecimalString()}, {"expenses", b.expenses().toDecimalString()},
            {"commission", b.commission().toDecimalString()}, {"floor top-up", b.floorTopUp().toDecimalString()},
            {"**technical premium**", b.technical().toDecimalString()}, {"market adjustment", b.marketAdjustment().toDecimalString()},
            {"**premium**", b.premium().toDecimalString()}};
        for (String[] row : rows) {
            line(doc, "| %s | %s |", row[0], row[1]);
        }
        line(doc, "");
        line(doc, "Prices: technical %d bps, target %d, charged %d, next buyer from %d. Cover limit %s.", quote.technicalPriceBps(),
                quote.targetPriceBps(), quote.basePriceBps(), quote.bumpedPriceAfterBps(), quote.coverLimit());
    }

    private static void row(StringBuilder doc, String factor, String measured, String table, PricingParameters p) {
        line(doc, "| `%s` | %s | %s | %s |", factor, measured, table, p.sources().getOrDefault(factor, "-"));
    }

    private static String steps(List<Step> steps) {
        var parts = new ArrayList<String>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            boolean last = i == steps.size() - 1;
            parts.add((last ? "≥ " + fmt(i == 0 ? 0 : steps.get(i - 1).below()) : "< " + fmt(step.below())) + ": ×" + fmt(step.multiplier()));
        }
        return String.join(", ", parts);
    }

    private static String map(Map<String, Double> values) {
        var parts = new ArrayList<String>();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.add(e.getKey() + " ×" + fmt(e.getValue())));
        return String.join(", ", parts);
    }

    static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static void line(StringBuilder doc, String format, Object... args) {
        doc.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static AuditReport audit(String protocolId, String auditor, LocalDate date, List<Finding> findings) {
        return new AuditReport(protocolId + "-" + date, protocolId, auditor, date, "abcdef1", List.of(CODE), findings);
    }
}
