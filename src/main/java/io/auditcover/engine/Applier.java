package io.auditcover.engine;

import io.auditcover.evidence.EligibilityChange;
import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.PoolSettled;
import io.auditcover.claims.DepositSettled;
import io.auditcover.claims.DepositorPaid;
import io.auditcover.claims.HeldLoss;
import io.auditcover.claims.ClaimRecovery;
import io.auditcover.claims.LatePayment;
import io.auditcover.claims.Recovery;
import io.auditcover.claims.ShortfallPayment;
import java.util.List;
import io.auditcover.claims.Assessor;
import io.auditcover.claims.DecidedClaim;
import io.auditcover.claims.IncidentCase;
import io.auditcover.claims.SharesAtReport;
import io.auditcover.claims.Slash;
import io.auditcover.cover.Cover;
import io.auditcover.engine.Event.AuditRegistered;
import io.auditcover.engine.Event.CapitalDeposited;
import io.auditcover.engine.Event.CapitalWithdrawn;
import io.auditcover.engine.Event.ChainObserved;
import io.auditcover.engine.Event.CodeChangePolicySet;
import io.auditcover.engine.Event.ContractRegistered;
import io.auditcover.engine.Event.CoverBought;
import io.auditcover.engine.Event.MarketSet;
import io.auditcover.engine.Event.PoolCreated;
import io.auditcover.engine.Event.PricingParametersSet;
import io.auditcover.engine.Event.ProtocolListed;
import io.auditcover.engine.Event.ProtocolRegistered;
import io.auditcover.engine.Event.RiskProfileRegistered;
import io.auditcover.engine.Event.TimeAdvanced;
import io.auditcover.engine.Event.WithdrawalRequested;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.PoolBook;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.MarketState;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.reinsurance.ReinsuranceTreaty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * apply(state, event): the only code that changes {@link State}. Each event is handed to the books it concerns, which apply
 * their own part; what moves money is posted to the ledger here, beside the book's change, so every posting sits next to the
 * event that caused it. Deterministic, no clock, no I/O; an event that does not fit the state is a programmer error and stops
 * the engine.
 */
public final class Applier {
    private Applier() {
    }

