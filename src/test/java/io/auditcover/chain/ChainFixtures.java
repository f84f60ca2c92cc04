package io.auditcover.chain;

import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CompiledArtifact;
import io.auditcover.evidence.DeployedContract;
import java.time.LocalDate;
import java.util.List;

/** Named fixtures for the chain tests. */
final class ChainFixtures {
    static final String PROTOCOL = "vaultco";
    static final LocalDate AUDIT_DATE = LocalDate.parse("2026-01-10");
    static final String COMMIT = "a1b2c3d4";
    /** A placeholder hash for contracts registered before their code is read. */
    static final String UNREAD_HASH = "0x" + "0".repeat(64);

    private ChainFixtures() {
    }

    static AuditReport auditOfHashes(String id, String... codeHashes) {
        return new AuditReport(id, PROTOCOL, "Trail of Hashes", AUDIT_DATE, COMMIT, List.of(codeHashes), List.of());
    }

    static AuditReport auditOfArtifacts(String id, CompiledArtifact... artifacts) {
        return new AuditReport(id, PROTOCOL, "Trail of Hashes", AUDIT_DATE, COMMIT, List.of(), List.of(), List.of(artifacts));
    }

    static DeployedContract contract(String address) {
        return new DeployedContract(PROTOCOL, Anvil.CHAIN_ID, address, UNREAD_HASH, null);
    }
}
