package io.auditcover.evidence;

/** What the protocol did about a finding; only {@code FIXED} removes its risk. */
public enum FindingStatus {
    OPEN, ACKNOWLEDGED, FIXED
}