    public static void apply(State state, Event event) {
        switch (event) {
            case ProtocolRegistered e -> state.evidence.register(e.protocol());
            case ContractRegistered e -> state.evidence.register(e.contract());
            case AuditRegistered e -> state.evidence.register(e.audit());
            case PoolCreated e -> state.pools.create(e.poolId(), e.asset(), e.rules());
            case ProtocolListed e -> state.pools.list(e.poolId(), e.protocolId(), e.annualRateBps());
            case CapitalDeposited e -> deposited(state, e);
            case WithdrawalRequested e -> state.pools.requestWithdrawal(e.request());
            case CapitalWithdrawn e -> withdrawn(state, e);
            case CoverBought e -> coverBought(state, e);
            case TimeAdvanced e -> timeAdvanced(state, e);
            case ChainObserved e -> chainObserved(state, e);
            case CodeChangePolicySet e -> state.pools.setCodeChangePolicy(e.poolId(), e.protocolId(), e.policy());
            case RiskProfileRegistered e -> state.pricing.register(e.profile());
            case MarketSet e -> marketSet(state, e);
            case PricingParametersSet e -> state.pricing.setParameters(e.parameters());
            case Event.ClaimTermsSet e -> state.claims.setListingTerms(Listing.key(e.poolId(), e.protocolId()), e.terms());
            case Event.AttestationConfigured e -> state.claims.configureAttestation(e.rules());
            case Event.IncidentReported e -> state.claims.reported(IncidentCase.reported(e.incident(), e.rules(), e.reportedAt(),
                    e.sharesAtReport(), e.pools(), e.withdrawalsAtReport()));
            case Event.IncidentAttested e -> state.claims.attested(e.incidentId(), e.signer(), e.confirms(), e.at());
            case Event.ReinsuranceSet e -> state.claims.setReinsurance(e.poolId(), e.layer(), e.inception() != null ? e.inception() : state.time);
            case Event.IncidentSettled e -> settled(state, e);
            case Event.ClaimFiled e -> filed(state, e);
            case Event.AssessorRegistered e -> state.claims.register(new Assessor(e.assessor(), e.weight(), e.tier()));
            case Event.AssessmentConfigured e -> state.claims.configureAssessment(e.rules());
            case Event.AssessmentChanged e -> state.claims.assessed(e.claimId(), e.assessment());
            case Event.ReimbursementDeclared e -> reimbursementDeclared(state, e);
            case Event.RecoveryRecorded e -> recovered(state, e);
            case Event.PoolReopened e -> state.claims.reopened(e.poolId(), e.incidentIds());
            case Event.ScopeChecked e -> state.evidence.scopeChecked(e.check());
            case Event.ClaimsReferred e -> referred(state, e);
            case Event.ListingAssessorsSet e -> state.claims.setListingAssessors(e.assessors());
            case Event.AssessorRemoved e -> state.claims.removeAssessor(e.assessor(), e.claimIds());
            case Event.ClaimAppealed e -> appealed(state, e);
            case Event.AssessorStaked e -> staked(state, e);
            case Event.AssessorSlashed e -> slashed(state, e);
            case Event.SlashReversed e -> slashEnded(state, e.slashId(), Slash.Status.REVERSED);
            case Event.StakeWithdrawalRequested e -> state.claims.stakeWithdrawalRequested(e.withdrawal());
            case Event.StakeWithdrawn e -> stakeWithdrawn(state, e);
            case Event.DeploymentIdentified e -> deploymentIdentified(state, e);
            case Event.SolvencyPolicySet e -> state.solvency.setPolicy(e.poolId(), e.policy(), soldAfter(state,
                    state.solvency.assessment() == null ? 0 : state.solvency.assessment().coverIdThrough()));
            case Event.DependenciesRecorded e -> state.solvency.recordDependencies(e.protocolId(), e.groups());
            case Event.SolvencyAssessed e -> state.solvency.assessed(e.assessment(),
                    soldAfter(state, e.assessment().coverIdThrough()));
        }
    }

    /** The active covers sold after the run's last: the new run has not seen them, so the gate charges them at its factors. */
    private static java.util.List<Cover> soldAfter(State state, long coverIdThrough) {
        return state.covers.activeCoverIds().tailSet(coverIdThrough, false).stream().map(state.covers::cover).toList();
    }

    private static void deposited(State state, CapitalDeposited event) {
        Pool pool = pool(state, event.poolId());
        state.ledger.post(Account.external(pool.asset()), Account.poolCapital(pool.id(), pool.asset()), event.amount(),
                "deposit by " + event.underwriter());
        state.pools.deposit(pool.id(), event.underwriter(), event.amount(), event.sharesMinted(), event.at());
        paidLate(state, event.shortfallPayments(), LatePayment.Source.DEPOSIT, null, event.at());
    }

    /**
     * Pays claims' unpaid parts from capital their pools just gained: out of capital to the outside world, onto each claim and
     * cover, and off the active cover of a cover still active.
     */
    private static void paidLate(State state, List<ShortfallPayment> payments, LatePayment.Source source, Long recoveryId, Instant at) {
        if (payments == null) {
            return;
        }
        for (ShortfallPayment payment : payments) {
            DecidedClaim claim = state.claims.decidedClaims().get(payment.claimId());
            if (claim == null) {
                throw new IllegalStateException("late payment names claim " + payment.claimId() + ", never decided");
            }
            Cover cover = state.covers.cover(claim.coverId());
            Pool pool = pool(state, claim.poolId());
            state.ledger.post(Account.poolCapital(pool.id(), pool.asset()), Account.external(pool.asset()), payment.amount(),
                    "unpaid part of claim " + claim.claimId() + " paid from " + source.wire());
            state.claims.paidLate(claim.claimId(), new LatePayment(payment.amount(), at, source, recoveryId));
            boolean active = state.covers.isActive(cover.id());
            state.covers.paid(cover.id(), payment.amount());
            state.pools.paidLate(pool.id(), cover.protocolId(), payment.amount(), active);
        }
    }

