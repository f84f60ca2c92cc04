package io.auditcover.evidence;

import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the chain showed, checked against the evidence: a new block of a chain, and for each registered contract whether its
 * code (or its proxy's implementation) still matches an audit's scope. Each observation that says something new opens an
 * eligibility period; the protocols whose code left scope are named, so the covers on them can be marked exposed. Also the
 * evidence's own registrations. Pure: reads the evidence book.
 */
public final class ChainObservations {
    /** One observation per registered contract on a chain. */
    public static final int OBSERVATIONS_MAX = 10_000;

    private ChainObservations() {
    }

    /** The periods an observation opens, and the protocols whose code it found out of scope. */
    public record Observed(List<EligibilityChange> changes, SortedSet<String> protocolsLeavingScope) {
    }

    /**
     * invalid_command (shape, chain of a contract, an audit match its audit does not back), chain_block_already_observed,
     * contract_not_found, audit_not_found.
     */
    public static Verdict<Observed> observe(EvidenceBook evidence, long chainId, long block, String blockHash,
            List<CodeObservation> observations) {
        if (chainId <= 0 || block < 0 || !Identifiers.isHash(blockHash) || observations == null || observations.size() > OBSERVATIONS_MAX) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a chain observation needs a chain id, a block, its 0x hash and at most "
                    + OBSERVATIONS_MAX + " contracts"));
        }
        ChainCursor cursor = evidence.chainCursors().get(chainId);
        if (cursor != null && block <= cursor.block()) {
            return Verdict.refused(Refusal.of(Reason.CHAIN_BLOCK_ALREADY_OBSERVED, "chain " + chainId + " is observed up to block "
                    + cursor.block(), Map.of("block", Long.toString(cursor.block()), "block_hash", cursor.blockHash())));
        }
        var changes = new ArrayList<EligibilityChange>();
        var seen = new TreeSet<String>();
        var protocolsLeavingScope = new TreeSet<String>();
        for (CodeObservation observation : observations) {
            DeployedContract contract = evidence.contracts().get(observation.contractKey());
            if (contract == null) {
                return Verdict.refused(Refusal.of(Reason.CONTRACT_NOT_FOUND, "contract " + observation.contractKey() + " is not registered"));
            }
            if (contract.chainId() != chainId || !seen.add(contract.key())) {
                return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "contract " + contract.key() + " is not on chain " + chainId
                        + " or is observed twice"));
            }
            if (observation.matchedAuditId() != null) {
                var audit = evidence.audits().get(observation.matchedAuditId());
                if (audit == null) {
                    return Verdict.refused(Refusal.of(Reason.AUDIT_NOT_FOUND, "audit " + observation.matchedAuditId() + " does not exist"));
                }
                if (!audit.protocolId().equals(contract.protocolId()) || !EligibilityHistory.matchBacked(observation, audit)) {
                    return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "audit " + audit.id() + " does not cover the code of "
                            + contract.key()));
                }
            }
            var next = EligibilityHistory.next(evidence.eligibility().get(contract.key()), observation, block);
            if (next.isPresent()) {
                changes.add(new EligibilityChange(contract.key(), next.get()));
                if (!next.get().inScope()) {
                    protocolsLeavingScope.add(contract.protocolId());
                }
            }
        }
        return Verdict.accepted(new Observed(changes, protocolsLeavingScope));
    }

    /** already_exists. */
    public static Optional<Refusal> refusalToRegister(EvidenceBook evidence, Protocol protocol) {
        return evidence.protocol(protocol.id()) != null
                ? Optional.of(Refusal.of(Reason.ALREADY_EXISTS, "protocol " + protocol.id() + " is already registered"))
                : Optional.empty();
    }

    /** protocol_not_found, already_exists (same chain and address). */
    public static Optional<Refusal> refusalToRegister(EvidenceBook evidence, DeployedContract contract) {
        if (evidence.protocol(contract.protocolId()) == null) {
            return Optional.of(Refusal.notFound(Reason.PROTOCOL_NOT_FOUND, "protocol", contract.protocolId()));
        }
        if (evidence.contracts().containsKey(contract.key())) {
            return Optional.of(Refusal.of(Reason.ALREADY_EXISTS, "contract " + contract.key() + " is already registered"));
        }
        return Optional.empty();
    }

    /** protocol_not_found, already_exists. */
    public static Optional<Refusal> refusalToRegister(EvidenceBook evidence, AuditReport audit) {
        if (evidence.protocol(audit.protocolId()) == null) {
            return Optional.of(Refusal.notFound(Reason.PROTOCOL_NOT_FOUND, "protocol", audit.protocolId()));
        }
        if (evidence.audits().containsKey(audit.id())) {
            return Optional.of(Refusal.of(Reason.ALREADY_EXISTS, "audit " + audit.id() + " is already registered"));
        }
        return Optional.empty();
    }
}
