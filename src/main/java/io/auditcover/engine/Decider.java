package io.auditcover.engine;

import io.auditcover.solvency.SolvencyGate;
import io.auditcover.solvency.SolvencyRecords;
import io.auditcover.pricing.Quoting;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import io.auditcover.reason.Verdict;
import io.auditcover.reason.Refusal;
import io.auditcover.pool.Listings;
import io.auditcover.pool.Capital;
import io.auditcover.evidence.EvidenceBook;
import io.auditcover.evidence.ChainObservations;
import io.auditcover.cover.InsurableInterest;
import io.auditcover.claims.Incidents;
import io.auditcover.cover.Cover;
import io.auditcover.cover.CoverStatus;
import io.auditcover.cover.CoverTerms;
import io.auditcover.engine.Command.AdvanceTime;
import io.auditcover.engine.Command.BuyCover;
import io.auditcover.engine.Command.CreatePool;
import io.auditcover.engine.Command.Deposit;
import io.auditcover.engine.Command.ListProtocol;
import io.auditcover.engine.Command.ObserveChain;
import io.auditcover.engine.Command.RegisterAudit;
import io.auditcover.engine.Command.RegisterContract;
import io.auditcover.engine.Command.RegisterProtocol;
import io.auditcover.engine.Command.RegisterRiskProfile;
import io.auditcover.engine.Command.RequestWithdrawal;
import io.auditcover.engine.Command.SetCodeChangePolicy;
import io.auditcover.engine.Command.SetMarket;
import io.auditcover.engine.Command.SetPricingParameters;
import io.auditcover.engine.Command.Withdraw;
import io.auditcover.reason.Reason;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Money;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.Quote;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.reinsurance.ReinsuranceTreaty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * decide(state, command, now): pure. Reads the state, never changes it, reads no clock but {@code now}
 * (stamped by the writer). Each command's checks run in the order its method lists; a table test pins
 * the order.
 */
public final class Decider {
    private Decider() {
    }

    /** Decides with no signature recovery: every signature is refused. For what needs none (quotes); the engine passes its port. */
    public static Decision decide(State state, Command command, Instant now) {
        return decide(state, command, now, SignatureRecovery.NONE);
    }

