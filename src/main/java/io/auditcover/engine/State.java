package io.auditcover.engine;

import io.auditcover.claims.Assessment;
import io.auditcover.claims.AssessmentRules;
import io.auditcover.claims.Assessor;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.Claim;
import io.auditcover.claims.ClaimBook;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.DecidedClaim;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.claims.FiledClaim;
import io.auditcover.claims.IncidentCase;
import io.auditcover.cover.Cover;
import io.auditcover.cover.CoverBook;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.ChainCursor;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EligibilityHistory;
import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.evidence.EvidenceBook;
import io.auditcover.evidence.Protocol;
import io.auditcover.ledger.Ledger;
import io.auditcover.pool.CodeChangePolicy;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.PoolBook;
import io.auditcover.pool.Position;
import io.auditcover.pool.ShareHistory;
import io.auditcover.pool.WithdrawalRequest;
import io.auditcover.pricing.MarketState;
import io.auditcover.pricing.PricingBook;
import io.auditcover.pricing.PricingParameters;
import io.auditcover.pricing.RiskProfile;
import io.auditcover.solvency.SolvencyBook;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;

/**
 * Everything the engine knows, as the fold of all events: one book per domain (each owns its state and indexes and applies
 * its own changes), the ledger, the engine's time and the deployment's id. Only {@link Applier} changes it, on the writer
 * thread; everyone else sees read-only views. The accessors below are those views, for the read model and the edges.
 */
public final class State {
    Instant time = Instant.EPOCH;
    EvidenceBook evidence = new EvidenceBook();
    PoolBook pools = new PoolBook();
    CoverBook covers = new CoverBook();
    PricingBook pricing = new PricingBook(PricingFile.bundled());
    ClaimBook claims = new ClaimBook();
    SolvencyBook solvency = new SolvencyBook();
    Ledger ledger = new Ledger();
    String deploymentId;

    public Instant time() {
        return time;
    }

    public EvidenceBook evidence() {
        return evidence;
    }

    public PoolBook poolBook() {
        return pools;
    }

    public CoverBook coverBook() {
        return covers;
    }

    public PricingBook pricingBook() {
        return pricing;
    }

    public ClaimBook claimBook() {
        return claims;
    }

    public SolvencyBook solvencyBook() {
        return solvency;
    }

    /** The books a claim decision reads. */
    public io.auditcover.claims.Books claimBooks() {
        return new io.auditcover.claims.Books(claims, covers, pools, evidence);
    }

    public NavigableMap<String, Protocol> protocols() {
        return evidence.protocols();
    }

    public NavigableMap<String, DeployedContract> contracts() {
        return evidence.contracts();
    }

    public NavigableMap<String, AuditReport> audits() {
        return evidence.audits();
    }

    public NavigableMap<String, Pool> pools() {
        return pools.pools();
    }

    public NavigableMap<String, Listing> listings() {
        return pools.listings();
    }

    public NavigableMap<String, Position> positions() {
        return pools.positions();
    }

    /** Withdrawals paid and still held back: what each holds and until when. */
    public NavigableMap<Long, HeldWithdrawal> heldWithdrawals() {
        return pools.heldWithdrawals();
    }

    /** Each position's share history, by position key. */
    public NavigableMap<String, ShareHistory> shareHistories() {
        return pools.shareHistories();
    }

    public NavigableMap<Long, WithdrawalRequest> withdrawals() {
        return pools.withdrawals();
    }

    public NavigableMap<Long, Cover> covers() {
        return covers.covers();
    }

    public NavigableSet<Long> activeCoverIds() {
        return covers.activeCoverIds();
    }

    /** The books; read-only use only outside the engine. */
    public Ledger ledger() {
        return ledger;
    }

    /** Per contract key, its eligibility periods: in audited scope or not, by block. */
    public NavigableMap<String, EligibilityHistory> eligibility() {
        return evidence.eligibility();
    }

    /** Per contract key, the scope checks recorded outside the watcher, by block (the latest at each). */
    public NavigableMap<String, ? extends NavigableMap<Long, io.auditcover.evidence.ScopeCheck>> scopeChecks() {
        return evidence.scopeChecks();
    }

    /** Claims' question: was this contract's code in audited scope at {@code block}? Empty before it was first observed. */
    public Optional<EligibilityPeriod> eligibilityAt(String contractKey, long block) {
        return evidence.eligibilityAt(contractKey, block);
    }

    /** Where the chain watcher of each chain id got to: it resumes after this block. */
    public NavigableMap<Long, ChainCursor> chainCursors() {
        return evidence.chainCursors();
    }

    /** Per listing key, what it does while code is out of audited scope (absent: stop selling). */
    public NavigableMap<String, CodeChangePolicy> codeChangePolicies() {
        return pools.codeChangePolicies();
    }

    /** Covers whose protocol's code left audited scope while they were active: cover id to the block it happened. */
    public NavigableMap<Long, Long> exposedCovers() {
        return covers.exposedCovers();
    }

    /** The pricing parameters new quotes use. */
    public PricingParameters pricing() {
        return pricing.parameters();
    }

    public NavigableMap<String, RiskProfile> riskProfiles() {
        return pricing.riskProfiles();
    }

    /** Each listing's market, keyed like listings (pool/protocol). */
    public NavigableMap<String, MarketState> markets() {
        return pricing.markets();
    }

    /** Each listing's claim terms for new covers (keyed like listings); absent: {@link ClaimTerms#defaultTerms}. */
    public NavigableMap<String, ClaimTerms> listingClaimTerms() {
        return claims.listingClaimTerms();
    }

    /** The claim terms frozen into each cover at purchase. */
    public ClaimTerms claimTermsOf(Cover cover) {
        return claimBooks().termsOf(cover);
    }

    /** The oracles that confirm incidents now; null until configured. */
    public AttestationRules attestationRules() {
        return claims.attestationRules();
    }

    public NavigableMap<String, IncidentCase> incidents() {
        return claims.incidents();
    }

    /** Each pool's excess-of-loss layer. */
    public NavigableMap<String, ExcessOfLoss> reinsurance() {
        return claims.reinsurance();
    }

    /** Every claim the rules decided at a settlement, by claim id. */
    public NavigableMap<Long, DecidedClaim> claimRecords() {
        return claims.decidedClaims();
    }

    /** A claim where it now stands; empty for an unknown id. */
    public Optional<Claim> claim(long claimId) {
        return Optional.ofNullable(claims.claim(claimId, coverId -> covers.cover(coverId).holder()))
                .map(claim -> claim.assessment() == null ? claim : claim.withOutcome(io.auditcover.claims.Panels.outcomeNow(claimBooks(), claimId)));
    }

    /** Every claim id, filed or decided, in order. */
    public NavigableSet<Long> claimIds() {
        return claims.claimIds();
    }

    /** Indemnity claims as filed, with the rules' decision at filing. */
    public NavigableMap<Long, FiledClaim> filedClaims() {
        return claims.filedClaims();
    }

    public NavigableMap<String, Assessor> assessors() {
        return claims.assessors();
    }

    public AssessmentRules assessmentRules() {
        return claims.assessmentRules();
    }

    /** Each assessed claim's vote, by claim id. */
    public NavigableMap<Long, Assessment> assessments() {
        return claims.assessments();
    }

    /** This deployment's id, the salt of every signed statement's domain; null until identified. */
    public String deploymentId() {
        return deploymentId;
    }
}
