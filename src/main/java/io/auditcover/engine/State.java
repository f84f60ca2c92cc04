package io.auditcover.engine;

import io.auditcover.claims.Assessment;
import io.auditcover.claims.AssessmentRules;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.ExcessOfLoss;
import io.auditcover.cover.Cover;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EligibilityHistory;
import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.evidence.Protocol;
import io.auditcover.ledger.Ledger;
import io.auditcover.pool.CodeChangePolicy;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.Position;
import io.auditcover.pool.ShareHistory;
import io.auditcover.pool.WithdrawalRequest;
import io.auditcover.pricing.MarketState;
import io.auditcover.pricing.PricingParameters;
import io.auditcover.pricing.RiskProfile;
import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the engine knows, as the fold of all events. Sorted maps only, so iteration (and thus the
 * state hash and every decision) never depends on hash order. Only {@link Applier} changes it, on the
 * writer thread; everyone else sees read-only views.
 */
public final class State {
    Instant time = Instant.EPOCH;
    final TreeMap<String, Protocol> protocols = new TreeMap<>();
    final TreeMap<String, DeployedContract> contracts = new TreeMap<>();
    final TreeMap<String, AuditReport> audits = new TreeMap<>();
    final TreeMap<String, Pool> pools = new TreeMap<>();
    final TreeMap<String, Listing> listings = new TreeMap<>();
    final TreeMap<String, Position> positions = new TreeMap<>();
    final TreeMap<Long, WithdrawalRequest> withdrawals = new TreeMap<>();
    final TreeMap<Long, Cover> covers = new TreeMap<>();
    final TreeSet<Long> activeCoverIds = new TreeSet<>();
    Ledger ledger = new Ledger();
    long lastWithdrawalId;
    long lastCoverId;
    long lastClaimId;
    final TreeMap<String, EligibilityHistory> eligibility = new TreeMap<>();
    final TreeMap<Long, ChainCursor> chainCursors = new TreeMap<>();
    final TreeMap<String, CodeChangePolicy> codeChangePolicies = new TreeMap<>();
    final TreeMap<Long, Long> exposedCovers = new TreeMap<>();
    PricingParameters pricing = PricingFile.bundled();
    final TreeMap<String, RiskProfile> riskProfiles = new TreeMap<>();
    final TreeMap<String, MarketState> markets = new TreeMap<>();
    final TreeMap<String, ClaimTerms> listingClaimTerms = new TreeMap<>();
    final TreeMap<Long, ClaimTerms> coverClaimTerms = new TreeMap<>();
    AttestationRules attestationRules;
    final TreeMap<String, IncidentCase> incidents = new TreeMap<>();
    final TreeMap<String, ExcessOfLoss> reinsurance = new TreeMap<>();
    final TreeMap<Long, ClaimRecord> claimRecords = new TreeMap<>();
    final TreeMap<Long, Event.ClaimFiled> filedClaims = new TreeMap<>();
    final TreeMap<String, Event.AssessorRegistered> assessors = new TreeMap<>();
    AssessmentRules assessmentRules = AssessmentRules.STANDARD;
    final TreeMap<Long, Assessment> assessments = new TreeMap<>();
    /** Per position key, every change to its shares dated by its cause: who held what when an incident occurred. */
    final TreeMap<String, ShareHistory> shareHistories = new TreeMap<>();
    /** Withdrawals paid and held back for their pool's report window, by request id. */
    final TreeMap<Long, HeldWithdrawal> heldWithdrawals = new TreeMap<>();

    // Indexes derived from the maps above (rebuilt on restore, never in the state hash), so that a decision reads what it
    // concerns and not the whole book. Sorted, so walking one gives the same order as filtering the map it indexes.
    final TreeMap<String, TreeSet<String>> contractKeysByProtocol = new TreeMap<>();
    final TreeMap<String, TreeSet<String>> auditIdsByProtocol = new TreeMap<>();
    final TreeMap<String, TreeSet<Long>> coverIdsByProtocol = new TreeMap<>();
    final TreeMap<String, TreeSet<Long>> filedClaimIdsByIncident = new TreeMap<>();
    String deploymentId;

