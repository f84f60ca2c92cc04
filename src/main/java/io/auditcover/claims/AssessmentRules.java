package io.auditcover.claims;

import java.time.Duration;

/**
 * How assessors decide a claim the rules could not: one vote each or weighted by stake (the panel's
 * weights say which), a voting period, a final stretch in which a vote pushes the end out (a silent
 * ending, so no one can swing the result unanswered at the last second), a quorum of weight, a cooldown
 * in which the operator can undo fraudulent votes, and an escalation to a larger panel.
 *
 * @param finalStretch a vote cast this close to the end moves the end to {@code vote time + extension}
 * @param quorumWeight the least total weight of counted votes for accept or deny to win; below it the result is a draw
 */
public record AssessmentRules(Duration votingPeriod, Duration finalStretch, Duration extension, long quorumWeight, Duration cooldown,
        int escalationPanelGrowthMin) {
    public static final Duration VOTING_PERIOD_MAX = Duration.ofDays(30);

    public AssessmentRules {
        if (votingPeriod == null || finalStretch == null || extension == null || cooldown == null) {
            throw new IllegalArgumentException("every assessment rule is required");
        }
        if (!votingPeriod.isPositive() || votingPeriod.compareTo(VOTING_PERIOD_MAX) > 0) {
            throw new IllegalArgumentException("voting period must be positive and at most " + VOTING_PERIOD_MAX.toDays() + " days");
        }
        if (finalStretch.isNegative() || finalStretch.compareTo(votingPeriod) > 0 || extension.isNegative() || cooldown.isNegative()) {
            throw new IllegalArgumentException("final stretch, extension and cooldown must be non-negative, the stretch within the period");
        }
        if (quorumWeight < 1 || escalationPanelGrowthMin < 1) {
            throw new IllegalArgumentException("quorum and the escalation panel's growth must be at least 1");
        }
    }

    /** These rules with a quorum of one vote: for one delegated assessor deciding alone. */
    public AssessmentRules alone() {
        return new AssessmentRules(votingPeriod, finalStretch, extension, 1, cooldown, escalationPanelGrowthMin);
    }

    /** Three days of voting, the last day a silent ending of one day, quorum 3, one day of cooldown, an escalation panel at least 2 larger. */
    public static final AssessmentRules STANDARD = new AssessmentRules(Duration.ofDays(3), Duration.ofDays(1), Duration.ofDays(1), 3,
            Duration.ofDays(1), 2);
}