    /**
     * Premium earned by a pool that owes leaves its capital for the account set aside for its unpaid claims; on a paying tick
     * all that was set aside comes back to capital first, for the tick's payments to take.
     */
    private static void setAsideForUnpaidClaims(State state, TimeAdvanced event) {
        if (event.setAside() != null) {
            for (var part : event.setAside()) {
                Pool pool = pool(state, part.poolId());
                state.ledger.post(Account.poolCapital(pool.id(), pool.asset()), Account.poolSetAsideForUnpaidClaims(pool.id(), pool.asset()),
                        part.amount(), "premium set aside for unpaid claims");
                state.pools.capitalSpent(pool.id(), part.amount());
            }
        }
        if (io.auditcover.claims.Shortfalls.paysOn(state.time, event.to())) {
            for (Pool pool : state.pools.pools().values()) {
                Account reserve = Account.poolSetAsideForUnpaidClaims(pool.id(), pool.asset());
                Money reserved = state.ledger.balance(reserve);
                if (reserved.isPositive()) {
                    state.ledger.post(reserve, Account.poolCapital(pool.id(), pool.asset()), reserved, "premium set aside returns to pay unpaid claims");
                    state.pools.capitalAdded(pool.id(), reserved);
                }
            }
        }
    }

    /**
     * Recovered funds in: each holder's deductible part to its wallet account, each pool's part into its capital (checked
     * against the claims' parts), then what those parts pay of the pools' unpaid claims, then the shares the rest buys for
     * those who bore the loss.
     */
    private static void recovered(State state, Event.RecoveryRecorded event) {
        Recovery recovery = event.recovery();
        Money zero = Money.zero(recovery.amount().asset());
        Money toHolders = zero;
        var toPools = new TreeMap<String, Money>();
        for (ClaimRecovery part : event.claims()) {
            DecidedClaim claim = state.claims.decidedClaims().get(part.claimId());
            if (claim == null) {
                throw new IllegalStateException("recovery " + recovery.id() + " names claim " + part.claimId() + ", never decided");
            }
            if (part.toHolder().isPositive()) {
                String holder = state.covers.cover(claim.coverId()).holder();
                state.ledger.post(Account.external(zero.asset()), Account.holderWallet(holder, zero.asset()), part.toHolder(),
                        "recovery " + recovery.id() + " for incident " + recovery.incidentId() + ": deductible of claim " + claim.claimId());
                toHolders = toHolders.plus(part.toHolder());
            }
            if (part.toPool().isPositive()) {
                toPools.merge(claim.poolId(), part.toPool(), Money::plus);
            }
        }
        var decided = new TreeMap<String, Money>();
        recovery.pools().forEach(part -> decided.put(part.poolId(), part.amount()));
        if (!toHolders.equals(recovery.toHolders()) || !toPools.equals(decided)) {
            throw new IllegalStateException("recovery " + recovery.id() + " parts " + toPools + " and " + toHolders
                    + " to holders differ from its claims' parts");
        }
        for (Recovery.PoolRecovery part : recovery.pools()) {
            Pool pool = pool(state, part.poolId());
            state.ledger.post(Account.external(pool.asset()), Account.poolCapital(pool.id(), pool.asset()), part.amount(),
                    "recovery " + recovery.id() + " for incident " + recovery.incidentId());
            state.pools.capitalAdded(pool.id(), part.amount());
        }
        state.claims.recovered(recovery, event.claims());
        paidLate(state, event.shortfallPayments(), LatePayment.Source.RECOVERY, recovery.id(), recovery.recordedAt());
        for (var restored : event.restoredShares()) {
            state.pools.sharesRestored(restored.poolId(), restored.underwriter(), restored.shares(), recovery.recordedAt());
        }
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
        state.pools.withdraw(pool.id(), event.requestId(), event.underwriter(), event.shares(), event.amount(), at, event.releaseAt());
    }

