package io.auditcover.engine;

import io.auditcover.cover.Cover;
import io.auditcover.engine.Event.AuditRegistered;
import io.auditcover.engine.Event.CapitalDeposited;
import io.auditcover.engine.Event.CapitalWithdrawn;
import io.auditcover.engine.Event.ChainObserved;
import io.auditcover.engine.Event.CodeChangePolicySet;
import io.auditcover.engine.Event.ContractRegistered;
import io.auditcover.engine.Event.CoverBought;
import io.auditcover.engine.Event.PoolCreated;
import io.auditcover.engine.Event.ProtocolListed;
import io.auditcover.engine.Event.MarketSet;
import io.auditcover.engine.Event.PricingParametersSet;
import io.auditcover.engine.Event.ProtocolRegistered;
import io.auditcover.engine.Event.RiskProfileRegistered;
import io.auditcover.engine.Event.TimeAdvanced;
import io.auditcover.engine.Event.WithdrawalRequested;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EligibilityHistory;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Position;
import io.auditcover.pool.ShareHistory;
import java.time.Instant;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.MarketState;
import java.util.TreeMap;

/**
 * apply(state, event): the only code that changes {@link State}. Deterministic, no clock, no I/O. Every
 * money movement goes through the ledger, whose postings check themselves; an event that does not fit
 * the state is a programmer error and stops the engine.
 */
public final class Applier {
    private Applier() {
    }

    public static void apply(State state, Event event) {
        switch (event) {
            case ProtocolRegistered e -> state.protocols.put(e.protocol().id(), e.protocol());
            case ContractRegistered e -> {
                state.contracts.put(e.contract().key(), e.contract());
                State.index(state.contractKeysByProtocol, e.contract().protocolId(), e.contract().key());
            }
            case AuditRegistered e -> {
                state.audits.put(e.audit().id(), e.audit());
                State.index(state.auditIdsByProtocol, e.audit().protocolId(), e.audit().id());
            }
            case PoolCreated e -> state.pools.put(e.poolId(), Pool.open(e.poolId(), e.asset(), e.rules()));
            case ProtocolListed e -> listed(state, e);
            case CapitalDeposited e -> deposited(state, e);
            case WithdrawalRequested e -> withdrawalRequested(state, e);
            case CapitalWithdrawn e -> withdrawn(state, e);
            case CoverBought e -> coverBought(state, e);
            case TimeAdvanced e -> timeAdvanced(state, e);
            case ChainObserved e -> chainObserved(state, e);
            case CodeChangePolicySet e -> state.codeChangePolicies.put(Listing.key(e.poolId(), e.protocolId()), e.policy());
            case RiskProfileRegistered e -> state.riskProfiles.put(e.profile().protocolId(), e.profile());
            case MarketSet e -> marketSet(state, e);
            case PricingParametersSet e -> state.pricing = e.parameters();
            case Event.ClaimTermsSet e -> state.listingClaimTerms.put(Listing.key(e.poolId(), e.protocolId()), e.terms());
            case Event.AttestationConfigured e -> state.attestationRules = e.rules();
            case Event.IncidentReported e -> state.incidents.put(e.incident().id(), IncidentCase.reported(e));
            case Event.IncidentAttested e -> ClaimApplier.attested(state, e);
            case Event.ReinsuranceSet e -> ClaimApplier.reinsuranceSet(state, e);
            case Event.IncidentSettled e -> ClaimApplier.settled(state, e);
            case Event.ClaimFiled e -> ClaimApplier.filed(state, e);
            case Event.AssessorRegistered e -> state.assessors.put(e.assessor(), e);
            case Event.AssessmentConfigured e -> state.assessmentRules = e.rules();
            case Event.AssessmentChanged e -> state.assessments.put(e.claimId(), e.assessment());
            case Event.DeploymentIdentified e -> deploymentIdentified(state, e);
        }
    }

    private static void listed(State state, ProtocolListed event) {
        String key = Listing.key(event.poolId(), event.protocolId());
        Listing existing = state.listings.get(key);
        Money active = existing != null ? existing.activeCover() : Money.zero(pool(state, event.poolId()).asset());
        state.listings.put(key, new Listing(event.poolId(), event.protocolId(), event.annualRateBps(), active));
    }

    private static void deposited(State state, CapitalDeposited event) {
        recordShares(state, event.poolId(), event.underwriter(), new ShareHistory.ShareChange(event.at(), event.sharesMinted(),
                ShareHistory.Cause.DEPOSIT));
        Pool pool = pool(state, event.poolId());
        state.ledger.post(Account.external(pool.asset()), Account.poolCapital(pool.id(), pool.asset()), event.amount(),
                "deposit by " + event.underwriter());
        state.pools.put(pool.id(), pool.deposited(event.amount(), event.sharesMinted()));
        String key = Position.key(pool.id(), event.underwriter());
        Position position = state.positions.getOrDefault(key, new Position(pool.id(), event.underwriter(), 0, 0));
        state.positions.put(key, new Position(pool.id(), event.underwriter(),
                Math.addExact(position.shares(), event.sharesMinted()), position.sharesPendingWithdrawal()));
    }