    public Instant time() {
        return time;
    }

    static <K, V> void index(TreeMap<K, TreeSet<V>> index, K key, V value) {
        index.computeIfAbsent(key, k -> new TreeSet<>()).add(value);
    }

    /** Rebuilds every index from the maps it derives from (after a snapshot is restored or the state copied). */
    void reindex() {
        contractKeysByProtocol.clear();
        auditIdsByProtocol.clear();
        coverIdsByProtocol.clear();
        filedClaimIdsByIncident.clear();
        contracts.values().forEach(contract -> index(contractKeysByProtocol, contract.protocolId(), contract.key()));
        audits.values().forEach(audit -> index(auditIdsByProtocol, audit.protocolId(), audit.id()));
        covers.values().forEach(cover -> index(coverIdsByProtocol, cover.protocolId(), cover.id()));
        filedClaims.values().forEach(claim -> index(filedClaimIdsByIncident, claim.incidentId(), claim.claimId()));
    }

    /** The protocol's registered contracts, by key. */
    java.util.List<DeployedContract> contractsOf(String protocolId) {
        return contractKeysByProtocol.getOrDefault(protocolId, new TreeSet<>()).stream().map(contracts::get).toList();
    }

    java.util.List<AuditReport> auditsOf(String protocolId) {
        return auditIdsByProtocol.getOrDefault(protocolId, new TreeSet<>()).stream().map(audits::get).toList();
    }

    /** Every cover ever sold on the protocol, by id. */
    java.util.List<Cover> coversOn(String protocolId) {
        return coverIdsByProtocol.getOrDefault(protocolId, new TreeSet<>()).stream().map(covers::get).toList();
    }

    /** The indemnity claims filed on the incident, by claim id. */
    java.util.List<Event.ClaimFiled> filedClaimsOn(String incidentId) {
        return filedClaimIdsByIncident.getOrDefault(incidentId, new TreeSet<>()).stream().map(filedClaims::get).toList();
    }

    public NavigableMap<String, Protocol> protocols() {
        return Collections.unmodifiableNavigableMap(protocols);
    }

    public NavigableMap<String, DeployedContract> contracts() {
        return Collections.unmodifiableNavigableMap(contracts);
    }

    public NavigableMap<String, AuditReport> audits() {
        return Collections.unmodifiableNavigableMap(audits);
    }

    public NavigableMap<String, Pool> pools() {
        return Collections.unmodifiableNavigableMap(pools);
    }

    public NavigableMap<String, Listing> listings() {
        return Collections.unmodifiableNavigableMap(listings);
    }

    public NavigableMap<String, Position> positions() {
        return Collections.unmodifiableNavigableMap(positions);
    }

    /** Withdrawals paid and still held back: what each holds and until when. */
    public NavigableMap<Long, HeldWithdrawal> heldWithdrawals() {
        return Collections.unmodifiableNavigableMap(heldWithdrawals);
    }

    /** Each position's share history, by position key. */
    public NavigableMap<String, ShareHistory> shareHistories() {
        return Collections.unmodifiableNavigableMap(shareHistories);
    }

    public NavigableMap<Long, WithdrawalRequest> withdrawals() {
        return Collections.unmodifiableNavigableMap(withdrawals);
    }

    public NavigableMap<Long, Cover> covers() {
        return Collections.unmodifiableNavigableMap(covers);
    }

    public NavigableSet<Long> activeCoverIds() {
        return Collections.unmodifiableNavigableSet(activeCoverIds);
    }

    /** The books; read-only use only outside the engine. */
    public Ledger ledger() {
        return ledger;
    }

    /** Per contract key, its eligibility periods: in audited scope or not, by block. */
    public NavigableMap<String, EligibilityHistory> eligibility() {
        return Collections.unmodifiableNavigableMap(eligibility);
    }

