package io.auditcover.claims;

import io.auditcover.reason.Reason;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who may not judge a claim because its outcome is their money: the cover's holder and the wallet it insures (who are paid
 * on accept), and every underwriter of the pool that would pay it, whether it holds shares now or held them at the incident
 * (a payout burns the shares held at the incident; a denied claim's deposit goes to the pool's capital, so to whoever holds
 * shares now). They never sit on its panel and their votes are refused.
 *
 * @param parties party ids and addresses, compared exactly (addresses are lower-case everywhere in the engine)
 */
public record ConflictsOfInterest(Set<String> parties) {
    /** The stable code a conflicted assessor's vote is refused with. */
    public static final Reason CODE = Reason.CONFLICT_OF_INTEREST;
    /** No one conflicted. */
    public static final ConflictsOfInterest NONE = new ConflictsOfInterest(Set.of());

    public ConflictsOfInterest {
        if (parties == null || parties.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("conflicted parties are required and never null");
        }
        // Sorted, not Set.copyOf, so iteration (and any message naming them) is the same in every JVM.
        parties = Collections.unmodifiableSortedSet(new TreeSet<>(parties));
    }

    public boolean conflicted(String assessor) {
        return parties.contains(assessor);
    }

    /** The candidates free of conflict, with their weights. */
    public Map<String, Long> panelFrom(Map<String, Long> candidates) {
        var panel = new TreeMap<>(candidates);
        panel.keySet().removeAll(parties);
        return panel;
    }

    /** {@link #CODE} when this assessor is conflicted; empty when it is not. */
    public Optional<Reason> refusalToVote(String assessor) {
        return conflicted(assessor) ? Optional.of(CODE) : Optional.empty();
    }
}
