package io.auditcover.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.auditcover.claims.Assessment;
import io.auditcover.claims.AssessmentRules;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.Assessor;
import io.auditcover.claims.ClaimBook;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.DecidedClaim;
import io.auditcover.claims.FiledClaim;
import io.auditcover.claims.Reimbursement;
import io.auditcover.claims.IncidentCase;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.reinsurance.ReinsuranceTreaty;
import io.auditcover.cover.Cover;
import io.auditcover.cover.CoverBook;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.ChainCursor;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EligibilityHistory;
import io.auditcover.evidence.EvidenceBook;
import io.auditcover.evidence.Protocol;
import io.auditcover.ledger.Ledger;
import io.auditcover.ledger.Transfer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole domain state as one value, in sorted order: what a snapshot stores and what the state
 * hash digests. Idempotency records are kept beside it, not in it, because they are not business state.
 */
record StateSnapshot(
        Instant time, List<Protocol> protocols, List<DeployedContract> contracts, List<AuditReport> audits, List<Pool> pools,
        List<Listing> listings, List<Position> positions, List<WithdrawalRequest> withdrawals, List<Cover> covers,
        List<Long> activeCoverIds, List<Transfer> transfers, long lastWithdrawalId, long lastCoverId,
        long lastClaimId, List<EligibilityHistory> eligibility, List<ChainCursor> chainCursors,
        Map<String, CodeChangePolicy> codeChangePolicies, Map<Long, Long> exposedCovers, PricingParameters pricing,
        List<RiskProfile> riskProfiles, List<MarketState> markets, Map<String, ClaimTerms> listingClaimTerms,
        Map<Long, ClaimTerms> coverClaimTerms, AttestationRules attestationRules, List<IncidentCase> incidents,
        Map<String, ExcessOfLoss> reinsurance, List<DecidedClaim> claimRecords, List<FiledClaim> filedClaims,
        List<Assessor> assessors, AssessmentRules assessmentRules, List<Assessment> assessments,
        List<ShareHistory> shareHistories, List<HeldWithdrawal> heldWithdrawals, String deploymentId,
        // Omitted while empty, so a state from before solvency existed keeps its hash.
        @JsonInclude(JsonInclude.Include.NON_NULL) SolvencyBook.Content solvency,
        // Null while none was declared, for the same reason; in declaration order.
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Reimbursement> reimbursements,
        // Null while no pool has a priced reinsurance layer, for the same reason.
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ReinsuranceTreaty> reinsuranceTreaties,

        // Null while none was recorded, for the same reason; by id.
        @JsonInclude(JsonInclude.Include.NON_NULL) List<io.auditcover.claims.Recovery> recoveries,
        // Null while no pool was reopened: per pool, the incidents whose shortfalls its reopening acknowledged.
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, List<String>> reopenedShortfalls,
        // Null while none was recorded; by contract and block.
        @JsonInclude(JsonInclude.Include.NON_NULL) List<io.auditcover.evidence.ScopeCheck> scopeChecks,
        // Null while no listing names assessors, none was removed, appealed, staked or slashed.
        @JsonInclude(JsonInclude.Include.NON_NULL) io.auditcover.claims.AssessorRecords assessorRecords) {

    static StateSnapshot of(State state) {
        EvidenceBook evidence = state.evidence;
        PoolBook pools = state.pools;
        CoverBook covers = state.covers;
        PricingBook pricing = state.pricing;
        ClaimBook claims = state.claims;
        return new StateSnapshot(state.time, List.copyOf(evidence.protocols().values()), List.copyOf(evidence.contracts().values()),
                List.copyOf(evidence.audits().values()), List.copyOf(pools.pools().values()), List.copyOf(pools.listings().values()),
                List.copyOf(pools.positions().values()), List.copyOf(pools.withdrawals().values()), List.copyOf(covers.covers().values()),
                new ArrayList<>(covers.activeCoverIds()), List.copyOf(state.ledger.transfers()),
                pools.lastWithdrawalId(), covers.lastCoverId(), claims.lastClaimId(), List.copyOf(evidence.eligibility().values()),
                List.copyOf(evidence.chainCursors().values()), new TreeMap<>(pools.codeChangePolicies()), new TreeMap<>(covers.exposedCovers()),
                pricing.parameters(), List.copyOf(pricing.riskProfiles().values()), List.copyOf(pricing.markets().values()),
                new TreeMap<>(claims.listingClaimTerms()), new TreeMap<>(claims.coverClaimTerms()), claims.attestationRules(),
                List.copyOf(claims.incidents().values()), new TreeMap<>(claims.reinsurance()), List.copyOf(claims.decidedClaims().values()),
                List.copyOf(claims.filedClaims().values()), List.copyOf(claims.assessors().values()), claims.assessmentRules(),
                List.copyOf(claims.assessments().values()), List.copyOf(pools.shareHistories().values()),
                List.copyOf(pools.heldWithdrawals().values()), state.deploymentId,
                state.solvency.content(), claims.reimbursements().isEmpty() ? null : List.copyOf(claims.reimbursements()),
                claims.treaties().isEmpty() ? null : List.copyOf(claims.treaties().values()),

                claims.recoveries().isEmpty() ? null : List.copyOf(claims.recoveries().values()), reopenedShortfalls(claims),
                evidence.scopeChecks().isEmpty() ? null : evidence.scopeCheckList(),
                claims.assessorRecords());
    }

    private static Map<String, List<String>> reopenedShortfalls(ClaimBook claims) {
        if (claims.reopenedShortfalls().isEmpty()) {
            return null;
        }
        var reopened = new TreeMap<String, List<String>>();
        claims.reopenedShortfalls().forEach((poolId, incidentIds) -> reopened.put(poolId, List.copyOf(incidentIds)));
        return reopened;
    }

    /** The state this snapshot holds; parts absent in a snapshot from before they existed start empty. */
    State restore() {
        var state = new State();
        state.time = time;
        state.evidence = EvidenceBook.restore(protocols, contracts, audits, orEmpty(eligibility), orEmpty(chainCursors),
                orEmpty(scopeChecks));
        state.pools = PoolBook.restore(pools, listings, positions, withdrawals, orEmpty(shareHistories), orEmpty(heldWithdrawals),
                sorted(codeChangePolicies), lastWithdrawalId);
        state.covers = CoverBook.restore(covers, activeCoverIds, sorted(exposedCovers), lastCoverId);
        state.pricing = PricingBook.restore(pricing, riskProfiles, markets);
        state.claims = ClaimBook.restore(attestationRules, orEmpty(incidents), sorted(listingClaimTerms), sorted(coverClaimTerms),
                sorted(reinsurance), orEmpty(assessors), assessmentRules, orEmpty(filedClaims), orEmpty(assessments), orEmpty(claimRecords),
                lastClaimId, orEmpty(reimbursements), orEmpty(reinsuranceTreaties), orEmpty(recoveries),
                sorted(reopenedShortfalls));
        state.claims.restoreAssessorRecords(assessorRecords);
        state.ledger = Ledger.fromTransfers(transfers);
        state.deploymentId = deploymentId;
        state.solvency = SolvencyBook.restore(solvency);
        return state;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> TreeMap<K, V> sorted(Map<K, V> map) {
        return map == null ? new TreeMap<>() : new TreeMap<>(map);
    }

    /** SHA-256 of the canonical encoding, hex: equal states give equal hashes. */
    static String hash(State state) {
        return of(state).hash();
    }

    String hash() {
        return Codec.sha256Hex(Codec.encode(this));
    }
}
