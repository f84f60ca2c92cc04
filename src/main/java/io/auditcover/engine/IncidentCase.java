package io.auditcover.engine;

import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.Attestations;
import io.auditcover.claims.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One reported incident as the engine keeps it: the incident, the attestation rules in force at its report, who confirmed
 * and who disputed it, the shares each position of an affected pool held at the report (they alone bear its loss), and
 * when it was settled ({@code confirmedAt} and {@code settledAt} null until then).
 */
public record IncidentCase(Incident incident, AttestationRules rules, Instant reportedAt, List<String> signers, Instant confirmedAt,
        List<String> disputers, List<Event.SharesAtReport> sharesAtReport, Instant settledAt) {

    public IncidentCase {
        signers = signers.stream().sorted().toList();
        disputers = disputers.stream().sorted().toList();
        sharesAtReport = List.copyOf(sharesAtReport);
    }

    /** The k-of-n count of this incident, for the pure rules. */
    public Attestations attestations() {
        return new Attestations(incident.id(), rules, reportedAt, Set.copyOf(signers), Optional.ofNullable(confirmedAt),
                Set.copyOf(disputers));
    }

    public Attestations.Status statusAt(Instant now) {
        return attestations().statusAt(now);
    }

    /** The pools whose withdrawals wait for this incident. */
    public List<String> affectedPools() {
        return sharesAtReport.stream().map(Event.SharesAtReport::poolId).distinct().sorted().toList();
    }

    /** Withdrawals from affected pools wait while the incident is neither settled nor rejected. */
    public boolean holdsWithdrawals(Instant now) {
        return settledAt == null && statusAt(now) != Attestations.Status.REJECTED;
    }

    IncidentCase with(Attestations attestations) {
        return new IncidentCase(incident, rules, reportedAt, attestations.signers().stream().sorted().toList(),
                attestations.confirmedAt().orElse(null), attestations.disputers().stream().sorted().toList(), sharesAtReport, settledAt);
    }

    IncidentCase settled(Instant at) {
        return new IncidentCase(incident, rules, reportedAt, signers, confirmedAt, disputers, sharesAtReport, at);
    }
}