    /** Claims' question: was this contract's code in audited scope at {@code block}? Empty before it was first observed. */
    public Optional<EligibilityPeriod> eligibilityAt(String contractKey, long block) {
        EligibilityHistory history = eligibility.get(contractKey);
        return history == null ? Optional.empty() : history.at(block);
    }

    /** Where the chain watcher of each chain id got to: it resumes after this block. */
    public NavigableMap<Long, ChainCursor> chainCursors() {
        return Collections.unmodifiableNavigableMap(chainCursors);
    }

    /** Per listing key, what it does while code is out of audited scope (absent: stop selling). */
    public NavigableMap<String, CodeChangePolicy> codeChangePolicies() {
        return Collections.unmodifiableNavigableMap(codeChangePolicies);
    }

    /** Covers whose protocol's code left audited scope while they were active: cover id to the block it happened. */
    public NavigableMap<Long, Long> exposedCovers() {
        return Collections.unmodifiableNavigableMap(exposedCovers);
    }

    /** The pricing parameters new quotes use. */
    public PricingParameters pricing() {
        return pricing;
    }

    public NavigableMap<String, RiskProfile> riskProfiles() {
        return Collections.unmodifiableNavigableMap(riskProfiles);
    }

    /** Each listing's market, keyed like listings (pool/protocol). */
    public NavigableMap<String, MarketState> markets() {
        return Collections.unmodifiableNavigableMap(markets);
    }

    /** Each listing's claim terms for new covers (keyed like listings); absent: {@link ClaimDecisions#defaultTerms}. */
    public NavigableMap<String, ClaimTerms> listingClaimTerms() {
        return Collections.unmodifiableNavigableMap(listingClaimTerms);
    }

    /** The claim terms frozen into each cover at purchase. */
    public ClaimTerms claimTermsOf(Cover cover) {
        ClaimTerms terms = coverClaimTerms.get(cover.id());
        return terms != null ? terms : ClaimDecisions.defaultTerms(cover.amount().asset());
    }

    /** The oracles that confirm incidents now; null until configured. */
    public AttestationRules attestationRules() {
        return attestationRules;
    }

    public NavigableMap<String, IncidentCase> incidents() {
        return Collections.unmodifiableNavigableMap(incidents);
    }

    /** Each pool's excess-of-loss layer. */
    public NavigableMap<String, ExcessOfLoss> reinsurance() {
        return Collections.unmodifiableNavigableMap(reinsurance);
    }

    /** Every claim the rules decided at a settlement, by claim id. */
    public NavigableMap<Long, ClaimRecord> claimRecords() {
        return Collections.unmodifiableNavigableMap(claimRecords);
    }

    /** A claim as readers see it, filed or decided; empty for an unknown id. */
    public Optional<ClaimCase> claim(long claimId) {
        return Optional.ofNullable(ClaimCase.of(this, claimId));
    }

    /** Every claim id, filed or decided, in order. */
    public NavigableSet<Long> claimIds() {
        var ids = new TreeSet<>(claimRecords.keySet());
        ids.addAll(filedClaims.keySet());
        return Collections.unmodifiableNavigableSet(ids);
    }

    /** Indemnity claims as filed, with the rules' decision at filing. */
    public NavigableMap<Long, Event.ClaimFiled> filedClaims() {
        return Collections.unmodifiableNavigableMap(filedClaims);
    }

    public NavigableMap<String, Event.AssessorRegistered> assessors() {
        return Collections.unmodifiableNavigableMap(assessors);
    }

    public AssessmentRules assessmentRules() {
        return assessmentRules;
    }

    /** Each assessed claim's vote, by claim id. */
    public NavigableMap<Long, Assessment> assessments() {
        return Collections.unmodifiableNavigableMap(assessments);
    }

    /** This deployment's id, the salt of every signed statement's domain; null until identified. */
    public String deploymentId() {
        return deploymentId;
    }
}
