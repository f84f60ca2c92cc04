package io.auditcover.claims;

import io.auditcover.cover.Cover;
import io.auditcover.evidence.Identifiers;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Listing;
import io.auditcover.pool.ShareHistory;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import io.auditcover.reason.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Incidents as the claims book sees them: a report (checked against the evidence, with the pools that bear it and who held
 * their shares when it occurred), oracles' confirmations and disputes, and what an open incident stops: new cover on its
 * protocol, and withdrawals from the pools that bear it. Pure: reads the books and {@code now}.
 */
public final class Incidents {
    private Incidents() {
    }

    /**
     * invalid_command (incident, id shape, occurred after now), attestation_not_configured, protocol_not_found, already_exists,
     * contract_not_found (a contract not registered for the protocol), report_window_closed (every pool with cover running at
     * the incident stopped bearing it: reported later than its report window after it occurred). Pools whose window passed do
     * not bear it; the others record who held their shares when it occurred.
     */
    public static Verdict<IncidentCase> report(Books books, Incident incident, Instant now) {
        if (incident == null || !Identifiers.isId(incident.id())) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "an incident with an id of [a-z0-9._-] is required"));
        }
        if (books.claims().attestationRules() == null) {
            return Verdict.refused(Refusal.of(Reason.ATTESTATION_NOT_CONFIGURED, "no security oracles are configured to confirm incidents"));
        }
        if (!books.evidence().protocols().containsKey(incident.protocolId())) {
            return Verdict.refused(Refusal.of(Reason.PROTOCOL_NOT_FOUND, "protocol " + incident.protocolId() + " does not exist"));
        }
        if (books.claims().incidents().containsKey(incident.id())) {
            return Verdict.refused(Refusal.of(Reason.ALREADY_EXISTS, "incident " + incident.id() + " is already reported"));
        }
        for (String contractKey : incident.contractKeys()) {
            var contract = books.evidence().contracts().get(contractKey);
            if (contract == null || !contract.protocolId().equals(incident.protocolId())) {
                return Verdict.refused(Refusal.of(Reason.CONTRACT_NOT_FOUND, "contract " + contractKey + " is not registered for protocol "
                        + incident.protocolId(), Map.of("contract", contractKey)));
            }
        }
        if (incident.occurredAt().isAfter(now)) {
            return Verdict.refused(Refusal.of(Reason.INVALID_COMMAND, "incident " + incident.id() + " occurred at " + incident.occurredAt() + ", after now"));
        }
        var exposed = poolsWithCoverAt(books, incident);
        var bearing = new TreeSet<String>();
        for (String poolId : exposed) {
            if (!now.isAfter(incident.occurredAt().plus(books.pools().pools().get(poolId).rules().incidentReportWindow()))) {
                bearing.add(poolId);
            }
        }
        if (!exposed.isEmpty() && bearing.isEmpty()) {
            return Verdict.refused(Refusal.of(Reason.REPORT_WINDOW_CLOSED, "incident " + incident.id() + " occurred at " + incident.occurredAt()
                    + ", beyond the report window of every pool with cover on " + incident.protocolId(), Map.of("pools", String.join(",", exposed))));
        }
        var shares = new ArrayList<SharesAtReport>();
        var withdrawals = new ArrayList<WithdrawalAtReport>();
        for (String poolId : bearing) {
            holdersAt(books, poolId, incident.occurredAt(), shares, withdrawals);
        }
        return Verdict.accepted(IncidentCase.reported(incident, books.claims().attestationRules(), now, shares, List.copyOf(bearing),
                withdrawals));
    }

    /** The pools that sold a cover on the incident's protocol that ran when it occurred, whatever became of the cover since. */
    private static TreeSet<String> poolsWithCoverAt(Books books, Incident incident) {
        var pools = new TreeSet<String>();
        for (Cover cover : books.covers().coversOn(incident.protocolId())) {
            if (cover.protocolId().equals(incident.protocolId()) && !incident.occurredAt().isBefore(cover.start())
                    && incident.occurredAt().isBefore(cover.end())) {
                pools.add(cover.poolId());
            }
        }
        return pools;
    }
    /**
     * Who of the pool held shares when the incident occurred, from each position's share history, whatever was settled since:
     * the shares held then that are still in the position, and those withdrawn since from the withdrawals still held back.
     * A later incident's burn does not change who held what when this one occurred.
     */
    public static void holdersAt(Books books, String poolId, Instant occurredAt, List<SharesAtReport> shares,
            List<WithdrawalAtReport> withdrawals) {
        for (ShareHistory history : books.pools().shareHistories().subMap(poolId + "/", poolId + "0").values()) {
            long withdrawnSince = history.withdrawnSince(occurredAt);
            long inPosition = history.sharesAt(occurredAt) - withdrawnSince;
            if (inPosition > 0) {
                shares.add(new SharesAtReport(poolId, history.underwriter(), inPosition));
            }
            for (HeldWithdrawal held : books.pools().heldWithdrawalsOf(poolId)) {
                if (withdrawnSince == 0) {
                    break;
                }
                if (held.poolId().equals(poolId) && held.underwriter().equals(history.underwriter()) && held.paidAt().isAfter(occurredAt)) {
                    long part = Math.min(withdrawnSince, held.shares());
                    withdrawals.add(new WithdrawalAtReport(held.requestId(), poolId, held.underwriter(), part));
                    withdrawnSince -= part;
                }
            }
        }
    }
    /**
     * incident_open when an incident on the listing's protocol is reported, confirmed or final and not yet settled for the
     * listing's pool: premium taken now would buy a cover that cannot pay for it, and the buyer already knows the loss.
     */
    public static Refusal incidentOpen(Books books, Listing listing, Instant now) {
        for (IncidentCase incidentCase : books.claims().incidentsOn(listing.protocolId())) {
            Attestations.Status status = incidentCase.statusAt(now);
            if (incidentCase.incident().protocolId().equals(listing.protocolId()) && !incidentCase.settledFor(listing.poolId())
                    && status != Attestations.Status.REJECTED) {
                String id = incidentCase.incident().id();
                String statusName = status.name().toLowerCase(Locale.ROOT);
                return Refusal.of(Reason.INCIDENT_OPEN, "cover on " + listing.protocolId() + " is not sold while incident " + id + " is "
                        + statusName + " and unsettled", Map.of("incident_id", id, "status", statusName));
            }
        }
        return null;
    }
    /** Whether withdrawals from this pool wait for an incident: incident_pending, or null. */
    public static Refusal withdrawalHeld(Books books, String poolId, Instant now) {
        for (IncidentCase incidentCase : books.claims().incidentsBorneBy(poolId)) {
            if (incidentCase.holdsWithdrawals(poolId, now)) {
                return Refusal.of(Reason.INCIDENT_PENDING, "pool " + poolId + " pays no withdrawal until incident "
                        + incidentCase.incident().id() + " is settled or rejected", Map.of("incident_id", incidentCase.incident().id()));
            }
        }
        return null;
    }

    /**
     * Whether {@code signer} (recovered from its signature) may confirm ({@code confirms}) or dispute the incident now: empty, or
     * unknown_oracle (also a statement signed for another deployment or chain: it recovers to another address),
     * duplicate_attestation, attestation_window_closed, duplicate_dispute, dispute_window_closed.
     */
    public static Optional<Refusal> refusalToAttest(IncidentCase incidentCase, String signer, boolean confirms, Instant now) {
        Attestations attestations = incidentCase.attestations();
        Optional<Reason> refusal = confirms ? attestations.refusalToAttest(signer, now) : attestations.refusalToDispute(signer, now);
        return refusal.map(code -> Refusal.of(code, refusalMessage(code, signer),
                Map.of("signer", signer, "status", attestations.statusAt(now).name().toLowerCase(Locale.ROOT))));
    }

    private static String refusalMessage(Reason code, String signer) {
        return switch (code) {
            case UNKNOWN_ORACLE -> "the statement was signed by " + signer + ", which is not a configured oracle";
            case DUPLICATE_ATTESTATION, DUPLICATE_DISPUTE -> "oracle " + signer + " already signed this statement";
            case ATTESTATION_WINDOW_CLOSED -> "the incident is no longer waiting for confirmations";
            default -> "the incident can be disputed only while it is confirmed and inside its dispute window";
        };
    }
}
