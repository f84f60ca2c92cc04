package io.auditcover.evidence;

/**
 * From {@code fromBlock} on (until the next period starts), a contract ran this code and was in audited
 * scope (naming the audit) or not (naming the reason).
 */
public record EligibilityPeriod(
        long fromBlock, boolean inScope, String auditId, OutOfScopeReason reason, String codeHash,
        DeployedContract.ProxyImplementation implementation) {

    public EligibilityPeriod {
        if (fromBlock < 0) {
            throw new IllegalArgumentException("block must not be negative: " + fromBlock);
        }
        if (inScope != (auditId != null) || inScope == (reason != null)) {
            throw new IllegalArgumentException("a period in scope names its audit, one out of scope its reason");
        }
        if (!Identifiers.isHash(codeHash)) {
            throw new IllegalArgumentException("code hash must be 0x and 64 lower-case hex digits: " + codeHash);
        }
    }
}
