package io.auditcover.engine;

import io.auditcover.claims.Assessment;
import io.auditcover.claims.AssessmentRules;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.DepositSettled;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.DepositorPaid;
import io.auditcover.claims.FiledClaim;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.Incident;
import io.auditcover.claims.PoolSettled;
import io.auditcover.claims.SharesAtReport;
import io.auditcover.claims.ShortfallPayment;
import io.auditcover.claims.WithdrawalAtReport;
import io.auditcover.cover.Cover;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EligibilityChange;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.pool.CodeChangePolicy;
import io.auditcover.pool.PoolRules;
import io.auditcover.pool.WithdrawalRequest;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.PricingParameters;
import io.auditcover.pricing.Quote;
import io.auditcover.pricing.RiskProfile;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.SolvencyAssessment;
import io.auditcover.solvency.SolvencyPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened. Events carry every decided value (shares minted, premium charged, payout), so replay
 * never recomputes a decision.
 */
public sealed interface Event extends Decision {

    record ProtocolRegistered(Protocol protocol) implements Event {
    }

    record ContractRegistered(DeployedContract contract) implements Event {
    }

    record AuditRegistered(AuditReport audit) implements Event {
    }

    record PoolCreated(String poolId, Asset asset, PoolRules rules) implements Event {
    }

    record ProtocolListed(String poolId, String protocolId, long annualRateBps) implements Event {
    }

    /**
     * Capital paid in at {@code at}: shares minted then do not bear the loss of an incident that occurred before. Of its amount,
     * {@code shortfallPayments} (null: none) paid the pool's unpaid claims first; the shares were minted for the rest.
     */
    record CapitalDeposited(String poolId, String underwriter, Money amount, long sharesMinted, Instant at,
            List<ShortfallPayment> shortfallPayments) implements Event {
        public CapitalDeposited {
            shortfallPayments = shortfallPayments == null || shortfallPayments.isEmpty() ? null : List.copyOf(shortfallPayments);
        }

        public CapitalDeposited(String poolId, String underwriter, Money amount, long sharesMinted, Instant at) {
            this(poolId, underwriter, amount, sharesMinted, at, null);
        }
    }

    record WithdrawalRequested(WithdrawalRequest request) implements Event {
    }

    /**
     * Withdrawn shares paid at {@code at}: their {@code amount} leaves the pool's capital and is held back until
     * {@code releaseAt} (see {@link io.auditcover.pool.HeldWithdrawal}); null times in logs from before the hold paid it out at once.
     */
    record CapitalWithdrawn(long requestId, String poolId, String underwriter, long shares, Money amount, Instant at, Instant releaseAt)
            implements Event {
    }

    /** The cover and the quote it was sold on: every term of the price, every factor, the parameter and market versions. */
    record CoverBought(Cover cover, Quote quote, ClaimTerms claimTerms) implements Event {
        /** Without claim terms: the cover gets the default terms (see io.auditcover.claims.ClaimTerms#defaultTerms). */
        public CoverBought(Cover cover, Quote quote) {
            this(cover, quote, null);
        }
    }

