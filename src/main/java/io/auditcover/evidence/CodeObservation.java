package io.auditcover.evidence;

/**
 * What the chain showed for one registered contract at one block: its runtime code hash, whether it has
 * code at all, the implementation behind it when it is a proxy, and which audit (if any) the chain adapter
 * found covering the covered code. A match by artifact carries the normalized hash it computed, so the
 * engine can check the claim against the audit's scope.
 */
public record CodeObservation(
        String contractKey, String codeHash, boolean hasCode, DeployedContract.ProxyImplementation implementation,
        String matchedAuditId, String matchedNormalizedCodeHash) {

    public CodeObservation {
        if (contractKey == null || contractKey.isEmpty() || contractKey.length() > Identifiers.NAME_LENGTH_MAX) {
            throw new IllegalArgumentException("contract key is required");
        }
        if (!Identifiers.isHash(codeHash)) {
            throw new IllegalArgumentException("code hash must be 0x and 64 lower-case hex digits: " + codeHash);
        }
        if (matchedAuditId != null) {
            Identifiers.requireId(matchedAuditId, "matched audit id");
        }
        if (matchedNormalizedCodeHash != null && !Identifiers.isHash(matchedNormalizedCodeHash)) {
            throw new IllegalArgumentException("normalized code hash must be 0x and 64 lower-case hex digits");
        }
        if (!hasCode && (implementation != null || matchedAuditId != null)) {
            throw new IllegalArgumentException("an address without code has no implementation and matches no audit");
        }
    }

    /** The code an audit must cover: the implementation's for a proxy, else the contract's own. */
    public String coveredCodeHash() {
        return implementation == null ? codeHash : implementation.codeHash();
    }
}
