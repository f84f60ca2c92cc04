package io.auditcover.pool;

import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcollections.TreePMap;

/**
 * The pools' book: every pool, its listings, its underwriters' positions and share histories, their withdrawal requests and
 * the withdrawals held back for the report window, and what each listing does while code is out of audited scope. Sorted maps
 * only, so walking it never depends on hash order. Its changes are the engine's apply of pool events, one method each, on the
 * writer thread; every change that moves money is posted to the ledger by the caller beside it.
 */
public final class PoolBook {
    private TreePMap<String, Pool> pools = TreePMap.empty();
    private TreePMap<String, Listing> listings = TreePMap.empty();
    private TreePMap<String, Position> positions = TreePMap.empty();
    private TreePMap<Long, WithdrawalRequest> withdrawals = TreePMap.empty();
    private final TreeMap<String, ShareHistory> shareHistories = new TreeMap<>();
    private TreePMap<Long, HeldWithdrawal> heldWithdrawals = TreePMap.empty();
    private TreePMap<String, CodeChangePolicy> codeChangePolicies = TreePMap.empty();
    private long lastWithdrawalId;
    /** Derived, rebuilt on restore and never hashed: each pool's held withdrawals, so a decision on one pool reads only its own. */
    private final TreeMap<String, TreeSet<Long>> heldWithdrawalIdsByPool = new TreeMap<>();

    /** The book as a snapshot stored it. */
    public static PoolBook restore(Collection<Pool> pools, Collection<Listing> listings, Collection<Position> positions,
            Collection<WithdrawalRequest> withdrawals, Collection<ShareHistory> shareHistories, Collection<HeldWithdrawal> heldWithdrawals,
            NavigableMap<String, CodeChangePolicy> codeChangePolicies, long lastWithdrawalId) {
        var book = new PoolBook();
        pools.forEach(p -> book.pools = book.pools.plus(p.id(), p));
        listings.forEach(l -> book.listings = book.listings.plus(Listing.key(l.poolId(), l.protocolId()), l));
        positions.forEach(p -> book.positions = book.positions.plus(Position.key(p.poolId(), p.underwriter()), p));
        withdrawals.forEach(w -> book.withdrawals = book.withdrawals.plus(w.id(), w));
        shareHistories.forEach(h -> book.shareHistories.put(h.key(), h));
        heldWithdrawals.forEach(w -> book.heldWithdrawals = book.heldWithdrawals.plus(w.requestId(), w));
        book.codeChangePolicies = book.codeChangePolicies.plusAll(codeChangePolicies);
        book.lastWithdrawalId = lastWithdrawalId;
        book.reindex();
        return book;
    }

    /** A view for readers on other threads: pools, listings and policies only (what a quote reads), as they are now; the
     * maps are persistent, so this shares them and never changes. */
    public PoolBook forQuotes() {
        var copy = new PoolBook();
        copy.pools = pools;
        copy.listings = listings;
        copy.codeChangePolicies = codeChangePolicies;
        return copy;
    }

    private void reindex() {
        heldWithdrawalIdsByPool.clear();
        heldWithdrawals.values().forEach(held -> indexHeld(held));
    }

    private void indexHeld(HeldWithdrawal held) {
        heldWithdrawalIdsByPool.computeIfAbsent(held.poolId(), k -> new TreeSet<>()).add(held.requestId());
    }

    // Reading.

    public NavigableMap<String, Pool> pools() {
        return pools;
    }

    public NavigableMap<String, Listing> listings() {
        return listings;
    }

    public NavigableMap<String, Position> positions() {
        return positions;
    }

    public NavigableMap<Long, WithdrawalRequest> withdrawals() {
        return withdrawals;
    }

    public NavigableMap<String, ShareHistory> shareHistories() {
        return Collections.unmodifiableNavigableMap(shareHistories);
    }

    public NavigableMap<Long, HeldWithdrawal> heldWithdrawals() {
        return heldWithdrawals;
    }

    public NavigableMap<String, CodeChangePolicy> codeChangePolicies() {
        return codeChangePolicies;
    }