    /**
     * Engine time moved to {@code to}; each pool earned the premium listed; the listed covers expired; the listed held
     * withdrawals were released to their underwriters; each priced reinsurance layer earned its premium and was paid what
     * the pool owes it ({@code reinsurancePremiums}, null when no layer earned or was paid anything). A pool that owes unpaid claims sets aside what it earns for them
     * ({@code setAside}, null: none) and, on the first tick of an engine day, pays them from what it set aside and earned
     * ({@code shortfallPayments}, null: none; see io.auditcover.claims.Shortfalls#paysOn). The listed held slashes, their
     * cooldown over, were forfeited to their pools ({@code forfeitedSlashIds}, null: none).
     */
    record TimeAdvanced(Instant to, List<PremiumEarned> earnings, List<Long> expiredCoverIds, List<Long> releasedWithdrawalIds,
            List<ReinsurancePremium> reinsurancePremiums, List<ShortfallPayment> shortfallPayments, List<PremiumEarned> setAside,
            List<Long> forfeitedSlashIds) implements Event {
        public TimeAdvanced {
            earnings = List.copyOf(earnings);
            expiredCoverIds = List.copyOf(expiredCoverIds);
            releasedWithdrawalIds = releasedWithdrawalIds == null ? List.of() : List.copyOf(releasedWithdrawalIds);
            reinsurancePremiums = reinsurancePremiums == null || reinsurancePremiums.isEmpty() ? null : List.copyOf(reinsurancePremiums);
            shortfallPayments = shortfallPayments == null || shortfallPayments.isEmpty() ? null : List.copyOf(shortfallPayments);
            setAside = setAside == null || setAside.isEmpty() ? null : List.copyOf(setAside);
            forfeitedSlashIds = forfeitedSlashIds == null || forfeitedSlashIds.isEmpty() ? null : List.copyOf(forfeitedSlashIds);
        }

        public TimeAdvanced(Instant to, List<PremiumEarned> earnings, List<Long> expiredCoverIds, List<Long> releasedWithdrawalIds,
                List<ReinsurancePremium> reinsurancePremiums, List<ShortfallPayment> shortfallPayments, List<PremiumEarned> setAside) {
            this(to, earnings, expiredCoverIds, releasedWithdrawalIds, reinsurancePremiums, shortfallPayments, setAside, null);
        }

        public TimeAdvanced(Instant to, List<PremiumEarned> earnings, List<Long> expiredCoverIds, List<Long> releasedWithdrawalIds) {
            this(to, earnings, expiredCoverIds, releasedWithdrawalIds, null);
        }

        public TimeAdvanced(Instant to, List<PremiumEarned> earnings, List<Long> expiredCoverIds, List<Long> releasedWithdrawalIds,
                List<ReinsurancePremium> reinsurancePremiums) {
            this(to, earnings, expiredCoverIds, releasedWithdrawalIds, reinsurancePremiums, null, null);
        }

        public TimeAdvanced(Instant to, List<PremiumEarned> earnings, List<Long> expiredCoverIds) {
            this(to, earnings, expiredCoverIds, List.of());
        }

        /** The reinsurance premiums, none when the event has none. */
        public List<ReinsurancePremium> reinsurancePremiumsOrNone() {
            return reinsurancePremiums == null ? List.of() : reinsurancePremiums;
        }

        /** The slashes forfeited, none when the event has none. */
        public List<Long> forfeitedSlashIdsOrNone() {
            return forfeitedSlashIds == null ? List.of() : forfeitedSlashIds;
        }
    }

    record PremiumEarned(String poolId, Money amount) {
    }

    /** A pool's priced layer earned {@code earned} more of its annual premium; the pool's capital paid {@code paid} of what it owes. */
    record ReinsurancePremium(String poolId, Money earned, Money paid) {
    }


    /**
     * Chain {@code chainId} was checked at {@code block} (hash {@code blockHash}): the watcher resumes after
     * it. Contracts whose code or scope changed open the periods listed; active covers on a protocol whose
     * code left audited scope are listed as exposed from this block (their frozen terms still cover only
     * audited code).
     */
    record ChainObserved(long chainId, long block, String blockHash, List<EligibilityChange> changes, List<Long> exposedCoverIds)
            implements Event {
        public ChainObserved {
            changes = List.copyOf(changes);
            exposedCoverIds = List.copyOf(exposedCoverIds);
        }
    }


    /** A scope check recorded outside the watcher (a code observation or an operator's judgement): claims read it at its block. */
    record ScopeChecked(io.auditcover.evidence.ScopeCheck check) implements Event {
    }

    record CodeChangePolicySet(String poolId, String protocolId, CodeChangePolicy policy) implements Event {
    }

    record RiskProfileRegistered(RiskProfile profile) implements Event {
    }

    record MarketSet(String poolId, String protocolId, MarketParameters parameters) implements Event {
    }

