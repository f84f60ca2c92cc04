package io.auditcover.engine;

import io.auditcover.claims.DecidedClaim;
import io.auditcover.cover.Cover;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole-state checks: the books balance and agree with every pool, locked ≤ capital, paid ≤ cover
 * amount, shares add up, active cover adds up, what short pools owe and recoveries return add up. Run after every command in tests, and on start-up and
 * snapshot in production (the ledger checks each posting as it is made).
 */
public final class Invariants {
    private Invariants() {
    }

    /** The ledger's stake and held-slash accounts hold exactly what the claims book says is staked and held, asset by asset. */
    private static void checkStakes(State state, List<String> problems) {
        var staked = new java.util.TreeMap<io.auditcover.money.Asset, Money>(java.util.Comparator.comparing(io.auditcover.money.Asset::code));
        var held = new java.util.TreeMap<io.auditcover.money.Asset, Money>(java.util.Comparator.comparing(io.auditcover.money.Asset::code));
        state.claims.stakes().values().forEach(stake -> staked.merge(stake.asset(), stake, Money::plus));
        state.claims.slashes().values().stream().filter(slash -> slash.status() == io.auditcover.claims.Slash.Status.HELD)
                .forEach(slash -> held.merge(slash.amount().asset(), slash.amount(), Money::plus));
        staked.forEach((asset, total) -> {
            Money booked = state.ledger.balance(Account.assessorStakes(total.asset()));
            if (!booked.equals(total)) {
                problems.add("assessors stake " + total + " but the ledger says " + booked);
            }
        });
        held.forEach((asset, total) -> {
            Money booked = state.ledger.balance(Account.assessorSlashesHeld(total.asset()));
            if (!booked.equals(total)) {
                problems.add("slashes held " + total + " but the ledger says " + booked);
            }
        });
    }

    public static List<String> violations(State state) {
        var problems = new ArrayList<String>(state.ledger.violations());
        var activeByPool = new HashMap<String, Long>();
        var activeByListing = new HashMap<String, Long>();
        for (Cover cover : state.covers.covers().values()) {
            if (cover.paid().exceeds(cover.amount())) {
                problems.add("cover " + cover.id() + " paid " + cover.paid() + " above its amount " + cover.amount());
            }
            if (state.covers.activeCoverIds().contains(cover.id())) {
                activeByPool.merge(cover.poolId(), cover.remaining().units(), Math::addExact);
                activeByListing.merge(Listing.key(cover.poolId(), cover.protocolId()), cover.remaining().units(), Math::addExact);
            }
        }
        var sharesByPool = new HashMap<String, long[]>();
        for (Position position : state.pools.positions().values()) {
            long[] sums = sharesByPool.computeIfAbsent(position.poolId(), id -> new long[2]);
            sums[0] += position.shares();
            sums[1] += position.sharesPendingWithdrawal();
        }
        for (Pool pool : state.pools.pools().values()) {
            checkPool(state, pool, activeByPool, sharesByPool, problems);
            checkHeldWithdrawals(state, pool, problems);
        }
        for (Listing listing : state.pools.listings().values()) {
            long expected = activeByListing.getOrDefault(Listing.key(listing.poolId(), listing.protocolId()), 0L);
            if (listing.activeCover().units() != expected) {
                problems.add("listing " + listing.poolId() + "/" + listing.protocolId() + " active cover " + listing.activeCover()
                        + " but its covers sum to " + expected);
            }
        }
        checkStakes(state, problems);
        for (String contractKey : state.evidence.eligibility().keySet()) {
            if (!state.evidence.contracts().containsKey(contractKey)) {
                problems.add("eligibility history for unregistered contract " + contractKey);
            }
        }
        for (long coverId : state.covers.exposedCovers().keySet()) {
            if (!state.covers.covers().containsKey(coverId)) {
                problems.add("exposed cover " + coverId + " does not exist");
            }
        }
        if (!state.evidence.indexesAgree() || !state.covers.indexAgrees() || !state.claims.indexAgrees()
                || !state.pools.indexAgrees()) {
            problems.add("an index disagrees with the map it derives from");
        }
        for (DecidedClaim claim : state.claims.decidedClaims().values()) {
            if (claim.paid().exceeds(claim.approved()) || claim.approved().exceeds(claim.remainingCover())) {
                problems.add("claim " + claim.claimId() + " paid " + claim.paid() + " of " + claim.approved() + " approved, remaining "
                        + claim.remainingCover());
            }
        }
        checkShortfallsAndRecoveries(state, problems);
        return problems;
    }