    private static void withdrawalRequested(State state, WithdrawalRequested event) {
        var request = event.request();
        requireNext(state.lastWithdrawalId, request.id(), "withdrawal request");
        state.lastWithdrawalId = request.id();
        state.withdrawals.put(request.id(), request);
        state.pools.put(request.poolId(), pool(state, request.poolId()).withdrawalRequested(request.shares()));
        String key = Position.key(request.poolId(), request.underwriter());
        Position position = state.positions.get(key);
        state.positions.put(key, new Position(request.poolId(), request.underwriter(), position.shares(),
                Math.addExact(position.sharesPendingWithdrawal(), request.shares())));
    }

    /** Takes the amount out of capital into the held-back account (straight out for logs from before the hold). */
    private static void withdrawn(State state, CapitalWithdrawn event) {
        Pool pool = pool(state, event.poolId());
        boolean held = event.releaseAt() != null;
        if (event.amount().isPositive()) {
            state.ledger.post(Account.poolCapital(pool.id(), pool.asset()), held ? Account.poolWithdrawalsHeld(pool.id(), pool.asset())
                    : Account.external(pool.asset()), event.amount(), "withdrawal " + event.requestId() + " by " + event.underwriter());
        }
        Instant at = event.at() != null ? event.at() : state.time;
        if (held) {
            state.heldWithdrawals.put(event.requestId(), new HeldWithdrawal(event.requestId(), pool.id(), event.underwriter(), event.shares(),
                    event.amount(), at, event.releaseAt()));
        }
        recordShares(state, pool.id(), event.underwriter(), new ShareHistory.ShareChange(at, -event.shares(), ShareHistory.Cause.WITHDRAWAL));
        state.pools.put(pool.id(), pool.withdrawn(event.shares(), event.amount()));
        state.withdrawals.remove(event.requestId());
        String key = Position.key(pool.id(), event.underwriter());
        Position position = state.positions.get(key);
        var after = new Position(pool.id(), event.underwriter(), Math.subtractExact(position.shares(), event.shares()),
                Math.subtractExact(position.sharesPendingWithdrawal(), event.shares()));
        if (after.shares() == 0) {
            state.positions.remove(key);
        } else {
            state.positions.put(key, after);
        }
    }

    private static void coverBought(State state, CoverBought event) {
        Cover cover = event.cover();
        requireNext(state.lastCoverId, cover.id(), "cover");
        state.lastCoverId = cover.id();
        Pool pool = pool(state, cover.poolId());
        if (cover.premium().isPositive()) {
            state.ledger.post(Account.external(pool.asset()), Account.poolUnearnedPremium(pool.id(), pool.asset()),
                    cover.premium(), "premium for cover " + cover.id());
        }
        state.pools.put(pool.id(), pool.coverSold(cover.amount(), cover.premium()));
        String key = Listing.key(cover.poolId(), cover.protocolId());
        Listing listing = state.listings.get(key);
        state.listings.put(key, listing.withActiveCover(listing.activeCover().plus(cover.amount())));
        state.covers.put(cover.id(), cover);
        State.index(state.coverIdsByProtocol, cover.protocolId(), cover.id());
        state.activeCoverIds.add(cover.id());
        if (event.claimTerms() != null) {
            state.coverClaimTerms.put(cover.id(), event.claimTerms());
        }
        MarketState market = Quotes.market(state, listing);
        if (market.parameters().mode() == MarketParameters.Mode.MARKET) {
            state.markets.put(key, market.bumped(event.quote().bumpedPriceAfterBps(), cover.start()));
        }
    }

    private static void marketSet(State state, MarketSet event) {
        String key = Listing.key(event.poolId(), event.protocolId());
        Listing listing = state.listings.get(key);
        if (listing == null) {
            throw new IllegalStateException("market set on unlisted " + key);
        }
        state.markets.put(key, Quotes.market(state, listing).withParameters(event.parameters()));
    }