    private static void coverBought(State state, CoverBought event) {
        Cover cover = event.cover();
        Pool pool = pool(state, cover.poolId());
        state.covers.sell(cover);
        state.solvency.coverSold(cover.poolId(), cover.protocolId(), cover.amount().units());
        if (cover.premium().isPositive()) {
            state.ledger.post(Account.external(pool.asset()), Account.poolUnearnedPremium(pool.id(), pool.asset()),
                    cover.premium(), "premium for cover " + cover.id());
        }
        Listing listing = state.pools.listing(cover.poolId(), cover.protocolId());
        state.pools.coverSold(pool.id(), cover.protocolId(), cover.amount(), cover.premium());
        if (event.claimTerms() != null) {
            state.claims.freezeTerms(cover.id(), event.claimTerms());
        }
        MarketState market = Quotes.market(state, listing);
        if (market.parameters().mode() == MarketParameters.Mode.MARKET) {
            state.pricing.setMarket(market.bumped(event.quote().bumpedPriceAfterBps(), cover.start()));
        }
    }

    private static void marketSet(State state, MarketSet event) {
        Listing listing = state.pools.listing(event.poolId(), event.protocolId());
        if (listing == null) {
            throw new IllegalStateException("market set on unlisted " + Listing.key(event.poolId(), event.protocolId()));
        }
        state.pricing.setMarket(Quotes.market(state, listing).withParameters(event.parameters()));
    }

    /** Recomputes each cover's earned premium and checks the pool totals against the event's decided figures. */
    private static void timeAdvanced(State state, TimeAdvanced event) {
        var earnedByPool = new TreeMap<String, Money>();
        for (long coverId : state.covers.activeCoverIds()) {
            Cover cover = state.covers.cover(coverId);
            Money earnedNow = cover.earnedBy(event.to());
            Money delta = earnedNow.minus(cover.earned());
            if (delta.isPositive()) {
                earnedByPool.merge(cover.poolId(), delta, Money::plus);
                state.covers.earned(coverId, earnedNow);
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
            state.pools.premiumEarned(poolId, amount);
        });
        setAsideForUnpaidClaims(state, event);
        paidLate(state, event.shortfallPayments(), LatePayment.Source.PREMIUM_EARNED, null, event.to());
        reinsurancePremiums(state, event);
        for (long coverId : event.expiredCoverIds()) {
            Cover cover = state.covers.expire(coverId);
            state.pools.coverReleased(cover.poolId(), cover.protocolId(), cover.remaining());
        }
        for (long slashId : event.forfeitedSlashIdsOrNone()) {
            slashEnded(state, slashId, Slash.Status.FORFEITED);
        }
        for (long requestId : event.releasedWithdrawalIds()) {
            HeldWithdrawal held = state.pools.release(requestId);
            if (held.amount().isPositive()) {
                state.ledger.post(Account.poolWithdrawalsHeld(held.poolId(), held.amount().asset()), Account.external(held.amount().asset()),
                        held.amount(), "withdrawal " + requestId + " released to " + held.underwriter());
            }
        }
        state.time = event.to();
    }

    /** Opens the decided eligibility periods, keeps each contract's code and implementation current, marks exposed covers, moves the cursor. */
    private static void chainObserved(State state, ChainObserved event) {
        var cursor = state.evidence.chainCursors().get(event.chainId());
        if (cursor != null && event.block() <= cursor.block()) {
            throw new IllegalStateException("chain " + event.chainId() + " observed at " + event.block() + " after " + cursor.block());
        }
        for (EligibilityChange change : event.changes()) {
            state.evidence.observed(change.contractKey(), change.period());
        }
        for (long coverId : event.exposedCoverIds()) {
            state.covers.exposed(coverId, event.block());
        }
        state.evidence.chainObservedTo(event.chainId(), event.block(), event.blockHash());
    }

    private static void reimbursementDeclared(State state, Event.ReimbursementDeclared event) {
        var reimbursement = event.reimbursement();
        if (state.covers.cover(reimbursement.coverId()) == null || state.claims.incident(reimbursement.incidentId()) == null) {
            throw new IllegalStateException("reimbursement names no cover or incident: " + reimbursement);
        }
        state.claims.reimbursed(reimbursement);
    }

