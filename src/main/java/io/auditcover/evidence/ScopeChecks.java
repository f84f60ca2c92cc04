package io.auditcover.evidence;

import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;

/**
 * Recording scope at a block without the chain watcher: a code observation read from a node elsewhere (its audit match checked
 * against the audit's scope as the watcher's are), or an operator's judgement with its evidence. Claims read a check at
 * exactly the incident's block before the watcher's eligibility history (see {@link EvidenceBook#scopeCheckAt}). Pure: reads
 * the evidence book.
 */
public final class ScopeChecks {
    /** Distinct checked blocks per contract: a contract checked this often is better followed by the watcher. */
    public static final int BLOCKS_PER_CONTRACT_MAX = 1_000;

    private ScopeChecks() {
    }

    /**
     * invalid_command (shape, who, evidence, the contract's chain), contract_not_found, audit_not_found, invalid_command (an
     * audit match its audit does not back), invalid_command (too many checked blocks).
     */
    public static Verdict<ScopeCheck> observed(EvidenceBook evidence, long chainId, long block, String blockHash, CodeObservation observation,
            String observer, String evidenceText, Instant now) {
        if (chainId <= 0 || block < 0 || !Identifiers.isHash(blockHash) || observation == null) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a code observation needs a chain id, a block, its 0x hash and what was seen"));
        }
        var shape = refusalOfShape(observer, evidenceText);
        if (shape != null) {
            return Verdict.refused(shape);
        }
        DeployedContract contract = evidence.contracts().get(observation.contractKey());
        if (contract == null) {
            return Verdict.refused(Refusal.notFound(Reason.CONTRACT_NOT_FOUND, "contract", observation.contractKey()));
        }
        if (contract.chainId() != chainId) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "contract " + contract.key() + " is not on chain " + chainId));
        }
        if (observation.matchedAuditId() != null) {
            AuditReport audit = evidence.audits().get(observation.matchedAuditId());
            if (audit == null) {
                return Verdict.refused(Refusal.notFound(Reason.AUDIT_NOT_FOUND, "audit", observation.matchedAuditId()));
            }
            if (!audit.protocolId().equals(contract.protocolId()) || !EligibilityHistory.matchBacked(observation, audit)) {
                return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "audit " + audit.id() + " does not cover the code of " + contract.key()));
            }
        }
        var full = refusalToAdd(evidence, contract.key(), block);
        if (full != null) {
            return Verdict.refused(full);
        }
        boolean inScope = observation.matchedAuditId() != null;
        OutOfScopeReason reason = inScope ? null : observation.hasCode() ? OutOfScopeReason.UNKNOWN_CODE : OutOfScopeReason.SELF_DESTRUCTED;
        return Verdict.accepted(new ScopeCheck(contract.key(), block, inScope, observation.matchedAuditId(), reason, observation, blockHash,
                observer, evidenceText, now));
    }

    /**
     * invalid_command (shape, who, evidence), contract_not_found, invalid_command (in scope without an audit, out of scope with
     * one), audit_not_found, invalid_command (the audit is another protocol's), invalid_command (too many checked blocks).
     */
    public static Verdict<ScopeCheck> judged(EvidenceBook evidence, String contractKey, long block, boolean inScope, String auditId,
            OutOfScopeReason reason, String checkedBy, String evidenceText, Instant now) {
        if (contractKey == null || block < 0) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "a scope check needs a contract and a block"));
        }
        var shape = refusalOfShape(checkedBy, evidenceText);
        if (shape != null) {
            return Verdict.refused(shape);
        }
        DeployedContract contract = evidence.contracts().get(contractKey);
        if (contract == null) {
            return Verdict.refused(Refusal.notFound(Reason.CONTRACT_NOT_FOUND, "contract", contractKey));
        }
        if (inScope != (auditId != null) || (inScope && reason != null)) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "in scope names the audit whose scope holds the code; out of scope names none"));
        }
        if (inScope) {
            AuditReport audit = evidence.audits().get(auditId);
            if (audit == null) {
                return Verdict.refused(Refusal.notFound(Reason.AUDIT_NOT_FOUND, "audit", auditId));
            }
            if (!audit.protocolId().equals(contract.protocolId())) {
                return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "audit " + audit.id() + " is not an audit of " + contract.protocolId()));
            }
        }
        var full = refusalToAdd(evidence, contract.key(), block);
        if (full != null) {
            return Verdict.refused(full);
        }
        return Verdict.accepted(new ScopeCheck(contract.key(), block, inScope, auditId,
                inScope ? null : reason == null ? OutOfScopeReason.UNKNOWN_CODE : reason, null, null, checkedBy, evidenceText, now));
    }

    private static Refusal refusalOfShape(String checkedBy, String evidenceText) {
        if (!Identifiers.isParty(checkedBy)) {
            return Refusal.of(Reason.INVALID_COMMAND, "who checked must be an id of [a-z0-9._-] or a 0x address");
        }
        if (evidenceText == null || evidenceText.isBlank() || evidenceText.length() > ScopeCheck.EVIDENCE_LENGTH_MAX) {
            return Refusal.of(Reason.INVALID_COMMAND, "a scope check needs evidence of 1-" + ScopeCheck.EVIDENCE_LENGTH_MAX + " characters");
        }
        return null;
    }

    private static Refusal refusalToAdd(EvidenceBook evidence, String contractKey, long block) {
        var checked = evidence.scopeChecks().get(contractKey);
        if (checked != null && !checked.containsKey(block) && checked.size() >= BLOCKS_PER_CONTRACT_MAX) {
            return Refusal.of(Reason.INVALID_COMMAND, "contract " + contractKey + " already has scope checks at "
                    + BLOCKS_PER_CONTRACT_MAX + " blocks");
        }
        return null;
    }
}