    public long lastWithdrawalId() {
        return lastWithdrawalId;
    }

    /** The pool, or null. */
    public Pool pool(String poolId) {
        return pools.get(poolId);
    }

    /** The listing of the protocol in the pool, or null. */
    public Listing listing(String poolId, String protocolId) {
        return listings.get(Listing.key(poolId, protocolId));
    }

    /** The pool's positions, by underwriter. */
    public Collection<Position> positionsOf(String poolId) {
        return positions.subMap(poolId + "/", poolId + "0").values();
    }

    /** The pool's share histories, by underwriter. */
    public Collection<ShareHistory> shareHistoriesOf(String poolId) {
        return shareHistories.subMap(poolId + "/", poolId + "0").values();
    }

    /** The pool's withdrawals paid and still held back, by request id. */
    public List<HeldWithdrawal> heldWithdrawalsOf(String poolId) {
        var ids = heldWithdrawalIdsByPool.get(poolId);
        return ids == null ? List.of() : ids.stream().map(heldWithdrawals::get).toList();
    }

    /** Where a pool's listings go while the listed code is out of audited scope; null: stop selling. */
    public CodeChangePolicy codeChangePolicy(String poolId, String protocolId) {
        return codeChangePolicies.get(Listing.key(poolId, protocolId));
    }

    /** The index agrees with the held withdrawals it derives from (an invariant). */
    public boolean indexAgrees() {
        var expected = new TreeMap<String, TreeSet<Long>>();
        heldWithdrawals.values().forEach(held -> expected.computeIfAbsent(held.poolId(), k -> new TreeSet<>()).add(held.requestId()));
        return expected.equals(heldWithdrawalIdsByPool);
    }

    // Applying events.

    public void create(String poolId, Asset asset, PoolRules rules) {
        pools = pools.plus(poolId, Pool.open(poolId, asset, rules));
    }

    /** Lists (or re-prices) the protocol in the pool; its active cover carries over. */
    public void list(String poolId, String protocolId, long annualRateBps) {
        Listing existing = listing(poolId, protocolId);
        Money active = existing != null ? existing.activeCover() : Money.zero(require(poolId).asset());
        listings = listings.plus(Listing.key(poolId, protocolId), new Listing(poolId, protocolId, annualRateBps, active));
    }

    public void deposit(String poolId, String underwriter, Money amount, long sharesMinted, Instant at) {
        mint(poolId, underwriter, amount, sharesMinted, at, ShareHistory.Cause.DEPOSIT);
    }

    /**
     * Shares minted at {@code at} to an underwriter who bore an incident's loss, for the part of a recovery that joined the
     * pool's capital (added by the caller): a deposit of the recovered money, so no other share's value moves.
     */
    public void sharesRestored(String poolId, String underwriter, long shares, Instant at) {
        mint(poolId, underwriter, Money.zero(require(poolId).asset()), shares, at, ShareHistory.Cause.RECOVERY);
    }

    private void mint(String poolId, String underwriter, Money amount, long sharesMinted, Instant at, ShareHistory.Cause cause) {
        recordShares(poolId, underwriter, new ShareHistory.ShareChange(at, sharesMinted, cause));
        Pool pool = require(poolId);
        pools = pools.plus(poolId, pool.deposited(amount, sharesMinted));
        String key = Position.key(poolId, underwriter);
        Position position = positions.getOrDefault(key, new Position(poolId, underwriter, 0, 0));
        positions = positions.plus(key, new Position(poolId, underwriter, Math.addExact(position.shares(), sharesMinted),
                position.sharesPendingWithdrawal()));
    }

    public void requestWithdrawal(WithdrawalRequest request) {
        if (request.id() != lastWithdrawalId + 1) {
            throw new IllegalStateException("withdrawal request id " + request.id() + " does not follow " + lastWithdrawalId);
        }
        lastWithdrawalId = request.id();
        withdrawals = withdrawals.plus(request.id(), request);
        pools = pools.plus(request.poolId(), require(request.poolId()).withdrawalRequested(request.shares()));
        String key = Position.key(request.poolId(), request.underwriter());
        Position position = positions.get(key);
        positions = positions.plus(key, new Position(request.poolId(), request.underwriter(), position.shares(),
                Math.addExact(position.sharesPendingWithdrawal(), request.shares())));
    }

