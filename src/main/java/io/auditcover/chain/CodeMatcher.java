package io.auditcover.chain;

import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.Bytecode;
import io.auditcover.evidence.CompiledArtifact;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the audit whose scope covers some runtime code: first by exact code hash, then by compiled
 * artifact (the code normalized with each artifact's immutable ranges, metadata tail cut, hashed, and
 * compared with the artifact's normalized hash). Audits are tried in id order, so the answer is the same
 * every time.
 */
public final class CodeMatcher {

    /** How code matched: {@code by} is {@code code_hash} or {@code artifact}; {@code normalizedCodeHash} only for an artifact. */
    public record Match(String auditId, String by, String artifactName, String normalizedCodeHash) {
    }

    private CodeMatcher() {
    }

    public static Match match(byte[] code, String codeHash, Collection<AuditReport> audits) {
        List<AuditReport> ordered = audits.stream().sorted(Comparator.comparing(AuditReport::id)).toList();
        for (AuditReport audit : ordered) {
            if (audit.covers(codeHash)) {
                return new Match(audit.id(), "code_hash", null, null);
            }
        }
        for (AuditReport audit : ordered) {
            for (CompiledArtifact artifact : audit.artifacts()) {
                byte[] normalized = Bytecode.normalized(code, artifact.codeLength(), artifact.immutables());
                if (normalized != null) {
                    String hash = Keccak.hex(normalized);
                    if (hash.equals(artifact.normalizedCodeHash())) {
                        return new Match(audit.id(), "artifact", artifact.name(), hash);
                    }
                }
            }
        }
        return null;
    }
}
