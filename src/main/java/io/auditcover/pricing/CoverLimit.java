package io.auditcover.pricing;

import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.Finding;
import java.util.List;
import java.util.Locale;

/**
 * The findings rule (after Sherlock's): points = Σ points per medium/high/critical finding of the latest audit × the audit
 * kind's weight; more points, a smaller share of the listing's capacity may be sold. The limit is a share of capacity, not a
 * dollar figure, because the engine holds no prices: a pool's capacity is in its own asset. No audit, no limit from this rule
 * (the price already carries the audit-count factor).
 */
public final class CoverLimit {
    private CoverLimit() {
    }

    public static double points(PricingParameters.CoverLimitRule rule, List<AuditReport> audits, RiskProfile.AuditKind kind) {
        if (audits.isEmpty()) {
            return 0;
        }
        double points = 0;
        for (Finding finding : RiskModel.latest(audits).findings()) {
            points += rule.pointsPerFinding().getOrDefault(finding.severity().name().toLowerCase(Locale.ROOT), 0.0);
        }
        return points * rule.auditKindWeight().getOrDefault(kind.name().toLowerCase(Locale.ROOT), 1.0);
    }

    /** The share of capacity in basis points (rounded down), 10000 when there is no audit. */
    public static long shareBps(PricingParameters.CoverLimitRule rule, List<AuditReport> audits, RiskProfile.AuditKind kind) {
        if (audits.isEmpty()) {
            return 10_000;
        }
        return (long) StrictMath.floor(PricingParameters.step(rule.shareOfCapacity(), points(rule, audits, kind)) * 10_000 + 1e-9);
    }
}
