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
import io.auditcover.evidence.Protocol;
import io.auditcover.ledger.Ledger;
import io.auditcover.ledger.Transfer;
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
        Map<String, ExcessOfLoss> reinsurance, List<ClaimRecord> claimRecords, List<Event.ClaimFiled> filedClaims,
        List<Event.AssessorRegistered> assessors, AssessmentRules assessmentRules, List<Assessment> assessments,
        List<ShareHistory> shareHistories, List<HeldWithdrawal> heldWithdrawals, String deploymentId) {

    static StateSnapshot of(State state) {
        return new StateSnapshot(state.time, List.copyOf(state.protocols.values()), List.copyOf(state.contracts.values()),
                List.copyOf(state.audits.values()), List.copyOf(state.pools.values()), List.copyOf(state.listings.values()),
                List.copyOf(state.positions.values()), List.copyOf(state.withdrawals.values()), List.copyOf(state.covers.values()),
                new ArrayList<>(state.activeCoverIds), List.copyOf(state.ledger.transfers()),
                state.lastWithdrawalId, state.lastCoverId, state.lastClaimId, List.copyOf(state.eligibility.values()),
                List.copyOf(state.chainCursors.values()), new TreeMap<>(state.codeChangePolicies), new TreeMap<>(state.exposedCovers),
                state.pricing, List.copyOf(state.riskProfiles.values()), List.copyOf(state.markets.values()),
                new TreeMap<>(state.listingClaimTerms), new TreeMap<>(state.coverClaimTerms), state.attestationRules,
                List.copyOf(state.incidents.values()), new TreeMap<>(state.reinsurance), List.copyOf(state.claimRecords.values()),
                List.copyOf(state.filedClaims.values()), List.copyOf(state.assessors.values()), state.assessmentRules,
                List.copyOf(state.assessments.values()), List.copyOf(state.shareHistories.values()),
                List.copyOf(state.heldWithdrawals.values()), state.deploymentId);
    }

    State restore() {
        var state = new State();
        state.time = time;
        protocols.forEach(p -> state.protocols.put(p.id(), p));
        contracts.forEach(c -> state.contracts.put(c.key(), c));
        audits.forEach(a -> state.audits.put(a.id(), a));
        pools.forEach(p -> state.pools.put(p.id(), p));
        listings.forEach(l -> state.listings.put(Listing.key(l.poolId(), l.protocolId()), l));
        positions.forEach(p -> state.positions.put(Position.key(p.poolId(), p.underwriter()), p));
        withdrawals.forEach(w -> state.withdrawals.put(w.id(), w));
        covers.forEach(c -> state.covers.put(c.id(), c));
        state.activeCoverIds.addAll(activeCoverIds);
        state.ledger = Ledger.fromTransfers(transfers);
        state.lastWithdrawalId = lastWithdrawalId;
        state.lastCoverId = lastCoverId;
        state.lastClaimId = lastClaimId;
        if (eligibility != null) {
            eligibility.forEach(h -> state.eligibility.put(h.contractKey(), h));
            chainCursors.forEach(c -> state.chainCursors.put(c.chainId(), c));
            state.codeChangePolicies.putAll(codeChangePolicies);
            state.exposedCovers.putAll(exposedCovers);
        }
        state.pricing = pricing;
        riskProfiles.forEach(p -> state.riskProfiles.put(p.protocolId(), p));
        markets.forEach(m -> state.markets.put(MarketState.key(m.poolId(), m.protocolId()), m));
        if (listingClaimTerms != null) {
            state.listingClaimTerms.putAll(listingClaimTerms);
            state.coverClaimTerms.putAll(coverClaimTerms);
            state.attestationRules = attestationRules;
            incidents.forEach(i -> state.incidents.put(i.incident().id(), i));
            state.reinsurance.putAll(reinsurance);
            claimRecords.forEach(r -> state.claimRecords.put(r.claimId(), r));
            filedClaims.forEach(c -> state.filedClaims.put(c.claimId(), c));
            assessors.forEach(a -> state.assessors.put(a.assessor(), a));
            state.assessmentRules = assessmentRules;
            assessments.forEach(a -> state.assessments.put(a.claimId(), a));
        }
        if (shareHistories != null) {
            shareHistories.forEach(h -> state.shareHistories.put(h.key(), h));
            heldWithdrawals.forEach(w -> state.heldWithdrawals.put(w.requestId(), w));
        }
        state.deploymentId = deploymentId;
        state.reindex();
        return state;
    }

    /** SHA-256 of the canonical encoding, hex: equal states give equal hashes. */
    static String hash(State state) {
        return of(state).hash();
    }

    String hash() {
        return Codec.sha256Hex(Codec.encode(this));
    }
}