    public static Decision decide(State state, Command command, Instant now, SignatureRecovery signatures) {
        return switch (command) {
            case RegisterProtocol c -> registerProtocol(state, c);
            case RegisterContract c -> registerContract(state, c);
            case RegisterAudit c -> registerAudit(state, c);
            case CreatePool c -> createPool(state, c);
            case ListProtocol c -> listProtocol(state, c);
            case Deposit c -> deposit(state, c, now);
            case RequestWithdrawal c -> requestWithdrawal(state, c);
            case Withdraw c -> withdraw(state, c, now);
            case BuyCover c -> buyCover(state, c, now, signatures);
            case AdvanceTime c -> advanceTime(state, now);
            case ObserveChain c -> observeChain(state, c);
            case SetCodeChangePolicy c -> setCodeChangePolicy(state, c);
            case RegisterRiskProfile c -> registerRiskProfile(state, c);
            case SetMarket c -> setMarket(state, c);
            case SetPricingParameters c -> setPricingParameters(state, c);
            case Command.SetClaimTerms c -> ClaimCommands.setClaimTerms(state, c);
            case Command.ConfigureAttestation c -> ClaimCommands.configureAttestation(c);
            case Command.ReportIncident c -> ClaimCommands.reportIncident(state, c, now);
            case Command.AttestIncident c -> ClaimCommands.attestation(state, c.incidentId(), c.signature(), true, now, signatures);
            case Command.DisputeIncident c -> ClaimCommands.attestation(state, c.incidentId(), c.signature(), false, now, signatures);
            case Command.SetReinsurance c -> ClaimCommands.setReinsurance(state, c);
            case Command.SetSolvencyPolicy c -> refusedOr(SolvencyRecords.refusalToSetPolicy(state.pools, c.poolId(), c.policy()),
                    () -> new Event.SolvencyPolicySet(c.poolId(), c.policy()));
            case Command.RecordDependencies c -> refusedOr(SolvencyRecords.refusalToRecordDependencies(state.evidence, c.protocolId(),
                    c.groups()), () -> new Event.DependenciesRecorded(c.protocolId(), c.groups()));
            case Command.RecordSolvencyAssessment c -> refusedOr(SolvencyRecords.refusalToRecord(state.pools, state.covers.lastCoverId(),
                    state.solvency, c.assessment()), () -> new Event.SolvencyAssessed(c.assessment()));
            case Command.SettleIncident c -> ClaimCommands.settleIncident(state, c, now);
            case Command.FileClaim c -> ClaimCommands.fileClaim(state, c, now);
            case Command.FileDepositorClaim c -> ClaimCommands.fileDepositorClaim(state, c, now);
            case Command.RegisterAssessor c -> ClaimCommands.registerAssessor(c);
            case Command.ConfigureAssessment c -> ClaimCommands.configureAssessment(c);
            case Command.CastVote c -> ClaimCommands.castVote(state, c, now);
            case Command.UndoVotes c -> ClaimCommands.undoVotes(state, c, now);
            case Command.EscalateClaim c -> ClaimCommands.escalate(state, c, now);
            case Command.IdentifyDeployment c -> identifyDeployment(state, c);
            case Command.DeclareReimbursement c -> ClaimCommands.declareReimbursement(state, c, now);
            case Command.RecordRecovery c -> ClaimCommands.recordRecovery(state, c, now);
            case Command.ReopenPool c -> ClaimCommands.reopenPool(state, c, now);
            case Command.RecordCodeObservation c -> Decision.of(io.auditcover.evidence.ScopeChecks.observed(state.evidence, c.chainId(),
                    c.block(), c.blockHash(), c.observation(), c.observer(), c.evidence(), now), Event.ScopeChecked::new);
            case Command.RecordScopeCheck c -> Decision.of(io.auditcover.evidence.ScopeChecks.judged(state.evidence, c.contractKey(),
                    c.block(), c.inScope(), c.auditId(), c.reason(), c.checkedBy(), c.evidence(), now), Event.ScopeChecked::new);
            case Command.SetListingAssessors c -> ClaimCommands.setListingAssessors(state, c);
            case Command.RemoveAssessor c -> ClaimCommands.removeAssessor(state, c, now);
            case Command.AppealClaim c -> ClaimCommands.appeal(state, c, now);
            case Command.StakeAssessor c -> ClaimCommands.stake(state, c);
            case Command.SlashAssessor c -> ClaimCommands.slash(state, c, now);
            case Command.ReverseSlash c -> ClaimCommands.reverseSlash(state, c, now);
            case Command.RequestStakeWithdrawal c -> ClaimCommands.requestStakeWithdrawal(state, c, now);
            case Command.WithdrawStake c -> ClaimCommands.withdrawStake(state, c, now);
        };
    }

    /** See {@link ChainObservations#refusalToRegister(EvidenceBook, io.auditcover.evidence.Protocol)}. */
    private static Decision registerProtocol(State state, RegisterProtocol command) {
        return refusedOr(ChainObservations.refusalToRegister(state.evidence, command.protocol()), () -> new Event.ProtocolRegistered(command.protocol()));
    }

    /** See {@link ChainObservations#refusalToRegister(EvidenceBook, io.auditcover.evidence.DeployedContract)}. */
    private static Decision registerContract(State state, RegisterContract command) {
        return refusedOr(ChainObservations.refusalToRegister(state.evidence, command.contract()),
                () -> new Event.ContractRegistered(command.contract()));
    }

    /** See {@link ChainObservations#refusalToRegister(EvidenceBook, io.auditcover.evidence.AuditReport)}. */
    private static Decision registerAudit(State state, RegisterAudit command) {
        return refusedOr(ChainObservations.refusalToRegister(state.evidence, command.audit()), () -> new Event.AuditRegistered(command.audit()));
    }

