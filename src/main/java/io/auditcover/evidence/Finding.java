package io.auditcover.evidence;

/** One issue an audit report lists. */
public record Finding(String id, Severity severity, FindingStatus status) {
    public Finding {
        Identifiers.requireId(id, "finding id");
        if (severity == null || status == null) {
            throw new IllegalArgumentException("a finding needs a severity and a status");
        }
    }

    /** Open and acknowledged findings still carry risk. */
    public boolean unresolved() {
        return status != FindingStatus.FIXED;
    }
}
