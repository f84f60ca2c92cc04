package io.auditcover.engine;

import io.auditcover.claims.FiledClaim;
import io.auditcover.claims.WithdrawalAtReport;
import io.auditcover.claims.SharesAtReport;
import io.auditcover.claims.IncidentCase;
import io.auditcover.claims.DecidedClaim;
import io.auditcover.claims.Adjudication;
import io.auditcover.claims.Assessment;
import io.auditcover.claims.Attestations;
import io.auditcover.claims.ClaimFacts;
import io.auditcover.claims.ClaimRules;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.ConflictsOfInterest;
import io.auditcover.claims.Incident;
import io.auditcover.claims.PaidElsewhere;
import io.auditcover.claims.ScopeStatus;
import io.auditcover.claims.TriggerKind;
import io.auditcover.cover.Cover;
import io.auditcover.engine.Command.AttestIncident;
import io.auditcover.engine.Command.ConfigureAttestation;
import io.auditcover.engine.Command.DisputeIncident;
import io.auditcover.engine.Command.ReportIncident;
import io.auditcover.engine.Command.SetClaimTerms;
import io.auditcover.engine.Command.SetReinsurance;
import io.auditcover.reason.Reason;
import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.pool.HeldWithdrawal;
import io.auditcover.pool.Position;
import io.auditcover.pool.ShareHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engine's claim decisions up to settlement: frozen claim terms, oracles and reinsurance, incidents reported (with the
 * shares each position held at the incident) and confirmed or disputed by signed oracle statements, indemnity claims decided
 * by {@link ClaimRules} at filing, and every decision explained from the facts it was made on. Settlement is
 * {@link Settlements}. Pure like {@link Decider}: reads state and {@code now}.
 */
public final class ClaimDecisions {
    private ClaimDecisions() {
    }

    /** The terms a cover sold now on this listing gets frozen into it. */
    static ClaimTerms termsForNewCover(State state, Listing listing, Pool pool) {
        ClaimTerms terms = state.claims.listingClaimTerms().get(Listing.key(listing.poolId(), listing.protocolId()));
        return terms != null ? terms : ClaimTerms.defaultTerms(pool.asset());
    }

    /** invalid_command (terms), pool_not_found, protocol_not_listed, asset_mismatch (deductible). */
    static Decision setClaimTerms(State state, SetClaimTerms command) {
        if (command.terms() == null) {
            return Rejection.of(Reason.INVALID_COMMAND, "claim terms are required");
        }
        Pool pool = state.pools.pools().get(command.poolId());
        if (pool == null) {
            return Rejection.of(Reason.POOL_NOT_FOUND, "pool " + command.poolId() + " does not exist");
        }
        if (!state.pools.listings().containsKey(Listing.key(pool.id(), command.protocolId()))) {
            return Rejection.of(Reason.PROTOCOL_NOT_LISTED, "pool " + pool.id() + " does not list " + command.protocolId());
        }
        if (!command.terms().deductible().asset().equals(pool.asset())) {
            return Rejection.of(Reason.ASSET_MISMATCH, "pool " + pool.id() + " keeps " + pool.asset() + ", the deductible is in "
                    + command.terms().deductible().asset());
        }
        return new Event.ClaimTermsSet(pool.id(), command.protocolId(), command.terms());
    }

    /** invalid_command (rules missing). */
    static Decision configureAttestation(ConfigureAttestation command) {
        if (command.rules() == null) {
            return Rejection.of(Reason.INVALID_COMMAND, "attestation rules are required");
        }
        return new Event.AttestationConfigured(command.rules());
    }

