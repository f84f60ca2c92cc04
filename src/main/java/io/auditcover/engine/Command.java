package io.auditcover.engine;

import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.AssessmentRules;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.claims.Incident;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.pool.CodeChangePolicy;
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.PricingParameters;
import io.auditcover.pricing.RiskProfile;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.SolvencyAssessment;
import io.auditcover.solvency.SolvencyPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request to change the state. Its {@code commandId} is the idempotency key: the same id with the
 * same content returns the first answer, with other content it is rejected.
 */
public sealed interface Command {
    int COMMAND_ID_LENGTH_MAX = 128;

    String commandId();

    record RegisterProtocol(String commandId, Protocol protocol) implements Command {
    }

    record RegisterContract(String commandId, DeployedContract contract) implements Command {
    }

    record RegisterAudit(String commandId, AuditReport audit) implements Command {
    }

    record CreatePool(String commandId, String poolId, Asset asset, PoolRules rules) implements Command {
    }

    record ListProtocol(String commandId, String poolId, String protocolId, long annualRateBps) implements Command {
    }

    record Deposit(String commandId, String poolId, String underwriter, Money amount) implements Command {
    }

    record RequestWithdrawal(String commandId, String poolId, String underwriter, long shares) implements Command {
    }

    record Withdraw(String commandId, long requestId, String underwriter) implements Command {
    }

    /**
     * Buys cover at the current price, or, with {@code quote}, at exactly the quoted premium (see {@link QuoteReference}).
     * {@code wallet} is the address declared as insured (its balances prove an indemnity loss); null means the holder's own
     * address, when the holder is one. A wallet other than the holder's own needs its {@code walletConsent}.
     */
    record BuyCover(String commandId, String holder, String poolId, String protocolId, Money amount, int periodDays,
            QuoteReference quote, String wallet, WalletConsent walletConsent) implements Command {
        public BuyCover(String commandId, String holder, String poolId, String protocolId, Money amount, int periodDays,
                QuoteReference quote, String wallet) {
            this(commandId, holder, poolId, protocolId, amount, periodDays, quote, wallet, null);
        }

        public BuyCover(String commandId, String holder, String poolId, String protocolId, Money amount, int periodDays,
                QuoteReference quote) {
            this(commandId, holder, poolId, protocolId, amount, periodDays, quote, null);
        }

        public BuyCover(String commandId, String holder, String poolId, String protocolId, Money amount, int periodDays) {
            this(commandId, holder, poolId, protocolId, amount, periodDays, null, null);
        }
    }

    /**
     * The insured wallet's EIP-712 signature consenting to be insured by this buyer on this pool and protocol until
     * {@code validUntil}, in whole seconds (io.auditcover.chain.InsuranceConsents).
     */
    record WalletConsent(String signature, Instant validUntil) {
    }

    /**
     * A quote a buyer accepts: its id and the terms the id binds (premium, expiry, parameter version). The engine re-derives
     * the id from these and the purchase's pool, protocol, amount and period (io.auditcover.pricing.Quote#idOf).
     */
    record QuoteReference(String quoteId, Money premium, Instant validUntil, String parametersVersion) {
    }

    /** Moves engine time to the writer's clock: premiums are earned and covers expire. */
    record AdvanceTime(String commandId) implements Command {
    }

    /** What a chain watcher saw at one confirmed block (named by number and hash): every registered contract on that chain. */
    record ObserveChain(String commandId, long chainId, long block, String blockHash, List<CodeObservation> observations)
            implements Command {
        public ObserveChain {
            observations = observations == null ? null : List.copyOf(observations);
        }

        public ObserveChain withId(String otherCommandId) {
            return new ObserveChain(otherCommandId, chainId, block, blockHash, observations);
        }
    }

    /**
     * One contract's code as someone read it from a node at one block ({@code chain check --record}), for eligibility without
     * the watcher: recorded as a scope check at that block, never moving the watcher's cursor. {@code evidence} says where it was
     * read (node, tool).
     */
    record RecordCodeObservation(String commandId, long chainId, long block, String blockHash, CodeObservation observation,
            String observer, String evidence) implements Command {
    }