    /** Recomputes each cover's earned premium and checks the pool totals against the event's decided figures. */
    private static void timeAdvanced(State state, TimeAdvanced event) {
        var earnedByPool = new TreeMap<String, Money>();
        for (long coverId : state.activeCoverIds) {
            Cover cover = state.covers.get(coverId);
            Money earnedNow = cover.earnedBy(event.to());
            Money delta = earnedNow.minus(cover.earned());
            if (delta.isPositive()) {
                earnedByPool.merge(cover.poolId(), delta, Money::plus);
                state.covers.put(coverId, cover.withEarned(earnedNow));
            }
        }
        var decided = new TreeMap<String, Money>();
        event.earnings().forEach(earning -> decided.put(earning.poolId(), earning.amount()));
        if (!decided.equals(earnedByPool)) {
            throw new IllegalStateException("premium earned " + earnedByPool + " differs from the decided " + decided);
        }
        decided.forEach((poolId, amount) -> {
            Pool pool = pool(state, poolId);
            state.ledger.post(Account.poolUnearnedPremium(poolId, pool.asset()), Account.poolCapital(poolId, pool.asset()),
                    amount, "premium earned to " + event.to());
            state.pools.put(poolId, pool.premiumEarned(amount));
        });
        for (long coverId : event.expiredCoverIds()) {
            expire(state, coverId);
        }
        for (long requestId : event.releasedWithdrawalIds()) {
            release(state, requestId);
        }
        state.time = event.to();
    }

    /** A held withdrawal's window passed with no incident to bear: what is left of it goes to its underwriter. */
    private static void release(State state, long requestId) {
        HeldWithdrawal held = state.heldWithdrawals.remove(requestId);
        if (held == null) {
            throw new IllegalStateException("withdrawal " + requestId + " is not held and cannot be released");
        }
        if (held.amount().isPositive()) {
            state.ledger.post(Account.poolWithdrawalsHeld(held.poolId(), held.amount().asset()), Account.external(held.amount().asset()),
                    held.amount(), "withdrawal " + requestId + " released to " + held.underwriter());
        }
    }

    static void recordShares(State state, String poolId, String underwriter, ShareHistory.ShareChange change) {
        String key = Position.key(poolId, underwriter);
        state.shareHistories.put(key, state.shareHistories.getOrDefault(key, ShareHistory.empty(poolId, underwriter)).with(change));
    }

    private static void expire(State state, long coverId) {
        Cover cover = state.covers.get(coverId);
        if (!state.activeCoverIds.remove(coverId)) {
            throw new IllegalStateException("cover " + coverId + " is not active and cannot expire");
        }
        state.covers.put(coverId, cover.expired());
        Pool pool = pool(state, cover.poolId());
        state.pools.put(pool.id(), pool.coverReleased(cover.remaining()));
        String key = Listing.key(cover.poolId(), cover.protocolId());
        Listing listing = state.listings.get(key);
        state.listings.put(key, listing.withActiveCover(listing.activeCover().minus(cover.remaining())));
    }

    /** Opens the decided eligibility periods, keeps each contract's code and implementation current, marks exposed covers, moves the cursor. */
    private static void chainObserved(State state, ChainObserved event) {
        ChainCursor cursor = state.chainCursors.get(event.chainId());
        if (cursor != null && event.block() <= cursor.block()) {
            throw new IllegalStateException("chain " + event.chainId() + " observed at " + event.block() + " after " + cursor.block());
        }
        for (Event.EligibilityChange change : event.changes()) {
            var contract = state.contracts.get(change.contractKey());
            if (contract == null) {
                throw new IllegalStateException("eligibility change names unknown contract " + change.contractKey());
            }
            var history = state.eligibility.get(change.contractKey());
            state.eligibility.put(change.contractKey(), history == null
                    ? EligibilityHistory.start(change.contractKey(), change.period())
                    : history.with(change.period()));
            var period = change.period();
            state.contracts.put(contract.key(), new DeployedContract(contract.protocolId(), contract.chainId(),
                    contract.address(), period.codeHash(), period.implementation()));
        }
        for (long coverId : event.exposedCoverIds()) {
            if (state.exposedCovers.putIfAbsent(coverId, event.block()) != null || !state.covers.containsKey(coverId)) {
                throw new IllegalStateException("cover " + coverId + " is unknown or already exposed");
            }
        }
        state.chainCursors.put(event.chainId(), new ChainCursor(event.chainId(), event.block(), event.blockHash()));
    }

    private static void deploymentIdentified(State state, Event.DeploymentIdentified event) {
        if (state.deploymentId != null) {
            throw new IllegalStateException("deployment " + state.deploymentId + " cannot be identified again as " + event.deploymentId());
        }
        state.deploymentId = event.deploymentId();
    }

    private static Pool pool(State state, String poolId) {
        Pool pool = state.pools.get(poolId);
        if (pool == null) {
            throw new IllegalStateException("event names unknown pool " + poolId);
        }
        return pool;
    }

    private static void requireNext(long last, long id, String what) {
        if (id != last + 1) {
            throw new IllegalStateException(what + " id " + id + " does not follow " + last);
        }
    }
}