    /** Pays a withdrawal request out of the pool; with a {@code releaseAt}, the amount is held back until then. */
    public void withdraw(String poolId, long requestId, String underwriter, long shares, Money amount, Instant at, Instant releaseAt) {
        Pool pool = require(poolId);
        if (releaseAt != null) {
            var held = new HeldWithdrawal(requestId, poolId, underwriter, shares, amount, at, releaseAt);
            heldWithdrawals = heldWithdrawals.plus(requestId, held);
            indexHeld(held);
        }
        recordShares(poolId, underwriter, new ShareHistory.ShareChange(at, -shares, ShareHistory.Cause.WITHDRAWAL));
        pools = pools.plus(poolId, pool.withdrawn(shares, amount));
        withdrawals = withdrawals.minus(requestId);
        String key = Position.key(poolId, underwriter);
        Position position = positions.get(key);
        var after = new Position(poolId, underwriter, Math.subtractExact(position.shares(), shares),
                Math.subtractExact(position.sharesPendingWithdrawal(), shares));
        if (after.shares() == 0) {
            positions = positions.minus(key);
        } else {
            positions = positions.plus(key, after);
        }
    }

    /** A held withdrawal's window passed: it leaves the book, and what it still holds goes to its underwriter. */
    public HeldWithdrawal release(long requestId) {
        HeldWithdrawal held = heldWithdrawals.get(requestId);
        heldWithdrawals = heldWithdrawals.minus(requestId);
        if (held == null) {
            throw new IllegalStateException("withdrawal " + requestId + " is not held and cannot be released");
        }
        var ids = heldWithdrawalIdsByPool.get(held.poolId());
        ids.remove(requestId);
        if (ids.isEmpty()) {
            heldWithdrawalIdsByPool.remove(held.poolId());
        }
        return held;
    }

    public void coverSold(String poolId, String protocolId, Money amount, Money premium) {
        pools = pools.plus(poolId, require(poolId).coverSold(amount, premium));
        changeActiveCover(poolId, protocolId, amount.units());
    }

    /** A cover ended with {@code remaining} still unpaid: that much capacity comes back. */
    public void coverReleased(String poolId, String protocolId, Money remaining) {
        pools = pools.plus(poolId, require(poolId).coverReleased(remaining));
        changeActiveCover(poolId, protocolId, -remaining.units());
    }

    /** Claims paid on the listing's active covers take that much off its active cover (the pool's own figure moves at settlement). */
    public void listingPaid(String poolId, String protocolId, long units) {
        changeActiveCover(poolId, protocolId, -units);
    }

    private void changeActiveCover(String poolId, String protocolId, long units) {
        String key = Listing.key(poolId, protocolId);
        Listing listing = listings.get(key);
        listings = listings.plus(key, listing.withActiveCover(listing.activeCover().plus(Money.ofUnits(listing.activeCover().asset(), units))));
    }

    public void premiumEarned(String poolId, Money amount) {
        pools = pools.plus(poolId, require(poolId).premiumEarned(amount));
    }

    /** Money that joins the pool's capital without shares: e.g. the deposit of a claim the assessors denied. */
    public void capitalAdded(String poolId, Money amount) {
        Pool pool = require(poolId);
        pools = pools.plus(poolId, pool.withCapital(pool.capital().plus(amount)));
    }

    /**
     * A claim's unpaid part paid late on a cover of the protocol: it leaves the pool's capital; on a cover still active
     * ({@code active}) it takes as much off the pool's and the listing's active cover.
     */
    public void paidLate(String poolId, String protocolId, Money payment, boolean active) {
        Money released = active ? payment : Money.zero(payment.asset());
        pools = pools.plus(poolId, require(poolId).paidLate(payment, released));
        if (active) {
            changeActiveCover(poolId, protocolId, -payment.units());
        }
    }