    /**
     * An operator's judgement of whether a contract's code was in audited scope at a block, with its evidence: in scope names
     * the audit ({@code auditId}), out of scope may name why ({@code reason}, default unknown code).
     */
    record RecordScopeCheck(String commandId, String contractKey, long block, boolean inScope, String auditId,
            io.auditcover.evidence.OutOfScopeReason reason, String checkedBy, String evidence) implements Command {
    }

    /** What a listing does while its protocol runs code outside every audit's scope. */
    record SetCodeChangePolicy(String commandId, String poolId, String protocolId, CodeChangePolicy policy) implements Command {
    }

    /** Registers (or replaces) what pricing needs to know about a protocol beyond its audits. */
    record RegisterRiskProfile(String commandId, RiskProfile profile) implements Command {
    }

    /** Changes a listing's market terms for new covers; the version rises by one. Surge: see MarketParameters. */
    record SetMarket(String commandId, String poolId, String protocolId, MarketParameters.Mode mode, long bumpRatioBps,
            long decayPerDayBps, long surgeFromBps, long surgeMaxBps) implements Command {
        /** Without a utilisation curve. */
        public SetMarket(String commandId, String poolId, String protocolId, MarketParameters.Mode mode, long bumpRatioBps,
                long decayPerDayBps) {
            this(commandId, poolId, protocolId, mode, bumpRatioBps, decayPerDayBps, MarketParameters.BPS_MAX, 0);
        }
    }

    /** Replaces the pricing parameters for new quotes and covers; existing covers keep theirs. */
    record SetPricingParameters(String commandId, PricingParameters parameters) implements Command {
    }

    /** Sets a listing's claim terms for covers sold from now on; covers already sold keep theirs. */
    record SetClaimTerms(String commandId, String poolId, String protocolId, ClaimTerms terms) implements Command {
    }

    /** Sets which oracles confirm incidents and how many must; incidents already reported keep the rules they were reported under. */
    record ConfigureAttestation(String commandId, AttestationRules rules) implements Command {
    }

    record ReportIncident(String commandId, Incident incident) implements Command {
    }

    /** An oracle's EIP-712 signature confirming the incident (io.auditcover.chain.IncidentStatements). */
    record AttestIncident(String commandId, String incidentId, String signature) implements Command {
    }

    /** An oracle's EIP-712 signature disputing a confirmed incident. */
    record DisputeIncident(String commandId, String incidentId, String signature) implements Command {
    }

    /** Sets (or, with a null layer, removes) a pool's excess-of-loss reinsurance. */
    record SetReinsurance(String commandId, String poolId, ExcessOfLoss layer) implements Command {
    }

    /** Decides and pays every claim of a final incident; anyone may ask. */
    record SettleIncident(String commandId, String incidentId) implements Command {
    }

    /**
     * An indemnity claim: the holder's claimed loss on a cover from a confirmed incident, with the wallet's balances before and
     * after the incident as the edge read them from chain facts (null when there is no such proof).
     */
    record FileClaim(String commandId, String holder, long coverId, String incidentId, Money claimedLoss, LossEvidence evidence)
            implements Command {
    }

    /**
     * The claim of a cover a protocol bought for its depositors: every depositor's position before and after the incident, as
     * the edge read them from chain facts (the depositor set from the position token's transfers up to the incident).
     */
    record FileDepositorClaim(String commandId, String holder, long coverId, String incidentId, List<DepositorLoss> depositors)
            implements Command {
        public FileDepositorClaim {
            depositors = depositors == null ? null : List.copyOf(depositors);
        }
    }

    /** Registers (or re-weights) an assessor: tier 1 sits on first panels, every tier on escalation panels. */
    record RegisterAssessor(String commandId, String assessor, long weight, int tier) implements Command {
    }

    /** The assessment rules for assessments opened from now on. */
    record ConfigureAssessment(String commandId, AssessmentRules rules) implements Command {
    }

    /** An assessor's vote and why (free text of at most io.auditcover.claims.Assessment#RATIONALE_LENGTH_MAX characters; null: none given). */
    record CastVote(String commandId, String assessor, long claimId, boolean accept, String rationale) implements Command {
        public CastVote(String commandId, String assessor, long claimId, boolean accept) {
            this(commandId, assessor, claimId, accept, null);
        }
    }