    /** See {@link Listings#refusalToCreate}. */
    private static Decision createPool(State state, CreatePool command) {
        return refusedOr(Listings.refusalToCreate(state.pools, command.poolId(), command.asset(), command.rules()),
                () -> new Event.PoolCreated(command.poolId(), command.asset(), command.rules()));
    }

    /** See {@link Listings#refusalToList}. */
    private static Decision listProtocol(State state, ListProtocol command) {
        return refusedOr(Listings.refusalToList(state.pools, state.evidence, command.poolId(), command.protocolId(), command.annualRateBps()),
                () -> new Event.ProtocolListed(command.poolId(), command.protocolId(), command.annualRateBps()));
    }

    /**
     * See {@link Capital#deposit}: a spent pool takes no deposit (pool_spent, {@link io.auditcover.claims.Shortfalls}); what a
     * reopened pool still owes is paid from the deposit first.
     */
    private static Decision deposit(State state, Deposit command, Instant now) {
        return Decision.of(Capital.deposit(state.pools, command.poolId(), command.underwriter(), command.amount(),
                poolId -> ClaimCommands.spent(state, poolId), poolId -> ClaimCommands.owed(state, poolId), now),
                deposited -> new Event.CapitalDeposited(deposited.poolId(), deposited.underwriter(), deposited.amount(),
                        deposited.sharesMinted(), deposited.at(), io.auditcover.claims.Shortfalls.pay(state.claims, deposited.poolId(),
                                deposited.amount())));
    }

    /** See {@link Capital#request}. */
    private static Decision requestWithdrawal(State state, RequestWithdrawal command) {
        return Decision.of(Capital.request(state.pools, command.poolId(), command.underwriter(), command.shares(), state.time),
                Event.WithdrawalRequested::new);
    }

    /** See {@link Capital#withdraw}: an incident the pool bears holds it ({@link Incidents#withdrawalHeld}). */
    private static Decision withdraw(State state, Withdraw command, Instant now) {
        return Decision.of(Capital.withdraw(state.pools, command.requestId(), command.underwriter(), state.time,
                poolId -> Incidents.withdrawalHeld(state.claimBooks(), poolId, state.time), now),
                paid -> new Event.CapitalWithdrawn(paid.requestId(), paid.poolId(), paid.underwriter(), paid.shares(), paid.amount(),
                        paid.at(), paid.releaseAt()));
    }

    /**
     * See {@link ChainObservations#observe}; then the active covers on a protocol whose code left scope, not exposed already,
     * become exposed.
     */
    private static Decision observeChain(State state, ObserveChain command) {
        return Decision.of(ChainObservations.observe(state.evidence, command.chainId(), command.block(), command.blockHash(),
                command.observations()), observed -> {
                    var exposed = new java.util.TreeSet<Long>();
                    for (String protocolId : observed.protocolsLeavingScope()) {
                        for (Cover cover : state.covers.coversOn(protocolId)) {
                            if (state.covers.isActive(cover.id()) && !state.covers.exposedCovers().containsKey(cover.id())) {
                                exposed.add(cover.id());
                            }
                        }
                    }
                    return new Event.ChainObserved(command.chainId(), command.block(), command.blockHash(), observed.changes(),
                            List.copyOf(exposed));
                });
    }

    /** See {@link Listings#refusalToSetPolicy}. */
    private static Decision setCodeChangePolicy(State state, SetCodeChangePolicy command) {
        return refusedOr(Listings.refusalToSetPolicy(state.pools, state.evidence, command.poolId(), command.protocolId(), command.policy()),
                () -> new Event.CodeChangePolicySet(command.poolId(), command.protocolId(), command.policy()));
    }

    private static Decision refusedOr(Optional<Refusal> refusal, Supplier<Event> event) {
        return refusal.<Decision>map(Rejection::of).orElseGet(event);
    }