    /** Money that leaves the pool's capital without burning shares: e.g. the premium of its reinsurance, which every share bears. */
    public void capitalSpent(String poolId, Money amount) {
        Pool pool = require(poolId);
        pools = pools.plus(poolId, pool.withCapital(pool.capital().minus(amount)));
    }

    public void setCodeChangePolicy(String poolId, String protocolId, CodeChangePolicy policy) {
        codeChangePolicies = codeChangePolicies.plus(Listing.key(poolId, protocolId), policy);
    }

    /** A held withdrawal bears part of an incident: {@code loss} of it goes back into the pool's capital. */
    public HeldWithdrawal heldWithdrawalBears(long requestId, String poolId, Money loss) {
        HeldWithdrawal held = heldWithdrawals.get(requestId);
        if (held == null || !held.poolId().equals(poolId) || loss.exceeds(held.amount())) {
            throw new IllegalStateException("withdrawal " + requestId + " does not hold " + loss + " in pool " + poolId);
        }
        heldWithdrawals = heldWithdrawals.plus(requestId, held.less(loss));
        return held;
    }

    /**
     * An incident's settlement of the pool: the recovery in, the payout out, what the held withdrawals bore back into capital,
     * the active cover its paid claims released, and the burn of the shares that bore it, dated when the incident occurred.
     */
    public void settled(String poolId, Money fromHeld, Money recovery, Money paid, long activeReleasedUnits, List<ShareBurn> burns,
            Instant occurredAt) {
        Pool pool = require(poolId);
        long burned = 0;
        long pendingBurned = 0;
        for (ShareBurn burn : burns) {
            burned = Math.addExact(burned, burn.shares());
            pendingBurned = Math.addExact(pendingBurned, burnShares(poolId, burn));
            recordShares(poolId, burn.underwriter(), new ShareHistory.ShareChange(occurredAt, -burn.shares(), ShareHistory.Cause.LOSS));
        }
        pools = pools.plus(poolId, pool.withCapital(pool.capital().plus(fromHeld)).settled(recovery, paid,
                Money.ofUnits(pool.asset(), activeReleasedUnits), burned, pendingBurned));
    }

    /** Shares of one underwriter that bear an incident's loss and are burned. */
    public record ShareBurn(String underwriter, long shares) {
    }

    /** Burns shares from a position; shares waiting to withdraw go last, shrinking the newest requests first. Returns the pending shares burned. */
    private long burnShares(String poolId, ShareBurn burn) {
        String key = Position.key(poolId, burn.underwriter());
        Position position = positions.get(key);
        long shares = Math.subtractExact(position.shares(), burn.shares());
        long pendingBurned = Math.max(0, position.sharesPendingWithdrawal() - shares);
        if (shares == 0) {
            positions = positions.minus(key);
        } else {
            positions = positions.plus(key, new Position(poolId, burn.underwriter(), shares, position.sharesPendingWithdrawal() - pendingBurned));
        }
        long left = pendingBurned;
        for (WithdrawalRequest request : new ArrayList<>(withdrawals.descendingMap().values())) {
            if (left == 0) {
                break;
            }
            if (!request.poolId().equals(poolId) || !request.underwriter().equals(burn.underwriter())) {
                continue;
            }
            long cut = Math.min(left, request.shares());
            left -= cut;
            if (cut == request.shares()) {
                withdrawals = withdrawals.minus(request.id());
            } else {
                withdrawals = withdrawals.plus(request.id(), new WithdrawalRequest(request.id(), request.poolId(), request.underwriter(),
                        request.shares() - cut, request.requestedAt(), request.availableAt()));
            }
        }
        return pendingBurned;
    }

    private void recordShares(String poolId, String underwriter, ShareHistory.ShareChange change) {
        String key = Position.key(poolId, underwriter);
        shareHistories.put(key, shareHistories.getOrDefault(key, ShareHistory.empty(poolId, underwriter)).with(change));
    }

    private Pool require(String poolId) {
        Pool pool = pools.get(poolId);
        if (pool == null) {
            throw new IllegalStateException("event names unknown pool " + poolId);
        }
        return pool;
    }
}