    /** The operator undoes fraudulent votes, only during the cooldown. */
    record UndoVotes(String commandId, long claimId, List<String> assessors) implements Command {
        public UndoVotes {
            assessors = assessors == null ? null : List.copyOf(assessors);
        }
    }

    /** The holder takes a claim to the larger panel of every tier. */
    record EscalateClaim(String commandId, String holder, long claimId) implements Command {
    }

    /**
     * Names who decides a listing's claims from now on: a group of registered assessors, or one delegate deciding alone; neither
     * sends them to every registered assessor again. Claims already before assessors keep their panels.
     */
    record SetListingAssessors(String commandId, String poolId, String protocolId, List<String> group, String delegate) implements Command {
        public SetListingAssessors {
            group = group == null ? null : List.copyOf(group);
        }
    }

    /** The operator removes an assessor from the panels: it loses its seat on every claim whose vote is not final. */
    record RemoveAssessor(String commandId, String assessor) implements Command {
    }

    /**
     * The holder appeals a denied claim with a bond: a denial by the rules goes to a first panel, a first panel's denial to the
     * escalation panel (once).
     */
    record AppealClaim(String commandId, String holder, long claimId, Money bond) implements Command {
    }

    /** Records an assessor's stake paid in (added to what it staked before). */
    record StakeAssessor(String commandId, String assessor, Money amount) implements Command {
    }

    /** The operator slashes part of an assessor's stake for a fraudulent vote on the claim, with the evidence. */
    record SlashAssessor(String commandId, String assessor, long claimId, Money amount, String evidence) implements Command {
    }

    /** The operator reverses a slash within its cooldown: the amount goes back to the stake. */
    record ReverseSlash(String commandId, long slashId) implements Command {
    }

    /** Asks to take part or all of an assessor's stake back after the notice (replacing an earlier request). */
    record RequestStakeWithdrawal(String commandId, String assessor, Money amount) implements Command {
    }

    /** Pays out an assessor's stake withdrawal request whose notice is over, to its wallet account. */
    record WithdrawStake(String commandId, String assessor) implements Command {
    }

    /** Names this deployment once: its id is the salt of every signed statement's domain, so signatures count here only. */
    record IdentifyDeployment(String commandId, String deploymentId) implements Command {
    }

    /** Sets a pool's solvency policy (minimum solvency ratio, dependency caps); the operator's. */
    record SetSolvencyPolicy(String commandId, String poolId, SolvencyPolicy policy) implements Command {
    }

    /** Records what a protocol depends on (fork parent, oracle, chain, bridge, auditor), over what its evidence says. */
    record RecordDependencies(String commandId, String protocolId, Map<DependencyKind, String> groups) implements Command {
        public RecordDependencies {
            groups = groups == null ? null : Map.copyOf(groups);
        }
    }

    /** Records a solvency run made outside the writer, so the gate reads its figures and replay never simulates. */
    record RecordSolvencyAssessment(String commandId, SolvencyAssessment assessment) implements Command {
    }

    /**
     * What the insured already got back for an incident's loss on a cover, and from whom, with its evidence: declared by the
     * cover's holder, or by the operator on the protocol's behalf ({@code declaredBy} is then
     * {@link io.auditcover.claims.Reimbursement#OPERATOR}). The cover's indemnity claim pays the loss net of it.
     */
    record DeclareReimbursement(String commandId, String declaredBy, long coverId, String incidentId, Money amount,
            io.auditcover.claims.Reimbursement.Source source, String evidence) implements Command {
    }

    /**
     * Funds recovered after an incident's claims were paid, in the pools' asset, recorded by the operator with its
     * {@code evidence} (a text, a URL or a transaction hash): see io.auditcover.claims.Recoveries.
     */
    record RecordRecovery(String commandId, String incidentId, Money amount, String evidence) implements Command {
    }

    /** The operator reopens a spent pool: it sells cover and takes deposits again, and still owes what it owed. */
    record ReopenPool(String commandId, String poolId) implements Command {
    }
}
