package io.auditcover.pricing;

import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Finding;
import io.auditcover.evidence.FindingStatus;
import io.auditcover.evidence.Protocol;
import io.auditcover.evidence.Severity;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Named fixtures for pricing tests: one parameter set with round numbers, one well-audited protocol. */
final class PricingFixtures {
    static final Asset USDC = new Asset("USDC", 6);
    static final LocalDate TODAY = LocalDate.of(2026, 1, 1);
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String CODE = "0x" + "1".repeat(64);
    static final String OTHER_CODE = "0x" + "2".repeat(64);
    static final Protocol LENDWELL = new Protocol("lendwell", "Lendwell", "lending");
    static final DeployedContract CONTRACT = new DeployedContract("lendwell", 1, "0x" + "a".repeat(40), CODE, null);
    static final DeployedContract UNAUDITED_CONTRACT = new DeployedContract("lendwell", 1, "0x" + "b".repeat(40), OTHER_CODE, null);
    static final RiskProfile PROFILE = new RiskProfile("lendwell", 20_000_000L, 100_000L, LocalDate.of(2024, 6, 1), null, false,
            RiskProfile.AdminKey.NONE, RiskProfile.AuditKind.FIRM);

    private PricingFixtures() {
    }

    static AuditReport audit(String id, String auditor, LocalDate date, Finding... findings) {
        return new AuditReport(id, "lendwell", auditor, date, "abcdef1", List.of(CODE), List.of(findings));
    }

    static Finding finding(String id, Severity severity, FindingStatus status) {
        return new Finding(id, severity, status);
    }

    /** Round-number parameters: base rate 2%, every table simple enough to check by hand. */
    static PricingParameters parameters() {
        var steps = List.of(new PricingParameters.Step(6, 1.0), new PricingParameters.Step(12, 1.1), new PricingParameters.Step(1e9, 1.5));
        var tables = new PricingParameters.FactorTables(List.of(1.68, 1.0, 0.85, 0.75), Map.of("trail of bits", 0.8), 1.2, steps,
                Map.of("critical", 2.0, "high", 1.5, "medium", 1.1), 4.0, 2.0,
                List.of(new PricingParameters.Step(1e-5, 1.2), new PricingParameters.Step(1e-2, 1.0), new PricingParameters.Step(1e9, 0.8)),
                List.of(new PricingParameters.Step(90, 1.6), new PricingParameters.Step(730, 1.0), new PricingParameters.Step(1e9, 0.8)),
                2e7, 0.2, 0.5, 2.0, 1.3, Map.of("none", 1.0, "single_key", 1.5), Map.of("lending", 1.25, "bridge", 1.6), 1.1,
                new PricingParameters.RiskProfileDefaults(20_000_000L, 0, 0, true, RiskProfile.AdminKey.SINGLE_KEY));
        var calibration = PricingParameters.Calibration.bodyOnly(0.02, 100_000, 11.956, 3.08, 2e7, 0.5, "test", 100, 5000);
        var limit = new PricingParameters.CoverLimitRule(Map.of("critical", 10.0, "high", 5.0, "medium", 1.0),
                Map.of("contest", 0.75, "firm", 1.0, "solo", 2.0),
                List.of(new PricingParameters.Step(1e-9, 1.0), new PricingParameters.Step(3, 0.5), new PricingParameters.Step(6, 0.4),
                        new PricingParameters.Step(1e9, 0.1)));
        return new PricingParameters("test-1", calibration, tables, new PricingParameters.PremiumTerms(0.35, 0.04, 0.1, 0.1, 0.3, 0.01),
                new PricingParameters.MarketDefaults(500, 200), new PricingParameters.QuoteRules(120, 50), limit, Map.of());
    }

    static PricingInput input(List<AuditReport> audits, RiskProfile profile) {
        return new PricingInput(LENDWELL, List.of(CONTRACT), audits, profile, TODAY);
    }

    static QuoteRequest request(Money amount, int days, MarketState market) {
        return new QuoteRequest("alpha", "lendwell", amount, days, Ratio.whole(2), Money.whole(USDC, 1_000_000), Money.zero(USDC), 0,
                market, NOW, NOW);
    }

    static MarketState market(MarketParameters.Mode mode, long bumpedBps) {
        return new MarketState("alpha", "lendwell", new MarketParameters(1, mode, 500, 200), bumpedBps, NOW);
    }
}