    /**
     * invalid_command (incident, id shape, occurred after now), attestation_not_configured, protocol_not_found, already_exists,
     * contract_not_found (a contract not registered for the protocol), report_window_closed (every pool with cover running at
     * the incident stopped bearing it: reported later than its report window after it occurred). Pools whose window passed do
     * not bear it; the others record who held their shares when it occurred.
     */
    static Decision reportIncident(State state, ReportIncident command, Instant now) {
        Incident incident = command.incident();
        if (incident == null || !Identifiers.isId(incident.id())) {
            return Rejection.of(Reason.INVALID_COMMAND, "an incident with an id of [a-z0-9._-] is required");
        }
        if (state.claims.attestationRules() == null) {
            return Rejection.of(Reason.ATTESTATION_NOT_CONFIGURED, "no security oracles are configured to confirm incidents");
        }
        if (!state.evidence.protocols().containsKey(incident.protocolId())) {
            return Rejection.of(Reason.PROTOCOL_NOT_FOUND, "protocol " + incident.protocolId() + " does not exist");
        }
        if (state.claims.incidents().containsKey(incident.id())) {
            return Rejection.of(Reason.ALREADY_EXISTS, "incident " + incident.id() + " is already reported");
        }
        for (String contractKey : incident.contractKeys()) {
            var contract = state.evidence.contracts().get(contractKey);
            if (contract == null || !contract.protocolId().equals(incident.protocolId())) {
                return Rejection.of(Reason.CONTRACT_NOT_FOUND, "contract " + contractKey + " is not registered for protocol "
                        + incident.protocolId(), Map.of("contract", contractKey));
            }
        }
        if (incident.occurredAt().isAfter(now)) {
            return Rejection.of(Reason.INVALID_COMMAND, "incident " + incident.id() + " occurred at " + incident.occurredAt() + ", after now");
        }
        var exposed = poolsWithCoverAt(state, incident);
        var bearing = new TreeSet<String>();
        for (String poolId : exposed) {
            if (!now.isAfter(incident.occurredAt().plus(state.pools.pools().get(poolId).rules().incidentReportWindow()))) {
                bearing.add(poolId);
            }
        }
        if (!exposed.isEmpty() && bearing.isEmpty()) {
            return Rejection.of(Reason.REPORT_WINDOW_CLOSED, "incident " + incident.id() + " occurred at " + incident.occurredAt()
                    + ", beyond the report window of every pool with cover on " + incident.protocolId(), Map.of("pools", String.join(",", exposed)));
        }
        var shares = new ArrayList<SharesAtReport>();
        var withdrawals = new ArrayList<WithdrawalAtReport>();
        for (String poolId : bearing) {
            holdersAt(state, poolId, incident.occurredAt(), shares, withdrawals);
        }
        return new Event.IncidentReported(incident, state.claims.attestationRules(), now, shares, List.copyOf(bearing), withdrawals);
    }

