package io.auditcover.pricing;

import io.auditcover.evidence.Identifiers;
import java.time.LocalDate;
import java.util.List;

/**
 * What pricing needs to know about a protocol beyond its audits: value locked and bug bounty (whole USD), when it went live and
 * its last incident (if any), whether its code can be upgraded and who holds the admin key, the kind of its latest audit, and its
 * DefiLlama listing (what the fitted factors read). Profiles logged before the listing existed decode with an unknown one.
 */
public record RiskProfile(
        String protocolId, long tvlUsd, long bountyUsd, LocalDate launchDate, LocalDate lastIncidentDate, boolean upgradeable,
        AdminKey adminKey, AuditKind auditKind, Listing listing) {
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

    /** More chains than any listed protocol is deployed on. */
    public static final int CHAINS_MAX = 64;
    public static final int LISTING_TEXT_LENGTH_MAX = 64;

    /**
     * The protocol as DefiLlama lists it, in DefiLlama's own spelling (category "Lending", chain "Ethereum", fork parent
     * "Compound V2", audit flag "0"-"3"). Each part may be unknown (null, or no chains): an unknown part has multiplier 1, the
     * population average. {@code forkedFrom} is "" or "none" for original code.
     */
    public record Listing(String category, List<String> chains, String forkedFrom, String auditFlag, LocalDate listedDate) {
        public static final Listing UNKNOWN = new Listing(null, List.of(), null, null, null);

        public Listing {
            chains = chains == null ? List.of() : List.copyOf(chains);
            if (chains.size() > CHAINS_MAX || !fits(category) || !fits(forkedFrom) || !fits(auditFlag)
                    || chains.stream().anyMatch(chain -> chain.isBlank() || !fits(chain))) {
                throw new IllegalArgumentException("a listing has at most " + CHAINS_MAX + " chains and texts of at most "
                        + LISTING_TEXT_LENGTH_MAX + " characters");
            }
        }

        private static boolean fits(String text) {
            return text == null || text.length() <= LISTING_TEXT_LENGTH_MAX;
        }
    }

    /** A profile whose listing is unknown. */
    public RiskProfile(String protocolId, long tvlUsd, long bountyUsd, LocalDate launchDate, LocalDate lastIncidentDate, boolean upgradeable,
            AdminKey adminKey, AuditKind auditKind) {
        this(protocolId, tvlUsd, bountyUsd, launchDate, lastIncidentDate, upgradeable, adminKey, auditKind, Listing.UNKNOWN);
    }

    public RiskProfile {
        Identifiers.requireId(protocolId, "protocol id");
        listing = listing == null ? Listing.UNKNOWN : listing;
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
