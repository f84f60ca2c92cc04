package io.auditcover.cover;

import io.auditcover.money.Money;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The covers' book: every cover ever sold, which are active, and which were exposed (their protocol's code left audited scope
 * while they ran), with each protocol's covers indexed so a decision about one protocol reads only its own. Sorted, so walking
 * it never depends on hash order. Its changes are the engine's apply of cover events, on the writer thread.
 */
public final class CoverBook {
    private final TreeMap<Long, Cover> covers = new TreeMap<>();
    private final TreeSet<Long> activeCoverIds = new TreeSet<>();
    private final TreeMap<Long, Long> exposedCovers = new TreeMap<>();
    private long lastCoverId;
    /** Derived, rebuilt on restore and never hashed. */
    private final TreeMap<String, TreeSet<Long>> coverIdsByProtocol = new TreeMap<>();

    public static CoverBook restore(Collection<Cover> covers, Collection<Long> activeCoverIds, NavigableMap<Long, Long> exposedCovers,
            long lastCoverId) {
        var book = new CoverBook();
        covers.forEach(cover -> {
            book.covers.put(cover.id(), cover);
            book.index(cover);
        });
        book.activeCoverIds.addAll(activeCoverIds);
        book.exposedCovers.putAll(exposedCovers);
        book.lastCoverId = lastCoverId;
        return book;
    }

    /** What a quote reads of the book (the next cover's id), for readers on other threads. */
    public CoverBook forQuotes() {
        var copy = new CoverBook();
        copy.lastCoverId = lastCoverId;
        return copy;
    }

    private void index(Cover cover) {
        coverIdsByProtocol.computeIfAbsent(cover.protocolId(), k -> new TreeSet<>()).add(cover.id());
    }

    public NavigableMap<Long, Cover> covers() {
        return Collections.unmodifiableNavigableMap(covers);
    }

    public NavigableSet<Long> activeCoverIds() {
        return Collections.unmodifiableNavigableSet(activeCoverIds);
    }

    /** Covers whose protocol's code left audited scope while they were active: cover id to the block it happened. */
    public NavigableMap<Long, Long> exposedCovers() {
        return Collections.unmodifiableNavigableMap(exposedCovers);
    }

    public long lastCoverId() {
        return lastCoverId;
    }

    /** The cover, or null. */
    public Cover cover(long coverId) {
        return covers.get(coverId);
    }

    public boolean isActive(long coverId) {
        return activeCoverIds.contains(coverId);
    }

    /** Every cover ever sold on the protocol, by id. */
    public List<Cover> coversOn(String protocolId) {
        var ids = coverIdsByProtocol.get(protocolId);
        return ids == null ? List.of() : ids.stream().map(covers::get).toList();
    }

    /** The index agrees with the covers it derives from (an invariant). */
    public boolean indexAgrees() {
        var expected = new TreeMap<String, TreeSet<Long>>();
        covers.values().forEach(cover -> expected.computeIfAbsent(cover.protocolId(), k -> new TreeSet<>()).add(cover.id()));
        return expected.equals(coverIdsByProtocol);
    }

    public void sell(Cover cover) {
        if (cover.id() != lastCoverId + 1) {
            throw new IllegalStateException("cover id " + cover.id() + " does not follow " + lastCoverId);
        }
        lastCoverId = cover.id();
        covers.put(cover.id(), cover);
        index(cover);
        activeCoverIds.add(cover.id());
    }

    public void earned(long coverId, Money earnedNow) {
        covers.put(coverId, covers.get(coverId).withEarned(earnedNow));
    }

    /** The cover ends; returns it as it was, whose remaining amount its pool gets back. */
    public Cover expire(long coverId) {
        Cover cover = covers.get(coverId);
        if (!activeCoverIds.remove(coverId)) {
            throw new IllegalStateException("cover " + coverId + " is not active and cannot expire");
        }
        covers.put(coverId, cover.expired());
        return cover;
    }

    public void paid(long coverId, Money amount) {
        Cover cover = covers.get(coverId);
        covers.put(coverId, cover.withPaid(cover.paid().plus(amount)));
    }

    public void exposed(long coverId, long block) {
        if (!covers.containsKey(coverId) || exposedCovers.putIfAbsent(coverId, block) != null) {
            throw new IllegalStateException("cover " + coverId + " is unknown or already exposed");
        }
    }
}