    /** The pools that sold a cover on the incident's protocol that ran when it occurred, whatever became of the cover since. */
    private static TreeSet<String> poolsWithCoverAt(State state, Incident incident) {
        var pools = new TreeSet<String>();
        for (Cover cover : state.covers.coversOn(incident.protocolId())) {
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
    static void holdersAt(State state, String poolId, Instant occurredAt, List<SharesAtReport> shares,
            List<WithdrawalAtReport> withdrawals) {
        for (ShareHistory history : state.pools.shareHistories().subMap(poolId + "/", poolId + "0").values()) {
            long withdrawnSince = history.withdrawnSince(occurredAt);
            long inPosition = history.sharesAt(occurredAt) - withdrawnSince;
            if (inPosition > 0) {
                shares.add(new SharesAtReport(poolId, history.underwriter(), inPosition));
            }
            for (HeldWithdrawal held : state.pools.heldWithdrawalsOf(poolId)) {
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
     * incident_not_found, deployment_not_identified, invalid_signature, unknown_oracle (also a statement signed for another
     * deployment or chain: it recovers to another address), duplicate_attestation, attestation_window_closed.
     */
    static Decision attestIncident(State state, AttestIncident command, Instant now, SignatureRecovery signatures) {
        return attestation(state, command.incidentId(), command.signature(), true, now, signatures);
    }

    /** incident_not_found, deployment_not_identified, invalid_signature, unknown_oracle, duplicate_dispute, dispute_window_closed. */
    static Decision disputeIncident(State state, DisputeIncident command, Instant now, SignatureRecovery signatures) {
        return attestation(state, command.incidentId(), command.signature(), false, now, signatures);
    }

    private static Decision attestation(State state, String incidentId, String signature, boolean confirms, Instant now,
            SignatureRecovery signatures) {
        IncidentCase incidentCase = incidentId == null ? null : state.claims.incidents().get(incidentId);
        if (incidentCase == null) {
            return Rejection.of(Reason.INCIDENT_NOT_FOUND, "incident " + incidentId + " was not reported");
        }
        if (state.deploymentId == null) {
            return Rejection.of(Reason.DEPLOYMENT_NOT_IDENTIFIED, "this deployment has no id yet, so no statement can be signed for it");
        }
        Optional<String> signer = signature == null ? Optional.empty()
                : signatures.incidentSigner(state.deploymentId, incidentCase.incident(), confirms, signature);
        if (signer.isEmpty()) {
            return Rejection.of(Reason.INVALID_SIGNATURE, "the signature is not a well-formed secp256k1 signature of this statement");
        }
        Attestations attestations = incidentCase.attestations();
        Optional<Reason> refusal = confirms ? attestations.refusalToAttest(signer.get(), now)
                : attestations.refusalToDispute(signer.get(), now);
        if (refusal.isPresent()) {
            return Rejection.of(refusal.get(), refusalMessage(refusal.get(), signer.get()),
                    Map.of("signer", signer.get(), "status", attestations.statusAt(now).name().toLowerCase(Locale.ROOT)));
        }
        return new Event.IncidentAttested(incidentId, signer.get(), confirms, now);
    }

    private static String refusalMessage(Reason code, String signer) {
        return switch (code) {
            case UNKNOWN_ORACLE -> "the statement was signed by " + signer + ", which is not a configured oracle";
            case DUPLICATE_ATTESTATION, DUPLICATE_DISPUTE -> "oracle " + signer + " already signed this statement";
            case ATTESTATION_WINDOW_CLOSED -> "the incident is no longer waiting for confirmations";
            default -> "the incident can be disputed only while it is confirmed and inside its dispute window";
        };
    }

    /** pool_not_found, asset_mismatch (layer). A null layer removes the pool's reinsurance. */
    static Decision setReinsurance(State state, SetReinsurance command) {
        Pool pool = state.pools.pools().get(command.poolId());
        if (pool == null) {
            return Rejection.of(Reason.POOL_NOT_FOUND, "pool " + command.poolId() + " does not exist");
        }
        if (command.layer() != null && !command.layer().limit().asset().equals(pool.asset())) {
            return Rejection.of(Reason.ASSET_MISMATCH, "pool " + pool.id() + " keeps " + pool.asset());
        }
        return new Event.ReinsuranceSet(pool.id(), command.layer());
    }

    /**
     * incident_open when an incident on the listing's protocol is reported, confirmed or final and not yet settled for the
     * listing's pool: premium taken now would buy a cover that cannot pay for it, and the buyer already knows the loss.
     */
    static Rejection incidentOpen(State state, Listing listing, Instant now) {
        for (IncidentCase incidentCase : state.claims.incidentsOn(listing.protocolId())) {
            Attestations.Status status = incidentCase.statusAt(now);
            if (incidentCase.incident().protocolId().equals(listing.protocolId()) && !incidentCase.settledFor(listing.poolId())
                    && status != Attestations.Status.REJECTED) {
                String id = incidentCase.incident().id();
                String statusName = status.name().toLowerCase(Locale.ROOT);
                return Rejection.of(Reason.INCIDENT_OPEN, "cover on " + listing.protocolId() + " is not sold while incident " + id + " is "
                        + statusName + " and unsettled", Map.of("incident_id", id, "status", statusName));
            }
        }
        return null;
    }

    /** Whether withdrawals from this pool wait for an incident: incident_pending, or null. */
    static Rejection withdrawalHeld(State state, String poolId, Instant now) {
        for (IncidentCase incidentCase : state.claims.incidentsBorneBy(poolId)) {
            if (incidentCase.holdsWithdrawals(poolId, now)) {
                return Rejection.of(Reason.INCIDENT_PENDING, "pool " + poolId + " pays no withdrawal until incident "
                        + incidentCase.incident().id() + " is settled or rejected", Map.of("incident_id", incidentCase.incident().id()));
            }
        }
        return null;
    }

    /**
     * invalid_command (holder, claimed loss, evidence), cover_not_found, not_owner, incident_not_found, asset_mismatch,
     * invalid_command (not an indemnity cover on the incident's protocol), cover_not_active_at_incident, report_window_closed, incident_not_final (pending or rejected),
     * incident_already_settled, already_exists (one claim per cover and incident). Then the rules decide it at once.
     */
    static Decision fileClaim(State state, Command.FileClaim command, Instant now) {
        if (!Identifiers.isParty(command.holder()) || command.claimedLoss() == null || !command.claimedLoss().isPositive()) {
            return Rejection.of(Reason.INVALID_COMMAND, "a claim needs the holder and a positive claimed loss");
        }
        var evidence = command.evidence();
        if (evidence != null && (evidence.balanceBefore() == null || evidence.balanceAfter() == null || evidence.beforeBlock() < 0
                || evidence.afterBlock() < evidence.beforeBlock())) {
            return Rejection.of(Reason.INVALID_COMMAND, "loss evidence needs both balances and a block before the other");
        }
        Cover cover = state.covers.covers().get(command.coverId());
        if (cover == null) {
            return Rejection.of(Reason.COVER_NOT_FOUND, "cover " + command.coverId() + " does not exist");
        }
        if (!cover.holder().equals(command.holder())) {
            return Rejection.of(Reason.NOT_OWNER, "cover " + cover.id() + " belongs to another holder");
        }
        IncidentCase incidentCase = command.incidentId() == null ? null : state.claims.incidents().get(command.incidentId());
        if (incidentCase == null) {
            return Rejection.of(Reason.INCIDENT_NOT_FOUND, "incident " + command.incidentId() + " was not reported");
        }
        var asset = cover.amount().asset();
        if (!command.claimedLoss().asset().equals(asset) || (evidence != null
                && (!evidence.balanceBefore().asset().equals(asset) || !evidence.balanceAfter().asset().equals(asset)))) {
            return Rejection.of(Reason.ASSET_MISMATCH, "cover " + cover.id() + " pays in " + asset);
        }
        ClaimTerms terms = state.claimTermsOf(cover);
        if (terms.trigger() != TriggerKind.INDEMNITY || !cover.protocolId().equals(incidentCase.incident().protocolId())) {
            return Rejection.of(Reason.INVALID_COMMAND, "only an indemnity cover on the incident's protocol files a claim; parametric covers are paid at settlement");
        }
        Instant occurredAt = incidentCase.incident().occurredAt();
        if (occurredAt.isBefore(cover.start()) || !occurredAt.isBefore(cover.end())) {
            return Rejection.of(Reason.COVER_NOT_ACTIVE_AT_INCIDENT, "cover " + cover.id() + " ran from " + cover.start() + " to " + cover.end()
                    + "; incident " + incidentCase.incident().id() + " occurred at " + occurredAt, Map.of("cover_start", cover.start().toString(),
                    "cover_end", cover.end().toString(), "occurred_at", occurredAt.toString()));
        }
        if (!incidentCase.bornBy(cover.poolId())) {
            return Rejection.of(Reason.REPORT_WINDOW_CLOSED, "pool " + cover.poolId() + " does not bear incident " + incidentCase.incident().id()
                    + ": it was reported after the pool's report window", Map.of("pool_id", cover.poolId()));
        }
        Attestations.Status status = incidentCase.statusAt(now);
        if (status != Attestations.Status.CONFIRMED && status != Attestations.Status.FINAL) {
            return Rejection.of(Reason.INCIDENT_NOT_FINAL, "incident " + incidentCase.incident().id() + " is " + status.name().toLowerCase(Locale.ROOT),
                    Map.of("status", status.name().toLowerCase(Locale.ROOT)));
        }
        if (incidentCase.settledFor(cover.poolId())) {
            return Rejection.of(Reason.INCIDENT_ALREADY_SETTLED, "incident " + incidentCase.incident().id() + " is settled for pool " + cover.poolId());
        }
        for (FiledClaim filed : state.claims.filedClaimsOn(incidentCase.incident().id())) {
            if (filed.coverId() == cover.id() && filed.incidentId().equals(incidentCase.incident().id())) {
                return Rejection.of(Reason.ALREADY_EXISTS, "cover " + cover.id() + " already claimed on this incident as claim " + filed.claimId());
            }
        }
        Money proven = evidence == null ? null : evidence.balanceBefore().minus(evidence.balanceAfter()).max(Money.zero(asset));
        long claimId = state.claims.lastClaimId() + 1;
        PaidElsewhere elsewhere = paidElsewhere(state, cover, incidentCase.incident().id(), claimId, now, Map.of());
        Adjudication adjudication = ClaimRules.check(indemnityFacts(cover, terms, cover.remaining(), incidentCase,
                scopeAt(state, incidentCase.incident()), command.claimedLoss(), proven, elsewhere, now));
        Assessment assessment = null;
        Money deposit = null;
        if (adjudication.decision() == Adjudication.Decision.NEEDS_ASSESSMENT) {
            ConflictsOfInterest conflicts = Assessments.conflicts(state, cover, incidentCase);
            Map<String, Long> panel = Assessments.panel(state, 1, conflicts);
            if (!panel.isEmpty()) {
                assessment = Assessment.open(claimId, 1, state.claims.assessmentRules(), panel, conflicts, now);
                deposit = Assessments.depositFor(command.claimedLoss());
            }
        }
        return new Event.ClaimFiled(claimId, cover.id(), cover.poolId(), incidentCase.incident().id(), command.holder(), command.claimedLoss(),
                proven, now, adjudication.reasonCode(), adjudication.payout(), assessment, deposit);
    }

    static ClaimFacts indemnityFacts(Cover cover, ClaimTerms terms, Money remaining, IncidentCase incidentCase,
            Map<String, ScopeStatus> scope, Money claimed, Money proven, PaidElsewhere elsewhere, Instant filedAt) {
        Incident incident = incidentCase.incident();
        return new ClaimFacts(terms, cover.start(), cover.end(), cover.amount(), remaining, incident.occurredAt(), incident.fromBlock(),
                scope, Optional.of(incident.cause()), claimed, Optional.ofNullable(proven), filedAt, incident.lossShare(), elsewhere);
    }

    /** Whom a cover insures, for paying a loss once: the wallet declared at purchase, or the holder when it names none. */
    static String insured(Cover cover) {
        return cover.wallet() != null ? cover.wallet() : cover.holder();
    }

    /**
     * What the claims filed before {@code beforeClaimId} on other covers insuring the same wallet, in the same asset, on this
     * incident were approved for as of {@code asOf}: as settled by then, else as the rules approved them at filing (nothing
     * while assessors decide). {@code decidedNow} holds the approvals of a settlement being decided. Approvals are made in
     * order (at filing by the rules, at settlement by assessors' accept), each limited by those before it, so together they
     * never exceed the wallet's loss, and of two claims the rules approve the earlier-filed comes first.
     */
    static PaidElsewhere paidElsewhere(State state, Cover cover, String incidentId, long beforeClaimId, Instant asOf,
            Map<Long, Money> decidedNow) {
        String insured = insured(cover);
        Money approved = Money.zero(cover.amount().asset());
        var claimIds = new ArrayList<Long>();
        for (FiledClaim other : state.claims.filedClaimsOn(incidentId)) {
            if (other.claimId() >= beforeClaimId || other.coverId() == cover.id() || !other.incidentId().equals(incidentId)) {
                continue;
            }
            Cover otherCover = state.covers.covers().get(other.coverId());
            if (!insured(otherCover).equals(insured) || !otherCover.amount().asset().equals(approved.asset())) {
                continue;
            }
            Money amount = decidedNow.get(other.claimId());
            if (amount == null) {
                DecidedClaim settled = state.claims.decidedClaims().get(other.claimId());
                amount = settled != null && !settled.decidedAt().isAfter(asOf) ? settled.approved() : other.approved();
            }
            if (amount.isPositive()) {
                approved = approved.plus(amount);
                claimIds.add(other.claimId());
            }
        }
        return new PaidElsewhere(approved, claimIds);
    }

    /** Each exploited contract's scope at the incident's first block, from the eligibility history; unknown where it is silent. */
    static Map<String, ScopeStatus> scopeAt(State state, Incident incident) {
        var scope = new TreeMap<String, ScopeStatus>();
        for (String contractKey : incident.contractKeys()) {
            Optional<EligibilityPeriod> period = state.eligibilityAt(contractKey, incident.fromBlock());
            scope.put(contractKey, period.isEmpty() ? ScopeStatus.UNKNOWN : period.get().inScope() ? ScopeStatus.IN_SCOPE : ScopeStatus.OUT_OF_SCOPE);
        }
        return scope;
    }

    /** A parametric claim is filed by the confirmation itself, at the moment the k-th oracle signed. */
    static ClaimFacts facts(Cover cover, ClaimTerms terms, Money remaining, IncidentCase incidentCase, Map<String, ScopeStatus> scope) {
        Incident incident = incidentCase.incident();
        return new ClaimFacts(terms, cover.start(), cover.end(), cover.amount(), remaining, incident.occurredAt(), incident.fromBlock(),
                scope, Optional.of(incident.cause()), cover.amount(), Optional.empty(), incidentCase.confirmedAt(), incident.lossShare());
    }

    /** The cover's remaining amount when the claim was filed: now, plus what claims settled since then paid. */
    private static Money remainingAtFiling(State state, FiledClaim filed) {
        Cover cover = state.covers.covers().get(filed.coverId());
        Money remaining = cover.remaining();
        for (DecidedClaim record : state.claims.decidedClaimsOn(cover.id())) {
            if (!record.decidedAt().isBefore(filed.filedAt())) {
                remaining = remaining.plus(record.paid());
            }
        }
        return remaining;
    }

    /** A decided claim with every rule's verdict and facts, from the facts it was decided on. */
    public record Explanation(DecidedClaim claim, Adjudication adjudication) {
    }

    /** Why claim {@code claimId} was decided as it was; empty for an unknown claim. */
    public static Optional<Explanation> explain(State state, long claimId) {
        FiledClaim filed = state.claims.filedClaims().get(claimId);
        if (filed != null) {
            Cover cover = state.covers.covers().get(filed.coverId());
            IncidentCase incidentCase = state.claims.incidents().get(filed.incidentId());
            DecidedClaim settled = state.claims.decidedClaims().get(claimId);
            Money zero = Money.zero(cover.amount().asset());
            var record = settled != null ? settled : new DecidedClaim(claimId, cover.id(), filed.incidentId(), cover.poolId(), filed.reasonCode(),
                    filed.approved(), zero, Money.ofUnits(zero.asset(), filed.approved().units()), filed.filedAt());
            var facts = indemnityFacts(cover, state.claimTermsOf(cover), remainingAtFiling(state, filed), incidentCase,
                    scopeAt(state, incidentCase.incident()), filed.claimedLoss(), filed.provenLoss(),
                    paidElsewhere(state, cover, filed.incidentId(), filed.claimId(), filed.filedAt(), Map.of()), filed.filedAt());
            return Optional.of(new Explanation(record, ClaimRules.check(facts)));
        }
        DecidedClaim claim = state.claims.decidedClaims().get(claimId);
        if (claim == null) {
            return Optional.empty();
        }
        Cover cover = state.covers.covers().get(claim.coverId());
        IncidentCase incidentCase = state.claims.incidents().get(claim.incidentId());
        var facts = facts(cover, state.claimTermsOf(cover), claim.remainingCover(), incidentCase, scopeAt(state, incidentCase.incident()));
        return Optional.of(new Explanation(claim, ClaimRules.check(facts)));
    }
}