    record PricingParametersSet(PricingParameters parameters) implements Event {
    }

    record ClaimTermsSet(String poolId, String protocolId, ClaimTerms terms) implements Event {
    }

    record AttestationConfigured(AttestationRules rules) implements Event {
    }

    /**
     * An incident was reported at {@code reportedAt} under {@code rules}. The {@code pools} that bear it (a cover on the protocol
     * ran when it occurred, and it was reported within the pool's report window) stop paying withdrawals until it is settled or
     * rejected. The shares each position held when it occurred are recorded, and the withdrawals paid since that still hold
     * those shares' money: only they bear its loss.
     */
    record IncidentReported(Incident incident, AttestationRules rules, Instant reportedAt, List<SharesAtReport> sharesAtReport,
            List<String> pools, List<WithdrawalAtReport> withdrawalsAtReport) implements Event {
        public IncidentReported {
            sharesAtReport = List.copyOf(sharesAtReport);
            pools = pools == null ? sharesAtReport.stream().map(SharesAtReport::poolId).distinct().sorted().toList() : List.copyOf(pools);
            withdrawalsAtReport = withdrawalsAtReport == null ? List.of() : List.copyOf(withdrawalsAtReport);
        }
    }

    /** {@code signer} (recovered from its signature) confirmed ({@code confirms}) or disputed the incident at {@code at}. */
    record IncidentAttested(String incidentId, String signer, boolean confirms, Instant at) implements Event {
    }

    /** The pool's layer was set (null: removed); a priced layer's treaty incepts at {@code inception}, the engine time then. */
    record ReinsuranceSet(String poolId, ExcessOfLoss layer, Instant inception) implements Event {
        public ReinsuranceSet(String poolId, ExcessOfLoss layer) {
            this(poolId, layer, null);
        }
    }

    /**
     * The settlement of the incident's claims in {@code settledPools}: every decided claim there (approved or denied, with its
     * reason code), and for each pool that pays what was approved, recovered from reinsurance, paid, left short, and the shares
     * burned from the positions that held shares at the incident. {@code complete} when no pool is left to settle.
     */
    record IncidentSettled(String incidentId, Instant settledAt, List<PoolSettled> pools, List<ClaimDecided> claims,
            List<DepositSettled> deposits, List<String> settledPools, boolean complete, List<DepositorPaid> depositorsPaid) implements Event {
        public IncidentSettled {
            pools = List.copyOf(pools);
            claims = List.copyOf(claims);
            deposits = List.copyOf(deposits);
            settledPools = List.copyOf(settledPools);
            depositorsPaid = depositorsPaid == null || depositorsPaid.isEmpty() ? null : List.copyOf(depositorsPaid);
        }

        /** A settlement that paid no protocol-bought cover's depositors. */
        public IncidentSettled(String incidentId, Instant settledAt, List<PoolSettled> pools, List<ClaimDecided> claims,
                List<DepositSettled> deposits, List<String> settledPools, boolean complete) {
            this(incidentId, settledAt, pools, claims, deposits, settledPools, complete, null);
        }
    }

    /** An indemnity claim and what the rules decided at filing: approved (paid at settlement), denied, or needs_assessment. */
    record ClaimFiled(long claimId, long coverId, String poolId, String incidentId, String holder, Money claimedLoss, Money provenLoss,
            Instant filedAt, String reasonCode, Money approved, Assessment assessment, Money deposit, LossEvidence evidence,
            List<DepositorLoss> depositors) implements Event {
        public ClaimFiled {
            // An event from before depositors' claims reads the missing list as empty: a claim of the insured wallet.
            depositors = depositors == null || depositors.isEmpty() ? null : List.copyOf(depositors);
        }

        /** The claim as the claims book keeps it. */
        public FiledClaim filing() {
            return new FiledClaim(claimId, coverId, poolId, incidentId, holder, claimedLoss, provenLoss, filedAt, reasonCode, approved,
                    assessment, deposit, evidence, depositors);
        }
    }

