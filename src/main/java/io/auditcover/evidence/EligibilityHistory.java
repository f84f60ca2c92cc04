package io.auditcover.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A contract's eligibility as consecutive block ranges, oldest first: each period runs from its
 * {@code fromBlock} to the block before the next one. Answers claims' question "was this code in audited
 * scope at block N?".
 */
public record EligibilityHistory(String contractKey, List<EligibilityPeriod> periods) {
    /** One period per change; a contract that changes this often is not insurable anyway. */
    public static final int PERIODS_MAX = 10_000;

    public EligibilityHistory {
        periods = List.copyOf(periods);
        if (periods.isEmpty() || periods.size() > PERIODS_MAX) {
            throw new IllegalArgumentException("eligibility history holds 1-" + PERIODS_MAX + " periods");
        }
        for (int i = 1; i < periods.size(); i++) {
            if (periods.get(i).fromBlock() <= periods.get(i - 1).fromBlock()) {
                throw new IllegalArgumentException("eligibility periods must start at increasing blocks");
            }
        }
    }

    public static EligibilityHistory start(String contractKey, EligibilityPeriod first) {
        return new EligibilityHistory(contractKey, List.of(first));
    }

    public EligibilityHistory with(EligibilityPeriod next) {
        var all = new ArrayList<>(periods);
        all.add(next);
        return new EligibilityHistory(contractKey, all);
    }

    public EligibilityPeriod current() {
        return periods.getLast();
    }

    /** The period covering {@code block}; empty before the first observation. */
    public Optional<EligibilityPeriod> at(long block) {
        EligibilityPeriod found = null;
        for (EligibilityPeriod period : periods) {
            if (period.fromBlock() > block) {
                break;
            }
            found = period;
        }
        return Optional.ofNullable(found);
    }

    /**
     * The period that an observation at {@code block} opens, or empty when the current period already
     * says the same: same code, same implementation, same side of the scope line. (A second audit of code
     * already in scope opens no period.) Check the audit match first with {@link #matchBacked}.
     */
    public static Optional<EligibilityPeriod> next(EligibilityHistory history, CodeObservation observation, long block) {
        EligibilityPeriod current = history == null ? null : history.current();
        boolean inScope = observation.matchedAuditId() != null;
        if (current != null && current.inScope() == inScope && current.codeHash().equals(observation.codeHash())
                && Objects.equals(current.implementation(), observation.implementation())) {
            return Optional.empty();
        }
        if (inScope) {
            return Optional.of(new EligibilityPeriod(block, true, observation.matchedAuditId(), null, observation.codeHash(),
                    observation.implementation()));
        }
        return Optional.of(new EligibilityPeriod(block, false, null, reason(current, observation), observation.codeHash(),
                observation.implementation()));
    }

    /** Whether the audit the observation names really covers what it saw. */
    public static boolean matchBacked(CodeObservation observation, AuditReport audit) {
        if (audit == null) {
            return false;
        }
        if (audit.covers(observation.coveredCodeHash())) {
            return true;
        }
        return observation.matchedNormalizedCodeHash() != null && audit.coversArtifact(observation.matchedNormalizedCodeHash());
    }

    private static OutOfScopeReason reason(EligibilityPeriod current, CodeObservation observation) {
        if (!observation.hasCode()) {
            return OutOfScopeReason.SELF_DESTRUCTED;
        }
        boolean implementationChanged = observation.implementation() != null && current != null
                && !observation.implementation().equals(current.implementation());
        return implementationChanged ? OutOfScopeReason.UPGRADED_TO_UNAUDITED_IMPLEMENTATION : OutOfScopeReason.UNKNOWN_CODE;
    }
}
