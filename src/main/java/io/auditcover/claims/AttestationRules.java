package io.auditcover.claims;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which security oracles may confirm incidents, and how many must: {@code threshold} of the configured
 * {@code oracles} (lowercase addresses) must sign the incident within {@code attestationWindow} of its
 * report; a confirmed incident may still be disputed by {@code threshold} oracles during
 * {@code disputeWindow}; after that it is final and payouts may follow.
 */
public record AttestationRules(Set<String> oracles, int threshold, Duration attestationWindow, Duration disputeWindow) {
    public static final int ORACLES_MAX = 100;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");

    public AttestationRules {
        if (oracles == null || attestationWindow == null || disputeWindow == null) {
            throw new IllegalArgumentException("every attestation rule is required");
        }
        if (oracles.isEmpty() || oracles.size() > ORACLES_MAX || !oracles.stream().allMatch(oracle -> ADDRESS.matcher(oracle).matches())) {
            throw new IllegalArgumentException("1 to " + ORACLES_MAX + " oracles, each a lowercase 0x address");
        }
        if (threshold < 1 || threshold > oracles.size()) {
            throw new IllegalArgumentException("threshold must be 1 to the number of oracles: " + threshold);
        }
        if (!attestationWindow.isPositive() || disputeWindow.isNegative()) {
            throw new IllegalArgumentException("the attestation window must be positive and the dispute window not negative");
        }
        // Sorted, not Set.copyOf: its iteration order changes from one JVM to the next, and the rules are encoded in events.
        oracles = Collections.unmodifiableSortedSet(new TreeSet<>(oracles));
    }
}