    /**
     * What short pools owe is tracked: each claim's late payments are part of what it paid; each recovery is exactly its claims'
     * parts, none returning more to a pool than its claim paid nor more to a holder than its deductible; and the holders'
     * wallet accounts hold exactly what recoveries gave them.
     */
    private static void checkShortfallsAndRecoveries(State state, List<String> problems) {
        var recovered = new java.util.TreeMap<Long, Long>();
        var toHolders = new java.util.TreeMap<Account, Long>();
        for (DecidedClaim claim : state.claims.decidedClaims().values()) {
            if (claim.paidLater() == null && claim.recoveries() == null) {
                continue;
            }
            Money late = Money.zero(claim.paid().asset());
            for (var payment : claim.latePayments()) {
                late = late.plus(payment.amount());
            }
            Cover cover = state.covers.cover(claim.coverId());
            Money deductible = state.claimBooks().termsOf(cover).deductible();
            if (late.exceeds(claim.paid()) || claim.recoveredToPool().exceeds(claim.paid()) || claim.recoveredToHolder().exceeds(deductible)) {
                problems.add("claim " + claim.claimId() + " paid " + claim.paid() + " of which " + late + " late, recovered "
                        + claim.recoveredToPool() + " to its pool and " + claim.recoveredToHolder() + " to its holder");
            }
            for (var part : claim.recoveryParts()) {
                recovered.merge(part.recoveryId(), part.total().units(), Math::addExact);
                if (part.toHolder().isPositive()) {
                    toHolders.merge(Account.holderWallet(cover.holder(), part.toHolder().asset()), part.toHolder().units(), Math::addExact);
                }
            }
        }
        for (var recovery : state.claims.recoveries().values()) {
            long parts = recovered.getOrDefault(recovery.id(), 0L);
            if (parts != recovery.amount().units()) {
                problems.add("recovery " + recovery.id() + " of " + recovery.amount() + " but its claims' parts sum to " + parts + " units");
            }
        }
        var wallets = new java.util.TreeSet<>(toHolders.keySet());
        state.ledger.balances().keySet().stream().filter(account -> account.name().startsWith("holder/")).forEach(wallets::add);
        for (Account wallet : wallets) {
            long given = toHolders.getOrDefault(wallet, 0L);
            if (state.ledger.balance(wallet).units() != given) {
                problems.add("account " + wallet + " holds " + state.ledger.balance(wallet) + " but recoveries gave it " + given + " units");
            }
        }
    }

    /** The held-back account holds exactly what the pool's held withdrawals say, and each position agrees with its share history. */
    private static void checkHeldWithdrawals(State state, Pool pool, List<String> problems) {
        long held = 0;
        for (var withdrawal : state.pools.heldWithdrawals().values()) {
            if (withdrawal.poolId().equals(pool.id())) {
                held = Math.addExact(held, withdrawal.amount().units());
            }
        }
        Money booked = state.ledger.balance(io.auditcover.ledger.Account.poolWithdrawalsHeld(pool.id(), pool.asset()));
        if (booked.units() != held) {
            problems.add("pool " + pool.id() + " holds back " + held + " units of withdrawals but the ledger says " + booked);
        }
        for (var history : state.pools.shareHistories().subMap(pool.id() + "/", pool.id() + "0").values()) {
            Position position = state.pools.positions().get(history.key());
            long shares = position == null ? 0 : position.shares();
            long recorded = history.sharesAt(java.time.Instant.MAX);
            if (recorded != shares) {
                problems.add("position " + history.key() + " holds " + shares + " shares but its history sums to " + recorded);
            }
        }
    }

    private static void checkPool(State state, Pool pool, Map<String, Long> activeByPool, Map<String, long[]> sharesByPool,
            List<String> problems) {
        Money capitalBooked = state.ledger.balance(Account.poolCapital(pool.id(), pool.asset()));
        if (!capitalBooked.equals(pool.capital())) {
            problems.add("pool " + pool.id() + " capital " + pool.capital() + " but the ledger says " + capitalBooked);
        }
        Money unearnedBooked = state.ledger.balance(Account.poolUnearnedPremium(pool.id(), pool.asset()));
        if (!unearnedBooked.equals(pool.unearnedPremium())) {
            problems.add("pool " + pool.id() + " unearned premium " + pool.unearnedPremium() + " but the ledger says " + unearnedBooked);
        }
        if (pool.locked().exceeds(pool.capital())) {
            problems.add("pool " + pool.id() + " locked " + pool.locked() + " above capital " + pool.capital());
        }
        long active = activeByPool.getOrDefault(pool.id(), 0L);
        if (pool.activeCover().units() != active) {
            problems.add("pool " + pool.id() + " active cover " + pool.activeCover() + " but its covers sum to " + active);
        }
        long[] shares = sharesByPool.getOrDefault(pool.id(), new long[2]);
        if (shares[0] != pool.shares() || shares[1] != pool.sharesPendingWithdrawal()) {
            problems.add("pool " + pool.id() + " shares " + pool.shares() + "/" + pool.sharesPendingWithdrawal()
                    + " but positions sum to " + shares[0] + "/" + shares[1]);
        }
    }
}