    /**
     * invalid_command (holder, wallet), then insurable_interest_missing, invalid_command (consent), deployment_not_identified,
     * consent_invalid (see InsurableInterest), amount_not_positive, amount_too_large, period_out_of_range, pool_not_found, protocol_not_found,
     * protocol_not_listed, pool_spent, coverage_suspended, incident_open, asset_mismatch, quote_invalid, insufficient_capacity, protocol_cap_exceeded,
     * cover_limit_exceeded, quote_expired, price_moved. Capacity rejections carry the largest amount that fits now
     * ({@code max_amount}) and its premium; quote rejections carry the new premium and a fresh quote id. Priced by the model and
     * the listing's market; while code is out of audited scope under a reprice policy, the listing's minimum price is surcharged.
     */
    private static Decision buyCover(State state, BuyCover command, Instant now, SignatureRecovery signatures) {
        if (!Identifiers.isParty(command.holder())) {
            return invalidParty("holder");
        }
        if (command.wallet() != null && !Identifiers.isAddress(command.wallet())) {
            return Rejection.of(Reason.INVALID_COMMAND, "the insured wallet must be 0x and 40 lower-case hex digits");
        }
        var consent = command.walletConsent() == null ? null
                : new InsurableInterest.SignedConsent(command.walletConsent().signature(), command.walletConsent().validUntil());
        Optional<Refusal> noInterest = InsurableInterest.refusal(state.deploymentId, command.holder(), command.wallet(),
                command.poolId(), command.protocolId(), consent, now, (signed, signature) -> signatures.consentSigner(state.deploymentId,
                        InsurableInterest.consentChainId(state.evidence, command.protocolId()), signed, signature));
        if (noInterest.isPresent()) {
            return Rejection.of(noInterest.get());
        }
        if (!command.amount().isPositive()) {
            return Rejection.of(Reason.AMOUNT_NOT_POSITIVE, "cover amount must be positive");
        }
        if (command.amount().units() > Capital.AMOUNT_UNITS_MAX) {
            return Rejection.of(Capital.tooLarge());
        }
        if (command.periodDays() < CoverTerms.PERIOD_DAYS_MIN || command.periodDays() > CoverTerms.PERIOD_DAYS_MAX) {
            return Rejection.of(Reason.PERIOD_OUT_OF_RANGE,
                    "cover period must be " + CoverTerms.PERIOD_DAYS_MIN + "-" + CoverTerms.PERIOD_DAYS_MAX + " days");
        }
        Pool pool = state.pools.pools().get(command.poolId());
        if (pool == null) {
            return notFound(Reason.POOL_NOT_FOUND, "pool", command.poolId());
        }
        if (!state.evidence.protocols().containsKey(command.protocolId())) {
            return notFound(Reason.PROTOCOL_NOT_FOUND, "protocol", command.protocolId());
        }
        Listing listing = state.pools.listings().get(Listing.key(pool.id(), command.protocolId()));
        if (listing == null) {
            return Rejection.of(Reason.PROTOCOL_NOT_LISTED, "pool " + pool.id() + " does not sell cover on " + command.protocolId());
        }
        Refusal spent = ClaimCommands.spent(state, pool.id());
        if (spent != null) {
            return Rejection.of(spent);
        }
        Refusal suspended = Listings.salesSuspended(state.pools, state.evidence, listing);
        if (suspended != null) {
            return Rejection.of(suspended);
        }
        Rejection incidentOpen = ClaimCommands.incidentOpen(state, listing, now);
        if (incidentOpen != null) {
            return incidentOpen;
        }
        if (!pool.asset().equals(command.amount().asset())) {
            return assetMismatch(pool, command.amount());
        }
        var reference = command.quote();
        if (reference != null && !Quoting.binds(reference.quoteId(), reference.premium(), reference.validUntil(), reference.parametersVersion(),
                pool, command.protocolId(), command.amount(), command.periodDays())) {
            return Rejection.of(Reason.QUOTE_INVALID, "the quote id does not match the purchase's terms");
        }
        Quote quote = Quotes.price(state, pool, listing, command.amount(), command.periodDays(), now);
        Money zero = Money.zero(pool.asset());
        Money poolRoom = pool.capacity().minus(pool.activeCover()).max(zero);
        Money protocolRoom = pool.protocolCapacity().minus(listing.activeCover()).max(zero).min(poolRoom);
        Money limitRoom = quote.coverLimit().minus(listing.activeCover()).max(zero).min(protocolRoom);
        if (command.amount().exceeds(poolRoom)) {
            return capacityShort(Reason.INSUFFICIENT_CAPACITY, "the pool's capacity", limitRoom, state, pool, listing, command, now);
        }
        if (command.amount().exceeds(protocolRoom)) {
            return capacityShort(Reason.PROTOCOL_CAP_EXCEEDED, "the pool's cap for " + listing.protocolId(), limitRoom, state, pool, listing,
                    command, now);
        }
        if (command.amount().exceeds(limitRoom)) {
            return capacityShort(Reason.COVER_LIMIT_EXCEEDED, "the cover limit its audit findings allow", limitRoom, state, pool, listing,
                    command, now);
        }
        var unbacked = SolvencyGate.shortfall(state.solvency, state.pools, state.pricing, state.evidence, pool, listing, command.amount());
        if (unbacked.isPresent()) {
            var shortfall = unbacked.get();
            return capacityShort(shortfall.code(), shortfall.limit(), shortfall.room().min(limitRoom), state, pool, listing, command, now,
                    shortfall.details());
        }
        if (reference != null) {
            switch (Quoting.honour(state.pricing, reference.premium(), reference.validUntil(), quote, now)) {
                case Verdict.Accepted<Quote> honoured -> quote = honoured.value();
                case Verdict.Refused<Quote> refused -> {
                    return Rejection.of(refused.refusal());
                }
            }
        }
        var terms = new CoverTerms(quote.basePriceBps(), command.periodDays());
        String wallet = command.wallet() != null ? command.wallet() : Identifiers.isAddress(command.holder()) ? command.holder() : null;
        // The purchase's own time, never the last tick's: a cover bought after an exploit began must not start before it.
        var cover = new Cover(state.covers.lastCoverId() + 1, command.holder(), pool.id(), listing.protocolId(), command.amount(),
                now, Cover.endOf(now, terms.periodDays()), quote.premium(), terms, zero, zero, CoverStatus.ACTIVE, wallet);
        return new Event.CoverBought(cover, quote, ClaimCommands.termsForNewCover(state, listing, pool));
    }