    private static void filed(State state, Event.ClaimFiled event) {
        if (state.covers.cover(event.coverId()) == null) {
            throw new IllegalStateException("claim " + event.claimId() + " names no cover");
        }
        state.claims.filed(event.filing());
        if (event.assessment() != null) {
            state.ledger.post(Account.external(event.deposit().asset()), Account.claimDeposits(event.deposit().asset()), event.deposit(),
                    "claim deposit for claim " + event.claimId());
        }
    }

    /** Files each referred parametric claim with its open vote; no deposit moves, since its holder asked for nothing. */
    private static void referred(State state, Event.ClaimsReferred event) {
        for (var claim : event.claims()) {
            if (state.covers.cover(claim.coverId()) == null || claim.assessment() == null || claim.deposit() != null) {
                throw new IllegalStateException("referred claim " + claim.claimId() + " names no cover, has no vote or carries a deposit");
            }
            state.claims.filed(claim);
        }
    }

    /** The bond waits for the appeal's outcome with the claim deposits, and is settled with them. */
    private static void appealed(State state, Event.ClaimAppealed event) {
        var appeal = event.appeal();
        if (state.claims.filedClaims().get(appeal.claimId()) == null || event.assessment().claimId() != appeal.claimId()) {
            throw new IllegalStateException("appeal names no filed claim: " + appeal);
        }
        state.claims.appealed(appeal);
        state.claims.assessed(appeal.claimId(), event.assessment());
        state.ledger.post(Account.external(appeal.bond().asset()), Account.claimDeposits(appeal.bond().asset()), appeal.bond(),
                "appeal bond for claim " + appeal.claimId() + " (round " + appeal.round() + ")");
    }

    private static void staked(State state, Event.AssessorStaked event) {
        state.claims.staked(event.assessor(), event.amount());
        state.ledger.post(Account.external(event.amount().asset()), Account.assessorStakes(event.amount().asset()), event.amount(), "stake of assessor " + event.assessor());
    }

    /** Out of the stakes to the assessor's own wallet account. */
    private static void stakeWithdrawn(State state, Event.StakeWithdrawn event) {
        state.claims.stakeWithdrawn(event.assessor(), event.amount());
        state.ledger.post(Account.assessorStakes(event.amount().asset()), Account.wallet(event.assessor(), event.amount().asset()), event.amount(),
                "stake withdrawn by assessor " + event.assessor());
    }

    private static void slashed(State state, Event.AssessorSlashed event) {
        Slash slash = event.slash();
        state.claims.slashed(slash);
        state.ledger.post(Account.assessorStakes(slash.amount().asset()), Account.assessorSlashesHeld(slash.amount().asset()), slash.amount(), "slash " + slash.slashId() + " of assessor "
                + slash.assessor() + " for claim " + slash.claimId());
    }

    /** Back to the stake, or (its cooldown over) to the capital of the pool the claim was on. */
    private static void slashEnded(State state, long slashId, Slash.Status status) {
        Slash slash = state.claims.slashEnded(slashId, status);
        if (status == Slash.Status.REVERSED) {
            state.ledger.post(Account.assessorSlashesHeld(slash.amount().asset()), Account.assessorStakes(slash.amount().asset()), slash.amount(), "slash " + slashId + " reversed");
            return;
        }
        Pool pool = pool(state, slash.poolId());
        state.ledger.post(Account.assessorSlashesHeld(slash.amount().asset()), Account.poolCapital(pool.id(), pool.asset()), slash.amount(),
                "slash " + slashId + " of assessor " + slash.assessor() + " forfeited");
        state.pools.capitalAdded(pool.id(), slash.amount());
    }




