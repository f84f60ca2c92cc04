package io.auditcover.pricing;

import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import java.time.LocalDate;
import java.util.List;

/** The evidence about one protocol that pricing reads, as of {@code date}. {@code profile} may be null (defaults apply). */
public record PricingInput(Protocol protocol, List<DeployedContract> contracts, List<AuditReport> audits, RiskProfile profile,
        LocalDate date) {
    public PricingInput {
        if (protocol == null || date == null) {
            throw new IllegalArgumentException("pricing needs a protocol and a date");
        }
        contracts = List.copyOf(contracts);
        audits = List.copyOf(audits);
    }
}