    /**
     * Parametric claims the rules could not decide (the exploited code's scope unknown at the incident block), sent to assessors
     * at {@code referredAt}: each is filed as the confirmation filed it, with its panel's vote open and no deposit (the holder
     * asked for nothing). Their pools settle once the votes are final.
     */
    record ClaimsReferred(String incidentId, Instant referredAt, List<FiledClaim> claims) implements Event {
        public ClaimsReferred {
            claims = List.copyOf(claims);
        }
    }

    record AssessorRegistered(String assessor, long weight, int tier) implements Event {
    }

    record AssessmentConfigured(AssessmentRules rules) implements Event {
    }

    /** A vote, an undo or an escalation: the claim's assessment as it now stands. */
    record AssessmentChanged(long claimId, Assessment assessment) implements Event {
    }

    record ListingAssessorsSet(io.auditcover.claims.ListingAssessors assessors) implements Event {
    }

    /** The assessor left the panels; on each listed claim's open assessment it lost its seat. */
    record AssessorRemoved(String assessor, List<Long> claimIds) implements Event {
        public AssessorRemoved {
            claimIds = List.copyOf(claimIds);
        }
    }

    /** A denied claim appealed: the bond put down and the vote the appeal opened. */
    record ClaimAppealed(io.auditcover.claims.Appeal appeal, Assessment assessment) implements Event {
    }

    record AssessorStaked(String assessor, Money amount) implements Event {
    }

    /** Part of a stake slashed and held until {@code slash.finalAt()}. */
    record AssessorSlashed(io.auditcover.claims.Slash slash) implements Event {
    }

    record SlashReversed(long slashId) implements Event {
    }

    /** An assessor asked to take back stake, withdrawable from {@code withdrawal.availableAt()}. */
    record StakeWithdrawalRequested(io.auditcover.claims.StakeWithdrawal withdrawal) implements Event {
    }

    /** The assessor's request paid out: {@code amount} moved from the stakes to its wallet account. */
    record StakeWithdrawn(String assessor, Money amount) implements Event {
    }

    /** This deployment's id: the salt of every statement's signing domain (io.auditcover.chain.SigningDomain). */
    record DeploymentIdentified(String deploymentId) implements Event {
    }

    record SolvencyPolicySet(String poolId, SolvencyPolicy policy) implements Event {
    }

    record DependenciesRecorded(String protocolId, Map<DependencyKind, String> groups) implements Event {
    }

    /** A solvency run as recorded: its figures per pool and the capital factor of each listing. */
    record SolvencyAssessed(SolvencyAssessment assessment) implements Event {
    }

    /** A reimbursement declared on a cover for an incident: claims on the wallet it insures pay the loss net of it. */
    record ReimbursementDeclared(io.auditcover.claims.Reimbursement reimbursement) implements Event {
    }

    /**
     * Funds recovered for a settled incident, as the operator recorded them: the recovery, each paid claim's part (to its pool's
     * capital, and to its holder for the deductible where the terms say so), what the pools' parts paid first of their
     * unpaid claims, and the shares the rest restored to the underwriters who bore the loss.
     */
    record RecoveryRecorded(io.auditcover.claims.Recovery recovery, List<io.auditcover.claims.ClaimRecovery> claims,
            List<ShortfallPayment> shortfallPayments, List<io.auditcover.claims.RestoredShares> restoredShares) implements Event {
        public RecoveryRecorded {
            claims = List.copyOf(claims);
            shortfallPayments = List.copyOf(shortfallPayments);
            restoredShares = List.copyOf(restoredShares);
        }
    }

    /** The operator reopened a spent pool at {@code at}; it still owes {@code owed}, of the listed incidents' claims among others. */
    record PoolReopened(String poolId, List<String> incidentIds, Money owed, Instant at) implements Event {
        public PoolReopened {
            incidentIds = List.copyOf(incidentIds);
        }
    }
}