    /** Records every decided claim, pays covers, posts each pool's recovery and payout, burns the shares that bore the loss. */
    private static void settled(State state, Event.IncidentSettled event) {
        IncidentCase incidentCase = state.claims.incident(event.incidentId());
        state.claims.settled(event.incidentId(), event.settledPools(), event.settledAt(), event.complete());
        var activeReleasedByPool = new TreeMap<String, Long>();
        var activeReleasedByListing = new TreeMap<String, Long>();
        for (ClaimDecided claim : event.claims()) {
            claimSettled(state, event, claim, activeReleasedByPool, activeReleasedByListing);
        }
        // Once per listing rather than once per claim: a mass exploit pays thousands of covers of the same listing.
        activeReleasedByListing.forEach((key, units) -> {
            Listing listing = state.pools.listings().get(key);
            state.pools.listingPaid(listing.poolId(), listing.protocolId(), units);
        });
        var toWallets = new TreeMap<String, List<DepositorPaid>>();
        for (DepositorPaid paid : event.depositorsPaid() == null ? List.<DepositorPaid>of() : event.depositorsPaid()) {
            toWallets.computeIfAbsent(paid.poolId(), id -> new ArrayList<>()).add(paid);
        }
        for (PoolSettled settled : event.pools()) {
            poolSettled(state, incidentCase, settled, activeReleasedByPool.getOrDefault(settled.poolId(), 0L),
                    toWallets.getOrDefault(settled.poolId(), List.of()));
        }
        for (DepositSettled deposit : event.deposits()) {
            Pool pool = pool(state, deposit.poolId());
            if (deposit.toPool()) {
                state.ledger.post(Account.claimDeposits(deposit.amount().asset()), Account.poolCapital(pool.id(), pool.asset()), deposit.amount(),
                        "deposit of denied claim " + deposit.claimId());
                state.pools.capitalAdded(pool.id(), deposit.amount());
            } else {
                state.ledger.post(Account.claimDeposits(deposit.amount().asset()), Account.external(pool.asset()), deposit.amount(),
                        "deposit returned for claim " + deposit.claimId());
            }
        }
    }

    /**
     * Records one decided claim and pays its cover; what it releases of active cover is added up per pool and listing. Apart
     * from the loop so that the JIT compiles it early: the first settlement of a mass exploit is on a cold path.
     */
    private static void claimSettled(State state, Event.IncidentSettled event, ClaimDecided claim, Map<String, Long> activeReleasedByPool,
            Map<String, Long> activeReleasedByListing) {
        Cover cover = state.covers.cover(claim.coverId());
        Money paid = Money.ofUnits(cover.amount().asset(), claim.paidUnits());
        state.claims.decided(new DecidedClaim(claim.claimId(), cover.id(), event.incidentId(), cover.poolId(), claim.reasonCode(),
                Money.ofUnits(paid.asset(), claim.approvedUnits()), paid, Money.ofUnits(paid.asset(), claim.remainingUnits()),
                event.settledAt()));
        if (!paid.isPositive()) {
            return;
        }
        state.covers.paid(cover.id(), paid);
        if (state.covers.isActive(cover.id())) {
            activeReleasedByPool.merge(cover.poolId(), paid.units(), Math::addExact);
            activeReleasedByListing.merge(Listing.key(cover.poolId(), cover.protocolId()), paid.units(), Math::addExact);
        }
    }

