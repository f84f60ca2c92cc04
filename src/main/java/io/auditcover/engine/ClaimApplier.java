package io.auditcover.engine;

import io.auditcover.claims.Attestations;
import io.auditcover.cover.Cover;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Position;
import io.auditcover.pool.ShareHistory;
import io.auditcover.pool.WithdrawalRequest;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/** Applies the claim events to state: part of {@link Applier}, apart to keep it short. */
final class ClaimApplier {
    private ClaimApplier() {
    }

    static void attested(State state, Event.IncidentAttested event) {
        IncidentCase incidentCase = state.incidents.get(event.incidentId());
        Attestations before = incidentCase.attestations();
        Attestations after = event.confirms() ? before.attest(event.signer(), event.at()) : before.dispute(event.signer(), event.at());
        state.incidents.put(event.incidentId(), incidentCase.with(after));
    }

    static void filed(State state, Event.ClaimFiled event) {
        if (event.claimId() != state.lastClaimId + 1 || !state.covers.containsKey(event.coverId())) {
            throw new IllegalStateException("claim id " + event.claimId() + " does not follow " + state.lastClaimId + " or names no cover");
        }
        state.lastClaimId = event.claimId();
        state.filedClaims.put(event.claimId(), event);
        State.index(state.filedClaimIdsByIncident, event.incidentId(), event.claimId());
        if (event.assessment() != null) {
            state.assessments.put(event.claimId(), event.assessment());
            state.ledger.post(Account.external(event.deposit().asset()), deposits(event.deposit()), event.deposit(),
                    "claim deposit for claim " + event.claimId());
        }
    }

    /** Where claim deposits wait for the assessors' outcome. */
    static Account deposits(Money amount) {
        return new Account("claims/deposits", amount.asset());
    }

    static void reinsuranceSet(State state, Event.ReinsuranceSet event) {
        if (event.layer() == null) {
            state.reinsurance.remove(event.poolId());
        } else {
            state.reinsurance.put(event.poolId(), event.layer());
        }
    }

    /** Records every decided claim, pays covers, posts each pool's recovery and payout, burns the shares that bore the loss. */
    static void settled(State state, Event.IncidentSettled event) {
        IncidentCase incidentCase = state.incidents.get(event.incidentId());
        if (incidentCase == null || incidentCase.settledAt() != null || event.settledPools().stream().anyMatch(incidentCase::settledFor)) {
            throw new IllegalStateException("incident " + event.incidentId() + " is unknown or already settled for " + event.settledPools());
        }
        var activeReleasedByPool = new TreeMap<String, Long>();
        var activeReleasedByListing = new TreeMap<String, Long>();
        for (Event.ClaimDecided claim : event.claims()) {
            claimSettled(state, event, claim, activeReleasedByPool, activeReleasedByListing);
        }
        // Once per listing rather than once per claim: a mass exploit pays thousands of covers of the same listing.
        activeReleasedByListing.forEach((key, units) -> {
            Listing listing = state.listings.get(key);
            state.listings.put(key, listing.withActiveCover(listing.activeCover().minus(Money.ofUnits(listing.activeCover().asset(), units))));
        });
        for (Event.PoolSettled settled : event.pools()) {
            poolSettled(state, incidentCase, settled, activeReleasedByPool.getOrDefault(settled.poolId(), 0L));
        }
        for (Event.DepositSettled deposit : event.deposits()) {
            Pool pool = state.pools.get(deposit.poolId());
            if (deposit.toPool()) {
                state.ledger.post(deposits(deposit.amount()), Account.poolCapital(pool.id(), pool.asset()), deposit.amount(),
                        "deposit of denied claim " + deposit.claimId());
                state.pools.put(pool.id(), pool.withCapital(pool.capital().plus(deposit.amount())));
            } else {
                state.ledger.post(deposits(deposit.amount()), Account.external(pool.asset()), deposit.amount(),
                        "deposit returned for claim " + deposit.claimId());
            }
        }
        state.incidents.put(event.incidentId(), incidentCase.settled(event.settledPools(), event.settledAt(), event.complete()));
    }

