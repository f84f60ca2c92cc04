package io.auditcover.claims;

import io.auditcover.evidence.Identifiers;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who decides the claims on one listing when the rules cannot: a named group of registered assessors (only their votes count,
 * on first panels those of tier 1, on escalation all of them), or one named outside assessor who decides alone (delegated
 * claims, as a protocol's own claims team decides for cover it bought). Neither: every registered assessor, as before.
 *
 * @param group the registered assessors whose votes count, empty for none
 * @param delegate the one assessor who decides alone, or null
 */
public record ListingAssessors(String poolId, String protocolId, Set<String> group, String delegate) {
    /** The most assessors a listing's group names. */
    public static final int GROUP_SIZE_MAX = Assessment.PANEL_SIZE_MAX;

    public ListingAssessors {
        group = group == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(group));
        if (poolId == null || protocolId == null) {
            throw new IllegalArgumentException("listing assessors name their pool and protocol");
        }
        if (!group.isEmpty() && delegate != null) {
            throw new IllegalArgumentException("a listing names a group or a delegate, not both");
        }
        if (group.size() > GROUP_SIZE_MAX || group.stream().anyMatch(a -> !Identifiers.isParty(a))
                || (delegate != null && !Identifiers.isParty(delegate))) {
            throw new IllegalArgumentException("a group of at most " + GROUP_SIZE_MAX + " assessor ids or addresses, or one delegate");
        }
    }

    /** Whether the listing's claims go to every registered assessor (it names neither a group nor a delegate). */
    public boolean general() {
        return group.isEmpty() && delegate == null;
    }
}
