package io.auditcover.evidence;

import java.util.Collection;

/** Whether deployed code is the audited code: its covered code hash appears in some audit's scope. */
public final class AuditScope {
    private AuditScope() {
    }

    public static boolean inScope(DeployedContract contract, Collection<AuditReport> audits) {
        String hash = contract.coveredCodeHash();
        for (AuditReport audit : audits) {
            if (audit.covers(hash)) {
                return true;
            }
        }
        return false;
    }
}