    /** invalid_command (not 0x and 64 lower-case hex digits), already_exists (a deployment is identified once). */
    private static Decision identifyDeployment(State state, Command.IdentifyDeployment command) {
        if (!Identifiers.isDeploymentId(command.deploymentId())) {
            return Rejection.of(Reason.INVALID_COMMAND, "a deployment id is 0x and 64 lower-case hex digits");
        }
        if (state.deploymentId != null) {
            return Rejection.of(Reason.ALREADY_EXISTS, "this deployment is already identified as " + state.deploymentId,
                    Map.of("deployment_id", state.deploymentId));
        }
        return new Event.DeploymentIdentified(command.deploymentId());
    }

    /** protocol_not_found. A later profile replaces the earlier one for new quotes. */
    private static Decision registerRiskProfile(State state, RegisterRiskProfile command) {
        if (command.profile() == null) {
            return Rejection.of(Reason.INVALID_COMMAND, "a risk profile is required");
        }
        if (!state.evidence.protocols().containsKey(command.profile().protocolId())) {
            return notFound(Reason.PROTOCOL_NOT_FOUND, "protocol", command.profile().protocolId());
        }
        return new Event.RiskProfileRegistered(command.profile());
    }

    /** See {@link Quoting#refusalToSetMarket}; then pool_not_found, protocol_not_listed. The market's version goes up by one. */
    private static Decision setMarket(State state, SetMarket command) {
        var refusal = Quoting.refusalToSetMarket(command.mode(), command.bumpRatioBps(), command.decayPerDayBps(), command.surgeFromBps(),
                command.surgeMaxBps());
        if (refusal.isPresent()) {
            return Rejection.of(refusal.get());
        }
        if (state.pools.pool(command.poolId()) == null) {
            return Rejection.of(Refusal.notFound(Reason.POOL_NOT_FOUND, "pool", command.poolId()));
        }
        Listing listing = state.pools.listing(command.poolId(), command.protocolId());
        if (listing == null) {
            return Rejection.of(Reason.PROTOCOL_NOT_LISTED, "pool " + command.poolId() + " does not list " + command.protocolId());
        }
        long version = Quotes.market(state, listing).parameters().version() + 1;
        return new Event.MarketSet(command.poolId(), command.protocolId(),
                new MarketParameters(version, command.mode(), command.bumpRatioBps(), command.decayPerDayBps(), command.surgeFromBps(),
                        command.surgeMaxBps()));
    }

