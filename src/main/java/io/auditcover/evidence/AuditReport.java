package io.auditcover.evidence;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * An external audit of a protocol: who, when, which commit, and its scope as the runtime code hashes
 * of the contracts it reviewed. Code whose hash is in no report's scope is unaudited. The scope may also
 * name compiled artifacts, which match any deployment of the same source (see {@link CompiledArtifact}).
 */
public record AuditReport(
        String id, String protocolId, String auditor, LocalDate date, String commit, List<String> scopeCodeHashes,
        List<Finding> findings, List<CompiledArtifact> artifacts) {
    public static final int SCOPE_SIZE_MAX = 500;
    public static final int FINDINGS_MAX = 1_000;

    public AuditReport {
        Identifiers.requireId(id, "audit id");
        Identifiers.requireId(protocolId, "protocol id");
        if (!Identifiers.isName(auditor)) {
            throw new IllegalArgumentException("auditor must be 1-" + Identifiers.NAME_LENGTH_MAX + " characters");
        }
        if (date == null) {
            throw new IllegalArgumentException("audit date is required");
        }
        if (commit == null || !commit.matches("[0-9a-f]{7,40}")) {
            throw new IllegalArgumentException("audited commit must be 7-40 lower-case hex digits: " + commit);
        }
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        int scopeSize = scopeCodeHashes.size() + artifacts.size();
        if (scopeSize == 0 || scopeSize > SCOPE_SIZE_MAX) {
            throw new IllegalArgumentException("audit scope must list 1-" + SCOPE_SIZE_MAX + " code hashes or artifacts");
        }
        for (String hash : scopeCodeHashes) {
            if (!Identifiers.isHash(hash)) {
                throw new IllegalArgumentException("scope code hash must be 0x and 64 lower-case hex digits: " + hash);
            }
        }
        if (findings.size() > FINDINGS_MAX) {
            throw new IllegalArgumentException("an audit lists at most " + FINDINGS_MAX + " findings");
        }
        scopeCodeHashes = List.copyOf(new TreeSet<>(scopeCodeHashes));
        findings = List.copyOf(findings);
    }

    /** An audit whose scope is code hashes only. */
    public AuditReport(String id, String protocolId, String auditor, LocalDate date, String commit, List<String> scopeCodeHashes,
            List<Finding> findings) {
        this(id, protocolId, auditor, date, commit, scopeCodeHashes, findings, List.of());
    }

    public boolean covers(String codeHash) {
        return scopeCodeHashes.contains(codeHash);
    }

    /** Whether an artifact in scope normalizes to this hash. */
    public boolean coversArtifact(String normalizedCodeHash) {
        return artifacts.stream().anyMatch(artifact -> artifact.normalizedCodeHash().equals(normalizedCodeHash));
    }

    public long unresolvedFindings(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity && f.unresolved()).count();
    }
}
