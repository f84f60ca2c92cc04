package io.auditcover.engine;

import io.auditcover.evidence.ChainCursor;
import io.auditcover.engine.Command.ObserveChain;
import io.auditcover.engine.Command.SetCodeChangePolicy;
import io.auditcover.engine.Event.EligibilityChange;
import io.auditcover.reason.Reason;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EligibilityHistory;
import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.evidence.Identifiers;
import io.auditcover.pool.CodeChangePolicy;
import io.auditcover.pool.Listing;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeSet;

/**
 * The decisions that chain observations drive: eligibility periods per contract, and what a listing
 * does while its protocol's code is outside every audit's scope. Pure, like {@link Decider}.
 */
final class ChainRules {
    /** One observation per registered contract on a chain. */
    static final int OBSERVATIONS_MAX = 10_000;

    private ChainRules() {
    }

    /**
     * invalid_command (shape, chain of a contract, an audit match its audit does not back),
     * chain_block_already_observed, contract_not_found, audit_not_found. Then every observation that says
     * something new about its contract opens a period; covers on a protocol that left scope become exposed.
     */
    static Decision observeChain(State state, ObserveChain command) {
        if (command.chainId() <= 0 || command.block() < 0 || !Identifiers.isHash(command.blockHash())
                || command.observations() == null || command.observations().size() > OBSERVATIONS_MAX) {
            return Rejection.of(Reason.INVALID_COMMAND, "a chain observation needs a chain id, a block, its 0x hash and at most "
                    + OBSERVATIONS_MAX + " contracts");
        }
        ChainCursor cursor = state.evidence.chainCursors().get(command.chainId());
        if (cursor != null && command.block() <= cursor.block()) {
            return Rejection.of(Reason.CHAIN_BLOCK_ALREADY_OBSERVED, "chain " + command.chainId() + " is observed up to block "
                    + cursor.block(), Map.of("block", Long.toString(cursor.block()), "block_hash", cursor.blockHash()));
        }
        var changes = new ArrayList<EligibilityChange>();
        var seen = new TreeSet<String>();
        var protocolsLeavingScope = new TreeSet<String>();
        for (CodeObservation observation : command.observations()) {
            DeployedContract contract = state.evidence.contracts().get(observation.contractKey());
            if (contract == null) {
                return Rejection.of(Reason.CONTRACT_NOT_FOUND, "contract " + observation.contractKey() + " is not registered");
            }
            if (contract.chainId() != command.chainId() || !seen.add(contract.key())) {
                return Rejection.of(Reason.INVALID_COMMAND, "contract " + contract.key() + " is not on chain " + command.chainId()
                        + " or is observed twice");
            }
            if (observation.matchedAuditId() != null) {
                var audit = state.evidence.audits().get(observation.matchedAuditId());
                if (audit == null) {
                    return Rejection.of(Reason.AUDIT_NOT_FOUND, "audit " + observation.matchedAuditId() + " does not exist");
                }
                if (!audit.protocolId().equals(contract.protocolId()) || !EligibilityHistory.matchBacked(observation, audit)) {
                    return Rejection.of(Reason.INVALID_COMMAND, "audit " + audit.id() + " does not cover the code of " + contract.key());
                }
            }
            var next = EligibilityHistory.next(state.evidence.eligibility().get(contract.key()), observation, command.block());
            if (next.isPresent()) {
                changes.add(new EligibilityChange(contract.key(), next.get()));
                if (!next.get().inScope()) {
                    protocolsLeavingScope.add(contract.protocolId());
                }
            }
        }
        var exposed = new ArrayList<Long>();
        for (long coverId : state.covers.activeCoverIds()) {
            var cover = state.covers.covers().get(coverId);
            if (protocolsLeavingScope.contains(cover.protocolId()) && !state.covers.exposedCovers().containsKey(coverId)) {
                exposed.add(coverId);
            }
        }
        return new Event.ChainObserved(command.chainId(), command.block(), command.blockHash(), changes, exposed);
    }

    /** invalid_command (no policy), pool_not_found, protocol_not_found, protocol_not_listed. */
    static Decision setCodeChangePolicy(State state, SetCodeChangePolicy command) {
        if (command.policy() == null) {
            return Rejection.of(Reason.INVALID_COMMAND, "a code change policy is required");
        }
        if (!state.pools.pools().containsKey(command.poolId())) {
            return Rejection.of(Reason.POOL_NOT_FOUND, "pool " + command.poolId() + " does not exist");
        }
        if (!state.evidence.protocols().containsKey(command.protocolId())) {
            return Rejection.of(Reason.PROTOCOL_NOT_FOUND, "protocol " + command.protocolId() + " does not exist");
        }
        if (!state.pools.listings().containsKey(Listing.key(command.poolId(), command.protocolId()))) {
            return Rejection.of(Reason.PROTOCOL_NOT_LISTED, "pool " + command.poolId() + " does not sell cover on " + command.protocolId());
        }
        return new Event.CodeChangePolicySet(command.poolId(), command.protocolId(), command.policy());
    }

    /** The first contract of the listing's protocol whose current period is out of scope, or null. */
    static Map.Entry<String, EligibilityPeriod> outOfScope(State state, String protocolId) {
        for (var contract : state.evidence.contractsOf(protocolId)) {
            var history = state.evidence.eligibility().get(contract.key());
            if (history != null && !history.current().inScope()) {
                return Map.entry(contract.key(), history.current());
            }
        }
        return null;
    }

    /** coverage_suspended when the listing stops selling while its protocol's code is out of scope; else null. */
    static Rejection salesSuspended(State state, Listing listing) {
        CodeChangePolicy policy = policy(state, listing);
        if (policy.action() != CodeChangePolicy.Action.SUSPEND_SALES) {
            return null;
        }
        var outOfScope = outOfScope(state, listing.protocolId());
        if (outOfScope == null) {
            return null;
        }
        EligibilityPeriod period = outOfScope.getValue();
        return Rejection.of(Reason.COVERAGE_SUSPENDED, "cover on " + listing.protocolId() + " is suspended: contract "
                + outOfScope.getKey() + " runs code outside every audit's scope since block " + period.fromBlock(),
                Map.of("contract", outOfScope.getKey(), "since_block", Long.toString(period.fromBlock()),
                        "reason", period.reason().wire()));
    }

    /** The annual rate a new cover pays: the listed one, or the repriced one while code is out of scope. */
    static long annualRateBps(State state, Listing listing) {
        CodeChangePolicy policy = policy(state, listing);
        if (policy.action() == CodeChangePolicy.Action.REPRICE && outOfScope(state, listing.protocolId()) != null) {
            return policy.rateWhileOutOfScope(listing.annualRateBps());
        }
        return listing.annualRateBps();
    }

    private static CodeChangePolicy policy(State state, Listing listing) {
        return state.pools.codeChangePolicies().getOrDefault(Listing.key(listing.poolId(), listing.protocolId()), CodeChangePolicy.DEFAULT);
    }
}