    /** invalid_command (missing), already_exists (the version in force). */
    private static Decision setPricingParameters(State state, SetPricingParameters command) {
        if (command.parameters() == null) {
            return Rejection.of(Reason.INVALID_COMMAND, "pricing parameters are required");
        }
        if (command.parameters().version().equals(state.pricing.parameters().version())) {
            return Rejection.of(Reason.ALREADY_EXISTS, "pricing parameters " + state.pricing.parameters().version() + " are already in force");
        }
        return new Event.PricingParametersSet(command.parameters());
    }

    /**
     * clock_behind_engine_time. Then every active cover earns its premium to date (a pool that owes unpaid claims sets it
     * aside for them, and pays them once an engine day); those past their end expire; held withdrawals past their window go
     * to their underwriters; held slashes past their cooldown are forfeited to their pools.
     */
    private static Decision advanceTime(State state, Instant now) {
        if (now.isBefore(state.time)) {
            return Rejection.of(Reason.CLOCK_BEHIND_ENGINE_TIME, "engine time is already " + state.time);
        }
        var earnedByPool = new TreeMap<String, Money>();
        var expired = new ArrayList<Long>();
        for (long coverId : state.covers.activeCoverIds()) {
            Cover cover = state.covers.covers().get(coverId);
            Money earned = cover.earnedBy(now).minus(cover.earned());
            if (earned.isPositive()) {
                earnedByPool.merge(cover.poolId(), earned, Money::plus);
            }
            if (!now.isBefore(cover.end())) {
                expired.add(coverId);
            }
        }
        var earnings = earnedByPool.entrySet().stream()
                .map(entry -> new Event.PremiumEarned(entry.getKey(), entry.getValue())).toList();
        var released = new ArrayList<Long>();
        for (HeldWithdrawal held : state.pools.heldWithdrawals().values()) {
            // An incident the pool bears may still take from it: held until that incident is settled or rejected.
            if (!now.isBefore(held.releaseAt()) && ClaimCommands.withdrawalHeld(state, held.poolId(), now) == null) {
                released.add(held.requestId());
            }
        }
        var shortfallPayments = new ArrayList<io.auditcover.claims.ShortfallPayment>();
        var setAside = new ArrayList<Event.PremiumEarned>();
        // What each pool's capital gains from this advance once its unpaid claims took their part: what its reinsurer may take.
        var gainedByPool = new TreeMap<String, Money>(earnedByPool);
        unpaidClaimsOnTick(state, now, earnedByPool, shortfallPayments, setAside, gainedByPool);
        return new Event.TimeAdvanced(now, earnings, expired, released, reinsurancePremiums(state, gainedByPool, now), shortfallPayments,
                setAside, ClaimCommands.forfeitedSlashes(state, now));
    }