    /**
     * Recovery in, payout out (to each depositor's wallet account for a protocol-bought cover, the rest in one posting), held
     * withdrawals' shares back into capital, then the burn, dated when the incident occurred.
     */
    private static void poolSettled(State state, IncidentCase incidentCase, PoolSettled settled, long activeReleased,
            List<DepositorPaid> toWallets) {
        String incidentId = incidentCase.incident().id();
        Pool pool = pool(state, settled.poolId());
        Account capital = Account.poolCapital(pool.id(), pool.asset());
        Money fromHeld = Money.zero(pool.asset());
        for (HeldLoss loss : settled.heldLosses()) {
            state.pools.heldWithdrawalBears(loss.requestId(), pool.id(), loss.amount());
            if (loss.amount().isPositive()) {
                state.ledger.post(Account.poolWithdrawalsHeld(pool.id(), pool.asset()), capital, loss.amount(),
                        "withdrawal " + loss.requestId() + " bears incident " + incidentId);
                fromHeld = fromHeld.plus(loss.amount());
            }
        }
        if (settled.recovery().isPositive()) {
            state.ledger.post(Account.external(pool.asset()), capital, settled.recovery(), "reinsurance recovery for incident " + incidentId);
        }
        Money paidOut = settled.paid();
        for (DepositorPaid paid : toWallets) {
            state.ledger.post(capital, Account.wallet(paid.wallet(), pool.asset()), paid.amount(), "claim " + paid.claimId()
                    + " paid to depositor " + paid.wallet() + " for incident " + incidentId);
            paidOut = paidOut.minus(paid.amount());
        }
        if (paidOut.isNegative()) {
            throw new IllegalStateException("pool " + pool.id() + " paid depositors more than its claims were paid on incident " + incidentId);
        }
        if (paidOut.isPositive()) {
            state.ledger.post(capital, Account.external(pool.asset()), paidOut, "claims paid for incident " + incidentId);
        }
        var burns = settled.sharesBurned().stream().map(Applier::burn).toList();
        state.pools.settled(pool.id(), fromHeld, settled.recovery(), settled.paid(), activeReleased, burns,
                incidentCase.incident().occurredAt());
        ReinsuranceTreaty treaty = state.claims.treaties().get(pool.id());
        if (treaty != null) {
            long reinstatementPremium = settled.reinstatementPremium() == null ? 0 : settled.reinstatementPremium().units();
            state.claims.setTreaty(treaty.recovered(treaty.yearOf(incidentCase.incident().occurredAt()), settled.recovery().units(),
                    reinstatementPremium));
        } else if (settled.reinstatementPremium() != null) {
            throw new IllegalStateException("pool " + pool.id() + " has no treaty to charge a reinstatement premium for incident " + incidentId);
        }
    }

    /**
     * Each treaty's premium earned to {@code to}, recomputed and checked against the event's; then what the pool paid its
     * reinsurer of what it owes, from capital to the reinsurer's account.
     */
    private static void reinsurancePremiums(State state, TimeAdvanced event) {
        var decided = new TreeMap<String, Event.ReinsurancePremium>();
        event.reinsurancePremiumsOrNone().forEach(premium -> decided.put(premium.poolId(), premium));
        for (ReinsuranceTreaty treaty : List.copyOf(state.claims.treaties().values())) {
            ExcessOfLoss layer = state.claims.reinsurance().get(treaty.poolId());
            long earned = treaty.annualEarnedBy(layer, event.to()) - treaty.annualEarnedUnits();
            Event.ReinsurancePremium premium = decided.remove(treaty.poolId());
            long earnedDecided = premium == null ? 0 : premium.earned().units();
            long paid = premium == null ? 0 : premium.paid().units();
            if (earned != earnedDecided || paid > treaty.owedUnits() + earned) {
                throw new IllegalStateException("pool " + treaty.poolId() + "'s reinsurance earned " + earned + " and owes "
                        + (treaty.owedUnits() + earned) + ", but the event says earned " + earnedDecided + ", paid " + paid);
            }
            if (paid > 0) {
                Pool pool = pool(state, treaty.poolId());
                state.ledger.post(Account.poolCapital(pool.id(), pool.asset()), Account.reinsurer(layer.reinsurerName(), pool.asset()),
                        premium.paid(), "reinsurance premium to " + event.to());
                state.pools.capitalSpent(pool.id(), premium.paid());
            }
            if (earned > 0 || paid > 0) {
                state.claims.setTreaty(treaty.earned(earned, paid));
            }
        }
        if (!decided.isEmpty()) {
            throw new IllegalStateException("reinsurance premium for pools without a treaty: " + decided.keySet());
        }
    }

    private static PoolBook.ShareBurn burn(SharesAtReport shares) {
        return new PoolBook.ShareBurn(shares.underwriter(), shares.shares());
    }

    private static void deploymentIdentified(State state, Event.DeploymentIdentified event) {
        if (state.deploymentId != null) {
            throw new IllegalStateException("deployment " + state.deploymentId + " cannot be identified again as " + event.deploymentId());
        }
        state.deploymentId = event.deploymentId();
    }

    private static Pool pool(State state, String poolId) {
        Pool pool = state.pools.pool(poolId);
        if (pool == null) {
            throw new IllegalStateException("event names unknown pool " + poolId);
        }
        return pool;
    }
}
