package io.auditcover.claims;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One reported incident as the claims book keeps it: the incident, the attestation rules in force at its report, who confirmed
 * and who disputed it, the shares each position of an affected pool held at the incident (they alone bear its loss), the
 * pools whose claims are settled so far (a pool settles once nothing of its own is still open), and when the last of them
 * was ({@code confirmedAt} and {@code settledAt} null until then).
 */
public record IncidentCase(Incident incident, AttestationRules rules, Instant reportedAt, List<String> signers, Instant confirmedAt,
        List<String> disputers, List<SharesAtReport> sharesAtReport, List<String> settledPools, Instant settledAt,
        List<String> pools, List<WithdrawalAtReport> withdrawalsAtReport) {

    public IncidentCase {
        signers = signers.stream().sorted().toList();
        disputers = disputers.stream().sorted().toList();
        sharesAtReport = List.copyOf(sharesAtReport);
        settledPools = settledPools.stream().sorted().toList();
        pools = pools == null ? sharesAtReport.stream().map(SharesAtReport::poolId).distinct().sorted().toList()
                : pools.stream().sorted().toList();
        withdrawalsAtReport = withdrawalsAtReport == null ? List.of() : List.copyOf(withdrawalsAtReport);
    }

    /** The incident as reported: nobody has attested or disputed it yet, and nothing is settled. */
    public static IncidentCase reported(Incident incident, AttestationRules rules, Instant reportedAt, List<SharesAtReport> sharesAtReport,
            List<String> pools, List<WithdrawalAtReport> withdrawalsAtReport) {
        return new IncidentCase(incident, rules, reportedAt, List.of(), null, List.of(), sharesAtReport, List.of(), null, pools,
                withdrawalsAtReport);
    }

    /** Whether the claims of this pool on this incident are settled (or the incident closed). */
    public boolean settledFor(String poolId) {
        return settledAt != null || settledPools.contains(poolId);
    }

    /** The k-of-n count of this incident, for the pure rules. */
    public Attestations attestations() {
        return new Attestations(incident.id(), rules, reportedAt, Set.copyOf(signers), Optional.ofNullable(confirmedAt),
                Set.copyOf(disputers));
    }

    public Attestations.Status statusAt(Instant now) {
        return attestations().statusAt(now);
    }

    /** The pools that bear this incident; their withdrawals wait for it. */
    public List<String> affectedPools() {
        return pools;
    }

    /** Whether {@code poolId} bears this incident: it had cover running when it occurred and the report came within its window. */
    public boolean bornBy(String poolId) {
        return pools.contains(poolId);
    }

    /** Withdrawals from an affected pool wait while the incident is neither settled for it nor rejected. */
    public boolean holdsWithdrawals(String poolId, Instant now) {
        return affectedPools().contains(poolId) && !settledFor(poolId) && statusAt(now) != Attestations.Status.REJECTED;
    }

    public IncidentCase with(Attestations attestations) {
        return new IncidentCase(incident, rules, reportedAt, attestations.signers().stream().sorted().toList(),
                attestations.confirmedAt().orElse(null), attestations.disputers().stream().sorted().toList(), sharesAtReport, settledPools,
                settledAt, pools, withdrawalsAtReport);
    }

    /** These pools are settled at {@code at}; with {@code complete}, so is the whole incident. */
    public IncidentCase settled(List<String> pools, Instant at, boolean complete) {
        var all = new java.util.TreeSet<>(settledPools);
        all.addAll(pools);
        return new IncidentCase(incident, rules, reportedAt, signers, confirmedAt, disputers, sharesAtReport, List.copyOf(all),
                complete ? at : null, this.pools, withdrawalsAtReport);
    }
}