    /**
     * Premium a pool that owes earns is set aside for its unpaid claims and paid to them once an engine day (a mass exploit's
     * claims would otherwise each take a payment on every tick): fills the payments, the amounts set aside, and what each
     * pool's capital gains after them.
     */
    private static void unpaidClaimsOnTick(State state, Instant now, Map<String, Money> earnedByPool,
            List<io.auditcover.claims.ShortfallPayment> shortfallPayments, List<Event.PremiumEarned> setAside, Map<String, Money> gainedByPool) {
        boolean pays = io.auditcover.claims.Shortfalls.paysOn(state.time, now);
        for (Pool pool : state.pools.pools().values()) {
            Money zero = Money.zero(pool.asset());
            Money earned = earnedByPool.getOrDefault(pool.id(), zero);
            Money reserved = state.ledger.balance(io.auditcover.ledger.Account.poolSetAsideForUnpaidClaims(pool.id(), pool.asset()));
            Money owed = io.auditcover.claims.Shortfalls.owed(state.claims, pool);
            if (pays) {
                var paying = io.auditcover.claims.Shortfalls.pay(state.claims, pool.id(), reserved.plus(earned));
                shortfallPayments.addAll(paying);
                if (earned.plus(reserved).isPositive()) {
                    gainedByPool.put(pool.id(), earned.plus(reserved).minus(io.auditcover.claims.Shortfalls.total(paying, zero)));
                }
            } else if (earned.isPositive() && owed.exceeds(reserved)) {
                Money kept = earned.min(owed.minus(reserved));
                setAside.add(new Event.PremiumEarned(pool.id(), kept));
                gainedByPool.put(pool.id(), earned.minus(kept));
            }
        }
    }

    /**
     * Each priced layer's annual premium earned to {@code now}, and what the pool pays of all it owes its reinsurer: as much as
     * its capital holds once this advance's cover premium has joined it ({@code earnedByPool}: what is left of it after the
     * pool's unpaid claims took their part, which come first).
     */
    private static List<Event.ReinsurancePremium> reinsurancePremiums(State state, Map<String, Money> earnedByPool, Instant now) {
        var premiums = new ArrayList<Event.ReinsurancePremium>();
        for (ReinsuranceTreaty treaty : state.claims.treaties().values()) {
            ExcessOfLoss layer = state.claims.reinsurance().get(treaty.poolId());
            Pool pool = state.pools.pool(treaty.poolId());
            long earned = treaty.annualEarnedBy(layer, now) - treaty.annualEarnedUnits();
            Money capital = pool.capital().plus(earnedByPool.getOrDefault(pool.id(), Money.zero(pool.asset())));
            long paid = Math.min(treaty.owedUnits() + earned, Math.max(0, capital.units()));
            if (earned > 0 || paid > 0) {
                premiums.add(new Event.ReinsurancePremium(pool.id(), Money.ofUnits(pool.asset(), earned), Money.ofUnits(pool.asset(), paid)));
            }
        }
        return premiums;
    }

    /** The largest amount that fits now and its premium (zero when nothing fits). */
    private static Rejection capacityShort(Reason code, String limit, Money room, State state, Pool pool, Listing listing,
            BuyCover command, Instant now) {
        return capacityShort(code, limit, room, state, pool, listing, command, now, Map.of());
    }

    private static Rejection capacityShort(Reason code, String limit, Money room, State state, Pool pool, Listing listing,
            BuyCover command, Instant now, Map<String, String> figures) {
        var details = new java.util.TreeMap<String, String>(figures);
        details.put("max_amount", room.toDecimalString());
        details.put("max_amount_premium", Money.zero(room.asset()).toDecimalString());
        if (room.isPositive()) {
            Quote quote = Quotes.price(state, pool, listing, room, command.periodDays(), now);
            details.put("max_amount_premium", quote.premium().toDecimalString());
            details.put("max_amount_quote_id", quote.id());
            details.put("max_amount_valid_until", quote.validUntil().toString());
            details.put("parameters_version", quote.parametersVersion());
        }
        return Rejection.of(code, command.amount() + " is above " + limit + "; at most " + room + " fits now", details);
    }

    private static Rejection notFound(Reason code, String what, String id) {
        return Rejection.of(code, what + " " + id + " does not exist");
    }

    private static Rejection invalidParty(String role) {
        return Rejection.of(Reason.INVALID_COMMAND, role + " must be an id of [a-z0-9._-] or a 0x address");
    }

    private static Rejection assetMismatch(Pool pool, Money amount) {
        return Rejection.of(Reason.ASSET_MISMATCH, "pool " + pool.id() + " keeps " + pool.asset() + ", not " + amount.asset());
    }
}
