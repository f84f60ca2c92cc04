package io.auditcover.claims;

import io.auditcover.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the claims book keeps about its assessors beyond their registration, as a snapshot stores it: each listing's group or
 * delegate, who was removed from the panels, the appeals and their bonds, each assessor's stake, every slash of one, and
 * each pending request to withdraw stake (none in records from before withdrawals existed).
 */
public record AssessorRecords(List<ListingAssessors> listings, Set<String> removed, List<Appeal> appeals, Map<String, Money> stakes,
        List<Slash> slashes, List<StakeWithdrawal> stakeWithdrawals) {
    public AssessorRecords {
        listings = listings == null ? List.of() : List.copyOf(listings);
        removed = removed == null ? Set.of() : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(removed));
        appeals = appeals == null ? List.of() : List.copyOf(appeals);
        stakes = stakes == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(stakes));
        slashes = slashes == null ? List.of() : List.copyOf(slashes);
        stakeWithdrawals = stakeWithdrawals == null ? List.of() : List.copyOf(stakeWithdrawals);
    }

    public boolean isEmpty() {
        return listings.isEmpty() && removed.isEmpty() && appeals.isEmpty() && stakes.isEmpty() && slashes.isEmpty() && stakeWithdrawals.isEmpty();
    }
}
