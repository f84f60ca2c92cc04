package io.auditcover.evidence;

import java.time.Instant;

/**
 * A recorded answer to "was this contract's code in audited scope at this block?", made outside the chain watcher: either a
 * code observation someone read from a node ({@code observation} and the block's hash present: what {@code chain check}
 * printed) or an operator's judgement with its evidence ({@code observation} null). It answers for exactly its block, since
 * code may change in any block between two checks. In scope names its audit; out of scope its reason.
 *
 * @param checkedBy who observed or judged it: a party id or an address
 * @param evidence what shows it, for people: the node and tool for an observation, a post-mortem or review for a judgement
 */
public record ScopeCheck(String contractKey, long block, boolean inScope, String auditId, OutOfScopeReason reason,
        CodeObservation observation, String blockHash, String checkedBy, String evidence, Instant recordedAt) {
    /** The longest evidence text, in characters. */
    public static final int EVIDENCE_LENGTH_MAX = 2_000;

    public ScopeCheck {
        if (contractKey == null || contractKey.isEmpty() || block < 0 || recordedAt == null) {
            throw new IllegalArgumentException("a scope check names its contract, a block and when it was recorded");
        }
        if (inScope != (auditId != null) || inScope == (reason != null)) {
            throw new IllegalArgumentException("a check in scope names its audit, one out of scope its reason");
        }
        if ((observation == null) != (blockHash == null) || (observation != null && !observation.contractKey().equals(contractKey))) {
            throw new IllegalArgumentException("an observation names its block's hash and this contract");
        }
        if (!Identifiers.isParty(checkedBy) || evidence == null || evidence.isBlank() || evidence.length() > EVIDENCE_LENGTH_MAX) {
            throw new IllegalArgumentException("a scope check names who checked and evidence of at most " + EVIDENCE_LENGTH_MAX
                    + " characters");
        }
    }

    /** Where it came from, as callers see it: {@code chain_check} or {@code operator}. */
    public String source() {
        return observation != null ? "chain_check" : "operator";
    }
}