    /**
     * Records one decided claim and pays its cover; what it releases of active cover is added up per pool and listing. Apart
     * from the loop so that the JIT compiles it early: the first settlement of a mass exploit is on a cold path.
     */
    private static void claimSettled(State state, Event.IncidentSettled event, Event.ClaimDecided claim, Map<String, Long> activeReleasedByPool,
            Map<String, Long> activeReleasedByListing) {
        Event.ClaimFiled filed = state.filedClaims.get(claim.claimId());
        if (filed != null && (filed.coverId() != claim.coverId() || !filed.incidentId().equals(event.incidentId()))) {
            throw new IllegalStateException("claim " + claim.claimId() + " was filed on another cover or incident");
        }
        if (filed == null) {
            if (claim.claimId() != state.lastClaimId + 1) {
                throw new IllegalStateException("claim id " + claim.claimId() + " does not follow " + state.lastClaimId);
            }
            state.lastClaimId = claim.claimId();
        }
        Cover cover = state.covers.get(claim.coverId());
        Money paid = Money.ofUnits(cover.amount().asset(), claim.paidUnits());
        state.claimRecords.put(claim.claimId(), new ClaimRecord(claim.claimId(), cover.id(), event.incidentId(), cover.poolId(),
                claim.reasonCode(), Money.ofUnits(paid.asset(), claim.approvedUnits()), paid,
                Money.ofUnits(paid.asset(), claim.remainingUnits()), event.settledAt()));
        if (!paid.isPositive()) {
            return;
        }
        state.covers.put(cover.id(), cover.withPaid(cover.paid().plus(paid)));
        if (state.activeCoverIds.contains(cover.id())) {
            activeReleasedByPool.merge(cover.poolId(), paid.units(), Math::addExact);
            activeReleasedByListing.merge(Listing.key(cover.poolId(), cover.protocolId()), paid.units(), Math::addExact);
        }
    }

    /** Recovery in, payout out, held withdrawals' shares back into capital, then the burn, dated when the incident occurred. */
    private static void poolSettled(State state, IncidentCase incidentCase, Event.PoolSettled settled, long activeReleased) {
        String incidentId = incidentCase.incident().id();
        Pool pool = state.pools.get(settled.poolId());
        Account capital = Account.poolCapital(pool.id(), pool.asset());
        Money fromHeld = Money.zero(pool.asset());
        for (Event.HeldLoss loss : settled.heldLosses()) {
            HeldWithdrawal held = state.heldWithdrawals.get(loss.requestId());
            if (held == null || !held.poolId().equals(pool.id()) || loss.amount().exceeds(held.amount())) {
                throw new IllegalStateException("withdrawal " + loss.requestId() + " does not hold " + loss.amount() + " in pool " + pool.id());
            }
            if (loss.amount().isPositive()) {
                state.ledger.post(Account.poolWithdrawalsHeld(pool.id(), pool.asset()), capital, loss.amount(),
                        "withdrawal " + loss.requestId() + " bears incident " + incidentId);
                fromHeld = fromHeld.plus(loss.amount());
            }
            state.heldWithdrawals.put(held.requestId(), held.less(loss.amount()));
        }
        if (settled.recovery().isPositive()) {
            state.ledger.post(Account.external(pool.asset()), capital, settled.recovery(), "reinsurance recovery for incident " + incidentId);
        }
        if (settled.paid().isPositive()) {
            state.ledger.post(capital, Account.external(pool.asset()), settled.paid(), "claims paid for incident " + incidentId);
        }
        long burned = 0;
        long pendingBurned = 0;
        for (Event.SharesAtReport burn : settled.sharesBurned()) {
            burned = Math.addExact(burned, burn.shares());
            pendingBurned = Math.addExact(pendingBurned, burnShares(state, burn));
            Applier.recordShares(state, burn.poolId(), burn.underwriter(), new ShareHistory.ShareChange(incidentCase.incident().occurredAt(),
                    -burn.shares(), ShareHistory.Cause.LOSS));
        }
        state.pools.put(pool.id(), pool.withCapital(pool.capital().plus(fromHeld)).settled(settled.recovery(), settled.paid(),
                Money.ofUnits(pool.asset(), activeReleased), burned, pendingBurned));
    }

    /** Burns shares from a position; shares waiting to withdraw go last, shrinking the newest requests first. Returns the pending shares burned. */
    private static long burnShares(State state, Event.SharesAtReport burn) {
        String key = Position.key(burn.poolId(), burn.underwriter());
        Position position = state.positions.get(key);
        long shares = Math.subtractExact(position.shares(), burn.shares());
        long pendingBurned = Math.max(0, position.sharesPendingWithdrawal() - shares);
        if (shares == 0) {
            state.positions.remove(key);
        } else {
            state.positions.put(key, new Position(burn.poolId(), burn.underwriter(), shares, position.sharesPendingWithdrawal() - pendingBurned));
        }
        long left = pendingBurned;
        var requests = new ArrayList<>(state.withdrawals.descendingMap().values());
        for (WithdrawalRequest request : requests) {
            if (left == 0) {
                break;
            }
            if (!request.poolId().equals(burn.poolId()) || !request.underwriter().equals(burn.underwriter())) {
                continue;
            }
            long cut = Math.min(left, request.shares());
            left -= cut;
            if (cut == request.shares()) {
                state.withdrawals.remove(request.id());
            } else {
                state.withdrawals.put(request.id(), new WithdrawalRequest(request.id(), request.poolId(), request.underwriter(),
                        request.shares() - cut, request.requestedAt(), request.availableAt()));
            }
        }
        return pendingBurned;
    }
}
