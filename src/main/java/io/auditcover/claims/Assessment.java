package io.auditcover.claims;

import io.auditcover.reason.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One panel's vote on one claim. Immutable: each change returns a new assessment. Votes are
 * {@code true} to accept; an assessor votes once; votes the operator undoes during the cooldown stop
 * counting. The outcome is read at a time: open while voting, then provisional during the cooldown,
 * then final. An assessor removed from the panels while the vote is not final loses its seat: its vote, cast or not, does not
 * count.
 *
 * @param round 1 for the first panel, 2 for the escalation panel (whose outcome is final)
 * @param panel each assessor's weight (1 each for one vote per assessor; stake for stake-weighted)
 * @param rationales why each assessor voted as it did, as it wrote it (absent for a vote cast without one)
 * @param removed panel members removed from the panels before the vote was final: they vote no more and their votes do not count
 */
public record Assessment(long claimId, int round, AssessmentRules rules, Map<String, Long> panel, Map<String, Boolean> votes,
        Set<String> undone, Instant opensAt, Instant endsAt, Map<String, String> rationales, Set<String> removed) {
    public static final int PANEL_SIZE_MAX = 1_000;
    public static final int ROUND_MAX = 2;
    /** The longest rationale a vote records, in characters: a few paragraphs, not a document (link that instead). */
    public static final int RATIONALE_LENGTH_MAX = 2_000;

    /** Where the vote stands at a given time. */
    public enum Phase {
        VOTING,
        COOLDOWN,
        FINAL
    }

    /** Accept pays the claim; deny and draw do not; the claim deposit comes back on accept or draw. */
    public enum Outcome {
        ACCEPT,
        DENY,
        DRAW;

        public boolean returnsDeposit() {
            return this != DENY;
        }

        /** Whether the claim is paid: only on accept; a draw is neither paid nor denied. */
        public boolean pays() {
            return this == ACCEPT;
        }

        /** As callers see it: {@code accept}, {@code deny} or {@code draw}. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Assessment {
        // Empty in an assessment from before rationales and removals: the log reads a missing component as null or empty.
        rationales = rationales == null ? Map.of() : rationales;
        removed = removed == null ? Set.of() : removed;
        if (rules == null || panel == null || votes == null || undone == null || opensAt == null || endsAt == null) {
            throw new IllegalArgumentException("every part of an assessment is required");
        }
        if (round < 1 || round > ROUND_MAX) {
            throw new IllegalArgumentException("round must be 1 or 2");
        }
        if (panel.isEmpty() || panel.size() > PANEL_SIZE_MAX || panel.values().stream().anyMatch(weight -> weight == null || weight < 1)) {
            throw new IllegalArgumentException("a panel has 1 to " + PANEL_SIZE_MAX + " assessors, each with a positive weight");
        }
        if (!panel.keySet().containsAll(votes.keySet()) || !votes.keySet().containsAll(undone)) {
            throw new IllegalArgumentException("only panel members vote, and only cast votes can be undone");
        }
        if (!votes.keySet().containsAll(rationales.keySet()) || !panel.keySet().containsAll(removed)
                || rationales.values().stream().anyMatch(text -> text == null || text.length() > RATIONALE_LENGTH_MAX)) {
            throw new IllegalArgumentException("a rationale belongs to a cast vote and is at most " + RATIONALE_LENGTH_MAX
                    + " characters; only panel members are removed");
        }
        panel = Map.copyOf(new TreeMap<>(panel));
        votes = Map.copyOf(new TreeMap<>(votes));
        // Sorted, not Set.copyOf, whose order changes between JVMs: assessments are encoded in events and the state hash.
        undone = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(undone));
        rationales = Map.copyOf(new TreeMap<>(rationales));
        removed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(removed));
    }

    /** As before rationales and removals existed. */
    public Assessment(long claimId, int round, AssessmentRules rules, Map<String, Long> panel, Map<String, Boolean> votes, Set<String> undone,
            Instant opensAt, Instant endsAt) {
        this(claimId, round, rules, panel, votes, undone, opensAt, endsAt, Map.of(), Set.of());
    }

    public static Assessment open(long claimId, int round, AssessmentRules rules, Map<String, Long> panel, Instant now) {
        return new Assessment(claimId, round, rules, panel, Map.of(), Set.of(), now, now.plus(rules.votingPeriod()));
    }

    /** Why this rationale cannot be recorded, as a stable code; empty when it can (none at all is allowed). */
    public static Optional<Reason> refusalOfRationale(String rationale) {
        if (rationale == null) {
            return Optional.empty();
        }
        if (rationale.length() > RATIONALE_LENGTH_MAX) {
            return Optional.of(Reason.RATIONALE_TOO_LONG);
        }
        return rationale.isBlank() ? Optional.of(Reason.INVALID_COMMAND) : Optional.empty();
    }

    /** Opens a vote of a panel drawn free of {@code conflicts} (see {@link ConflictsOfInterest#panelFrom}); a conflicted member is a bug. */
    public static Assessment open(long claimId, int round, AssessmentRules rules, Map<String, Long> panel, ConflictsOfInterest conflicts,
            Instant now) {
        requireFree(panel, conflicts);
        return open(claimId, round, rules, panel, now);
    }

    private static void requireFree(Map<String, Long> panel, ConflictsOfInterest conflicts) {
        for (String assessor : panel.keySet()) {
            if (conflicts.conflicted(assessor)) {
                throw new IllegalStateException("assessor " + assessor + " has a conflict of interest and may not sit on this panel");
            }
        }
    }

    public Phase phaseAt(Instant now) {
        if (now.isBefore(endsAt)) {
            return Phase.VOTING;
        }
        return now.isBefore(endsAt.plus(rules.cooldown())) ? Phase.COOLDOWN : Phase.FINAL;
    }

    /** Why {@code assessor} may not vote now, as a stable code; empty when they may. */
    public Optional<Reason> refusalToVote(String assessor, Instant now) {
        if (!panel.containsKey(assessor) || removed.contains(assessor)) {
            return Optional.of(Reason.NOT_ON_PANEL);
        }
        if (votes.containsKey(assessor)) {
            return Optional.of(Reason.ALREADY_VOTED);
        }
        return phaseAt(now) == Phase.VOTING ? Optional.empty() : Optional.of(Reason.VOTING_CLOSED);
    }

    /** As {@link #refusalToVote(String, Instant)}, and first {@code conflict_of_interest}: a panel drawn earlier cannot seat a party to the claim. */
    public Optional<Reason> refusalToVote(String assessor, ConflictsOfInterest conflicts, Instant now) {
        Optional<Reason> conflict = conflicts.refusalToVote(assessor);
        return conflict.isPresent() ? conflict : refusalToVote(assessor, now);
    }

    /** Records a vote without a rationale. */
    public Assessment vote(String assessor, boolean accept, Instant now) {
        return vote(assessor, accept, null, now);
    }

    /** Records a vote and its rationale (null: none); one in the final stretch moves the end to {@code now + extension} (silent ending). */
    public Assessment vote(String assessor, boolean accept, String rationale, Instant now) {
        refusalToVote(assessor, now).or(() -> refusalOfRationale(rationale)).ifPresent(code -> {
            throw new IllegalStateException("vote refused: " + code);
        });
        var after = new TreeMap<>(votes);
        after.put(assessor, accept);
        var reasons = new TreeMap<>(rationales);
        if (rationale != null) {
            reasons.put(assessor, rationale);
        }
        Instant end = endsAt;
        if (!now.isBefore(endsAt.minus(rules.finalStretch()))) {
            Instant extended = now.plus(rules.extension());
            end = extended.isAfter(endsAt) ? extended : endsAt;
        }
        return new Assessment(claimId, round, rules, panel, after, undone, opensAt, end, reasons, removed);
    }

    /** Why the operator may not undo these votes now; empty when they may (only in the cooldown, only cast votes). */
    public Optional<Reason> refusalToUndo(Set<String> assessors, Instant now) {
        if (phaseAt(now) != Phase.COOLDOWN) {
            return Optional.of(Reason.NOT_IN_COOLDOWN);
        }
        return votes.keySet().containsAll(assessors) ? Optional.empty() : Optional.of(Reason.VOTE_NOT_FOUND);
    }

    public Assessment undo(Set<String> assessors, Instant now) {
        refusalToUndo(assessors, now).ifPresent(code -> {
            throw new IllegalStateException("undo refused: " + code);
        });
        var after = new TreeSet<>(undone);
        after.addAll(assessors);
        return new Assessment(claimId, round, rules, panel, votes, after, opensAt, endsAt, rationales, removed);
    }

    /** Whether removing {@code assessor} from the panels changes this vote: it sits here, still, and the vote is not final. */
    public boolean seats(String assessor, Instant now) {
        return panel.containsKey(assessor) && !removed.contains(assessor) && phaseAt(now) != Phase.FINAL;
    }

    /** The assessor is removed from the panels: it votes no more here, and a vote it cast does not count. */
    public Assessment withoutSeat(String assessor) {
        if (!panel.containsKey(assessor)) {
            throw new IllegalStateException("assessor " + assessor + " does not sit on claim " + claimId + "'s panel");
        }
        var after = new TreeSet<>(removed);
        after.add(assessor);
        return new Assessment(claimId, round, rules, panel, votes, undone, opensAt, endsAt, rationales, after);
    }

    /** The weight of counted votes for accept ({@code true}) or deny. */
    public long weightFor(boolean accept) {
        return weightFor(accept, ConflictsOfInterest.NONE);
    }

    /** The weight of counted votes for accept or deny, leaving out the votes of assessors conflicted now. */
    public long weightFor(boolean accept, ConflictsOfInterest conflicts) {
        long weight = 0;
        for (var vote : votes.entrySet()) {
            if (vote.getValue() == accept && !undone.contains(vote.getKey()) && !removed.contains(vote.getKey())
                    && !conflicts.conflicted(vote.getKey())) {
                weight = Math.addExact(weight, panel.get(vote.getKey()));
            }
        }
        return weight;
    }

    /** The result of the counted votes: below quorum, or tied, it is a draw. */
    public Outcome tally() {
        return tally(ConflictsOfInterest.NONE);
    }

    /**
     * The result of the counted votes of assessors free of {@code conflicts}: a vote cast before its assessor became a party
     * to the claim (a deposit into the paying pool, a claim on the same wallet) does not decide it.
     */
    public Outcome tally(ConflictsOfInterest conflicts) {
        long accept = weightFor(true, conflicts);
        long deny = weightFor(false, conflicts);
        if (Math.addExact(accept, deny) < rules.quorumWeight() || accept == deny) {
            return Outcome.DRAW;
        }
        return accept > deny ? Outcome.ACCEPT : Outcome.DENY;
    }

    /** Why this claim may not go to a larger panel now; empty when it may (after voting, from round 1, to a panel larger by the rules' growth). */
    public Optional<Reason> refusalToEscalate(Map<String, Long> newPanel, Instant now) {
        if (round >= ROUND_MAX) {
            return Optional.of(Reason.ALREADY_ESCALATED);
        }
        if (phaseAt(now) == Phase.VOTING) {
            return Optional.of(Reason.VOTING_NOT_OVER);
        }
        return newPanel.size() >= panel.size() + rules.escalationPanelGrowthMin() ? Optional.empty() : Optional.of(Reason.ESCALATION_PANEL_TOO_SMALL);
    }

    public Assessment escalate(Map<String, Long> newPanel, Instant now) {
        refusalToEscalate(newPanel, now).ifPresent(code -> {
            throw new IllegalStateException("escalation refused: " + code);
        });
        return open(claimId, round + 1, rules, newPanel, now);
    }

    /** Escalates to a panel drawn free of {@code conflicts}; a conflicted member is a bug. */
    public Assessment escalate(Map<String, Long> newPanel, ConflictsOfInterest conflicts, Instant now) {
        return escalate(newPanel, rules, conflicts, now);
    }

    /** Escalates to a panel drawn free of {@code conflicts} that votes by {@code newRules}. */
    public Assessment escalate(Map<String, Long> newPanel, AssessmentRules newRules, ConflictsOfInterest conflicts, Instant now) {
        requireFree(newPanel, conflicts);
        refusalToEscalate(newPanel, now).ifPresent(code -> {
            throw new IllegalStateException("escalation refused: " + code);
        });
        return open(claimId, round + 1, newRules, newPanel, now);
    }
}
