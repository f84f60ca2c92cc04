package io.auditcover.evidence;

/** The severity an auditor gave a finding. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL
}
