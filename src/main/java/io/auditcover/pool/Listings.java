package io.auditcover.pool;

import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.evidence.EvidenceBook;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Asset;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import java.util.Map;
import java.util.Optional;

/**
 * Pools and what they list: a pool is created once; a protocol is listed at a rate only once it has a contract an incident
 * could be reported on; and while a listed protocol's code is outside every audit's scope, the listing's code change policy
 * says whether it keeps selling, reprices or stops. Pure: reads the books.
 */
public final class Listings {
    private Listings() {
    }

    /** invalid_command (pool id shape), already_exists. */
    public static Optional<Refusal> refusalToCreate(PoolBook pools, String poolId, Asset asset, PoolRules rules) {
        if (!Identifiers.isId(poolId) || asset == null || rules == null) {
            return Optional.of(Refusal.of(Reason.INVALID_COMMAND, "a pool needs an id of [a-z0-9._-], an asset and rules"));
        }
        if (pools.pool(poolId) != null) {
            return Optional.of(Refusal.of(Reason.ALREADY_EXISTS, "pool " + poolId + " already exists"));
        }
        return Optional.empty();
    }

    /**
     * rate_out_of_range, pool_not_found, protocol_not_found, protocol_has_no_contract. Listing again changes the rate for new
     * covers only.
     */
    public static Optional<Refusal> refusalToList(PoolBook pools, EvidenceBook evidence, String poolId, String protocolId,
            long annualRateBps) {
        if (annualRateBps <= 0 || annualRateBps > Listing.ANNUAL_RATE_BPS_MAX) {
            return Optional.of(Refusal.of(Reason.RATE_OUT_OF_RANGE, "annual rate must be 1-" + Listing.ANNUAL_RATE_BPS_MAX + " bps"));
        }
        if (pools.pool(poolId) == null) {
            return Optional.of(Refusal.notFound(Reason.POOL_NOT_FOUND, "pool", poolId));
        }
        if (evidence.protocol(protocolId) == null) {
            return Optional.of(Refusal.notFound(Reason.PROTOCOL_NOT_FOUND, "protocol", protocolId));
        }
        if (evidence.contractsOf(protocolId).isEmpty()) {
            return Optional.of(Refusal.of(Reason.PROTOCOL_HAS_NO_CONTRACT, "protocol " + protocolId
                    + " has no registered contract, so no incident could ever be reported on cover sold for it"));
        }
        return Optional.empty();
    }

    /** invalid_command (no policy), pool_not_found, protocol_not_found, protocol_not_listed. */
    public static Optional<Refusal> refusalToSetPolicy(PoolBook pools, EvidenceBook evidence, String poolId, String protocolId,
            CodeChangePolicy policy) {
        if (policy == null) {
            return Optional.of(Refusal.of(Reason.INVALID_COMMAND, "a code change policy is required"));
        }
        if (pools.pool(poolId) == null) {
            return Optional.of(Refusal.of(Reason.POOL_NOT_FOUND, "pool " + poolId + " does not exist"));
        }
        if (evidence.protocol(protocolId) == null) {
            return Optional.of(Refusal.of(Reason.PROTOCOL_NOT_FOUND, "protocol " + protocolId + " does not exist"));
        }
        if (pools.listing(poolId, protocolId) == null) {
            return Optional.of(Refusal.of(Reason.PROTOCOL_NOT_LISTED, "pool " + poolId + " does not sell cover on " + protocolId));
        }
        return Optional.empty();
    }

    /** The first contract of the protocol (by key) whose current period is out of audited scope, or null. */
    public static Map.Entry<String, EligibilityPeriod> outOfScope(EvidenceBook evidence, String protocolId) {
        for (var contract : evidence.contractsOf(protocolId)) {
            var history = evidence.eligibility().get(contract.key());
            if (history != null && !history.current().inScope()) {
                return Map.entry(contract.key(), history.current());
            }
        }
        return null;
    }

    /** coverage_suspended when the listing stops selling while its protocol's code is out of scope; else null. */
    public static Refusal salesSuspended(PoolBook pools, EvidenceBook evidence, Listing listing) {
        if (policy(pools, listing).action() != CodeChangePolicy.Action.SUSPEND_SALES) {
            return null;
        }
        var outOfScope = outOfScope(evidence, listing.protocolId());
        if (outOfScope == null) {
            return null;
        }
        EligibilityPeriod period = outOfScope.getValue();
        return Refusal.of(Reason.COVERAGE_SUSPENDED, "cover on " + listing.protocolId() + " is suspended: contract "
                + outOfScope.getKey() + " runs code outside every audit's scope since block " + period.fromBlock(),
                Map.of("contract", outOfScope.getKey(), "since_block", Long.toString(period.fromBlock()),
                        "reason", period.reason().wire()));
    }

    /** The annual rate a new cover pays: the listed one, or the repriced one while code is out of scope. */
    public static long annualRateBps(PoolBook pools, EvidenceBook evidence, Listing listing) {
        CodeChangePolicy policy = policy(pools, listing);
        if (policy.action() == CodeChangePolicy.Action.REPRICE && outOfScope(evidence, listing.protocolId()) != null) {
            return policy.rateWhileOutOfScope(listing.annualRateBps());
        }
        return listing.annualRateBps();
    }

    private static CodeChangePolicy policy(PoolBook pools, Listing listing) {
        CodeChangePolicy policy = pools.codeChangePolicy(listing.poolId(), listing.protocolId());
        return policy != null ? policy : CodeChangePolicy.DEFAULT;
    }
}
