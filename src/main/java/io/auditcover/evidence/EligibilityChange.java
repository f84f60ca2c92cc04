package io.auditcover.evidence;

/** A new eligibility period of one contract, opened by a chain observation. */
public record EligibilityChange(String contractKey, EligibilityPeriod period) {
}
