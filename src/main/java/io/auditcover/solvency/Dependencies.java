package io.auditcover.solvency;

import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.EvidenceBook;
import io.auditcover.pricing.PricingBook;
import io.auditcover.pricing.RiskProfile;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/**
 * A protocol's dependency groups, one per kind: what an operator recorded for it, and where nothing is recorded what its
 * evidence already says: the fork parent and first chain of its DefiLlama listing (from its risk profile), and the auditor of
 * its latest audit report. Oracles and bridges are known only when recorded. A kind with no group leaves the protocol out of
 * that kind's common shocks.
 */
public final class Dependencies {
    private Dependencies() {
    }

    public static Map<DependencyKind, String> of(String protocolId, SolvencyBook solvency, PricingBook pricing, EvidenceBook evidence) {
        var groups = new EnumMap<DependencyKind, String>(DependencyKind.class);
        RiskProfile profile = pricing.riskProfile(protocolId);
        if (profile != null) {
            String parent = profile.listing().forkedFrom();
            if (parent != null && !parent.isBlank() && !parent.equalsIgnoreCase("none")) {
                groups.put(DependencyKind.FORK, parent);
            }
            if (!profile.listing().chains().isEmpty()) {
                groups.put(DependencyKind.CHAIN, profile.listing().chains().get(0));
            }
        }
        evidence.auditsOf(protocolId).stream().max(Comparator.comparing(AuditReport::date).thenComparing(AuditReport::id))
                .ifPresent(latest -> groups.put(DependencyKind.AUDITOR, latest.auditor()));
        groups.putAll(solvency.dependencies().getOrDefault(protocolId, Map.of()));
        return groups;
    }
}
