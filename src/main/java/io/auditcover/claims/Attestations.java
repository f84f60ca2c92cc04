package io.auditcover.claims;

import io.auditcover.reason.Reason;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The k-of-n confirmation of one incident. Signatures are checked before they reach here (the signer
 * is the address the EIP-712 signature recovers to); this counts distinct configured signers, for and
 * against, against the windows of the rules.
 */
public record Attestations(String incidentId, AttestationRules rules, Instant reportedAt, Set<String> signers,
        Optional<Instant> confirmedAt, Set<String> disputers) {

    /** Where the incident stands at a given time. */
    public enum Status {
        /** Fewer than k signatures so far, and still time for more. */
        PENDING,
        /** k signatures, but still inside the dispute window. */
        CONFIRMED,
        /** Confirmed and undisputed past the dispute window: payouts may follow. */
        FINAL,
        /** Not enough signatures in time, or disputed by k oracles. */
        REJECTED
    }

    public Attestations {
        if (incidentId == null || rules == null || reportedAt == null || signers == null || confirmedAt == null || disputers == null) {
            throw new IllegalArgumentException("every part of the attestations is required");
        }
        signers = Set.copyOf(new TreeSet<>(signers));
        disputers = Set.copyOf(new TreeSet<>(disputers));
    }

    public static Attestations reported(String incidentId, AttestationRules rules, Instant reportedAt) {
        return new Attestations(incidentId, rules, reportedAt, Set.of(), Optional.empty(), Set.of());
    }

    public Instant attestationDeadline() {
        return reportedAt.plus(rules.attestationWindow());
    }

    public Status statusAt(Instant now) {
        if (disputers.size() >= rules.threshold()) {
            return Status.REJECTED;
        }
        if (confirmedAt.isPresent()) {
            return now.isBefore(confirmedAt.get().plus(rules.disputeWindow())) ? Status.CONFIRMED : Status.FINAL;
        }
        return now.isAfter(attestationDeadline()) ? Status.REJECTED : Status.PENDING;
    }

    /** Why {@code signer}'s attestation is refused now, as a stable code; empty when it counts. */
    public Optional<Reason> refusalToAttest(String signer, Instant now) {
        if (!rules.oracles().contains(signer)) {
            return Optional.of(Reason.UNKNOWN_ORACLE);
        }
        if (signers.contains(signer)) {
            return Optional.of(Reason.DUPLICATE_ATTESTATION);
        }
        return statusAt(now) == Status.PENDING ? Optional.empty() : Optional.of(Reason.ATTESTATION_WINDOW_CLOSED);
    }

    /** Counts a signature; the k-th confirms the incident at {@code now}. */
    public Attestations attest(String signer, Instant now) {
        refusalToAttest(signer, now).ifPresent(code -> {
            throw new IllegalStateException("attestation refused: " + code);
        });
        var after = new TreeSet<>(signers);
        after.add(signer);
        Optional<Instant> confirmed = after.size() >= rules.threshold() ? Optional.of(now) : Optional.empty();
        return new Attestations(incidentId, rules, reportedAt, after, confirmed, disputers);
    }

    /** Why {@code signer}'s dispute is refused now; empty when it counts (a configured oracle, once, while the incident is confirmed). */
    public Optional<Reason> refusalToDispute(String signer, Instant now) {
        if (!rules.oracles().contains(signer)) {
            return Optional.of(Reason.UNKNOWN_ORACLE);
        }
        if (disputers.contains(signer)) {
            return Optional.of(Reason.DUPLICATE_DISPUTE);
        }
        return statusAt(now) == Status.CONFIRMED ? Optional.empty() : Optional.of(Reason.DISPUTE_WINDOW_CLOSED);
    }

    public Attestations dispute(String signer, Instant now) {
        refusalToDispute(signer, now).ifPresent(code -> {
            throw new IllegalStateException("dispute refused: " + code);
        });
        var after = new TreeSet<>(disputers);
        after.add(signer);
        return new Attestations(incidentId, rules, reportedAt, signers, confirmedAt, after);
    }
}
