package io.auditcover.pricing;

import io.auditcover.evidence.Identifiers;
import java.time.LocalDate;

/**
 * What pricing needs to know about a protocol beyond its audits: value locked and bug bounty (whole USD), when it went live and
 * its last incident (if any), whether its code can be upgraded and who holds the admin key, and the kind of its latest audit.
 */
public record RiskProfile(
        String protocolId, long tvlUsd, long bountyUsd, LocalDate launchDate, LocalDate lastIncidentDate, boolean upgradeable,
        AdminKey adminKey, AuditKind auditKind) {
    /** Far above any protocol's value locked, far below overflow. */
    public static final long USD_MAX = 10_000_000_000_000L;

    /** Who can change the protocol: nobody, a multisig behind a timelock, a multisig, or one key. */
    public enum AdminKey {
        NONE, TIMELOCK_MULTISIG, MULTISIG, SINGLE_KEY
    }

    /** How the latest audit was run; weights the findings-based cover limit. */
    public enum AuditKind {
        CONTEST, FIRM, SOLO
    }

    public RiskProfile {
        Identifiers.requireId(protocolId, "protocol id");
        if (tvlUsd <= 0 || tvlUsd > USD_MAX || bountyUsd < 0 || bountyUsd > USD_MAX) {
            throw new IllegalArgumentException("tvl must be 1-" + USD_MAX + " USD and bounty 0-" + USD_MAX + " USD");
        }
        if (launchDate == null || adminKey == null || auditKind == null) {
            throw new IllegalArgumentException("a risk profile needs a launch date, an admin key kind and an audit kind");
        }
        if (lastIncidentDate != null && lastIncidentDate.isBefore(launchDate)) {
            throw new IllegalArgumentException("last incident cannot precede launch");
        }
    }
}
