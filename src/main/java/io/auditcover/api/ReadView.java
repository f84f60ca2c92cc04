package io.auditcover.api;

import io.auditcover.cover.Cover;
import io.auditcover.claims.Claim;
import io.auditcover.claims.IncidentCase;
import io.auditcover.engine.State;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import io.auditcover.ledger.Account;
import io.auditcover.ledger.Transfer;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.Position;
import io.auditcover.pool.WithdrawalRequest;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;

/**
 * What the API reads: published by the writer after each durable batch. The small maps are immutable
 * copies taken together at one log sequence. Covers, claims and transfers grow without bound, so they
 * are shared concurrent maps the writer updates entry by entry before it publishes the next view: a
 * reader may see them a batch ahead of the small maps, never behind, and never a half-made entry.
 * {@code quoteState} is the part of the engine's state a purchase decision reads, copied at the same
 * sequence and never changed, so quotes price exactly as the engine would.
 */
public record ReadView(
        Instant time, long headSequence, String headHash, NavigableMap<String, Protocol> protocols,
        NavigableMap<String, DeployedContract> contracts, NavigableMap<String, AuditReport> audits, NavigableMap<String, Pool> pools,
        NavigableMap<String, Listing> listings, NavigableMap<String, Position> positions,
        NavigableMap<Long, WithdrawalRequest> withdrawals, NavigableMap<Long, io.auditcover.pool.HeldWithdrawal> heldWithdrawals,
        NavigableMap<Account, Long> balances,
        NavigableMap<String, IncidentCase> incidents, NavigableMap<Long, Cover> covers, NavigableMap<Long, Claim> claims, NavigableMap<Long, Transfer> transfers,
        java.util.Map<String, ? extends NavigableSet<Long>> coverIdsByHolder, State quoteState,
        NavigableMap<Long, io.auditcover.claims.Recovery> recoveries) {

    /** The incident's recoveries, in the order they were recorded. */
    java.util.List<io.auditcover.claims.Recovery> recoveriesOn(String incidentId) {
        return recoveries.values().stream().filter(recovery -> recovery.incidentId().equals(incidentId)).toList();
    }

    NavigableSet<Long> coverIdsOf(String holder) {
        NavigableSet<Long> ids = coverIdsByHolder.get(holder);
        return ids == null ? java.util.Collections.emptyNavigableSet() : ids;
    }

    /** Assets any pool keeps. */
    Set<String> assetCodes() {
        var codes = new java.util.TreeSet<String>();
        pools.values().forEach(pool -> codes.add(pool.asset().code()));
        return codes;
    }
}
