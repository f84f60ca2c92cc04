package io.auditcover.engine;

import io.auditcover.claims.AssessorStakes;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Filings;
import io.auditcover.claims.IncidentCase;
import io.auditcover.claims.IncidentSettlements;
import io.auditcover.claims.Incidents;
import io.auditcover.claims.Panels;
import io.auditcover.claims.SettledIncident;
import io.auditcover.pool.Listing;
import io.auditcover.pool.Pool;
import io.auditcover.reason.Reason;
import io.auditcover.reason.Refusal;
import java.time.Instant;
import java.util.Optional;

/**
 * The claim commands, decided by the rules of the claims package ({@link Incidents}, {@link Filings}, {@link Panels},
 * {@link IncidentSettlements}): here each command is only unpacked, handed to its rule with the books, and its verdict turned
 * into the event or the rejection. What needs a port (recovering an oracle's signer) is done here first. Pure like
 * {@link Decider}.
 */
final class ClaimCommands {
    private ClaimCommands() {
    }

    /** invalid_command (terms), pool_not_found, protocol_not_listed, asset_mismatch (deductible). */
    static Decision setClaimTerms(State state, Command.SetClaimTerms command) {
        if (command.terms() == null) {
            return Rejection.of(Reason.INVALID_COMMAND, "claim terms are required");
        }
        Pool pool = state.pools.pool(command.poolId());
        if (pool == null) {
            return Rejection.of(Reason.POOL_NOT_FOUND, "pool " + command.poolId() + " does not exist");
        }
        if (state.pools.listing(pool.id(), command.protocolId()) == null) {
            return Rejection.of(Reason.PROTOCOL_NOT_LISTED, "pool " + pool.id() + " does not list " + command.protocolId());
        }
        if (!command.terms().deductible().asset().equals(pool.asset())) {
            return Rejection.of(Reason.ASSET_MISMATCH, "pool " + pool.id() + " keeps " + pool.asset() + ", the deductible is in "
                    + command.terms().deductible().asset());
        }
        return new Event.ClaimTermsSet(pool.id(), command.protocolId(), command.terms());
    }

    /** invalid_command (rules missing). */
    static Decision configureAttestation(Command.ConfigureAttestation command) {
        if (command.rules() == null) {
            return Rejection.of(Reason.INVALID_COMMAND, "attestation rules are required");
        }
        return new Event.AttestationConfigured(command.rules());
    }

    /** See {@link Incidents#report}. */
    static Decision reportIncident(State state, Command.ReportIncident command, Instant now) {
        return Decision.of(Incidents.report(state.claimBooks(), command.incident(), now), reported -> new Event.IncidentReported(
                reported.incident(), reported.rules(), reported.reportedAt(), reported.sharesAtReport(), reported.pools(),
                reported.withdrawalsAtReport()));
    }

    /**
     * incident_not_found, deployment_not_identified, invalid_signature, then {@link Incidents#refusalToAttest}: the signer is
     * recovered from the statement signed for this deployment, so a statement signed for another recovers to a stranger.
     */
    static Decision attestation(State state, String incidentId, String signature, boolean confirms, Instant now,
            SignatureRecovery signatures) {
        IncidentCase incidentCase = incidentId == null ? null : state.claims.incident(incidentId);
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
        Optional<Refusal> refusal = Incidents.refusalToAttest(incidentCase, signer.get(), confirms, now);
        if (refusal.isPresent()) {
            return Rejection.of(refusal.get());
        }
        return new Event.IncidentAttested(incidentId, signer.get(), confirms, now);
    }

    /**
     * pool_not_found, asset_mismatch (layer), reinsurance_premium_owed (the pool's treaty has premium its capital could not
     * pay yet: a new layer would lose the debt). A null layer removes the pool's reinsurance; a priced layer incepts now, its
     * first treaty year beginning at the engine's time.
     */
    static Decision setReinsurance(State state, Command.SetReinsurance command) {
        Pool pool = state.pools.pool(command.poolId());
        if (pool == null) {
            return Rejection.of(Reason.POOL_NOT_FOUND, "pool " + command.poolId() + " does not exist");
        }
        if (command.layer() != null && !command.layer().limit().asset().equals(pool.asset())) {
            return Rejection.of(Reason.ASSET_MISMATCH, "pool " + pool.id() + " keeps " + pool.asset());
        }
        var treaty = state.claims.treaties().get(pool.id());
        if (treaty != null && treaty.owedUnits() > 0) {
            return Rejection.of(Reason.REINSURANCE_PREMIUM_OWED, "pool " + pool.id() + " owes its reinsurer "
                    + io.auditcover.money.Money.ofUnits(pool.asset(), treaty.owedUnits()) + " of premium: the layer can change once capital has paid it");
        }
        return new Event.ReinsuranceSet(pool.id(), command.layer(), command.layer() != null && command.layer().isTreaty() ? state.time : null);
    }

    /** See {@link Filings#file}. */
    static Decision fileClaim(State state, Command.FileClaim command, Instant now) {
        return Decision.of(Filings.file(state.claimBooks(), command.holder(), command.coverId(), command.incidentId(), command.claimedLoss(),
                command.evidence(), now), ClaimCommands::filed);
    }

    /** See {@link Filings#fileForDepositors}. */
    static Decision fileDepositorClaim(State state, Command.FileDepositorClaim command, Instant now) {
        return Decision.of(Filings.fileForDepositors(state.claimBooks(), command.holder(), command.coverId(), command.incidentId(),
                command.depositors(), now), ClaimCommands::filed);
    }

    private static Event filed(io.auditcover.claims.FiledClaim filed) {
        return new Event.ClaimFiled(filed.claimId(), filed.coverId(), filed.poolId(), filed.incidentId(), filed.holder(), filed.claimedLoss(),
                filed.provenLoss(), filed.filedAt(), filed.reasonCode(), filed.approved(), filed.assessment(), filed.deposit(), filed.evidence(),
                filed.depositors());
    }

    /** See {@link Filings#declareReimbursement}. */
    static Decision declareReimbursement(State state, Command.DeclareReimbursement command, Instant now) {
        return Decision.of(Filings.declareReimbursement(state.claimBooks(), command.declaredBy(), command.coverId(), command.incidentId(),
                command.amount(), command.source(), command.evidence(), now), Event.ReimbursementDeclared::new);
    }

    /**
     * First {@link IncidentSettlements#referrals}: the parametric claims the rules cannot decide go to assessors (the pools
     * they are on settle on a later request); then {@link IncidentSettlements#settle}.
     */
    static Decision settleIncident(State state, Command.SettleIncident command, Instant now) {
        var referred = IncidentSettlements.referrals(state.claimBooks(), command.incidentId(), now);
        if (!referred.isEmpty()) {
            return new Event.ClaimsReferred(command.incidentId(), now, referred);
        }
        return Decision.of(IncidentSettlements.settle(state.claimBooks(), command.incidentId(), now), ClaimCommands::settled);
    }

    private static Event settled(SettledIncident settled) {
        return new Event.IncidentSettled(settled.incidentId(), settled.settledAt(), settled.pools(), settled.claims(), settled.deposits(),
                settled.settledPools(), settled.complete(), settled.depositorsPaid());
    }

    /** See {@link io.auditcover.claims.Recoveries#record}. */
    static Decision recordRecovery(State state, Command.RecordRecovery command, Instant now) {
        return Decision.of(io.auditcover.claims.Recoveries.record(state.claimBooks(), command.incidentId(), command.amount(),
                command.evidence(), now), recovered -> new Event.RecoveryRecorded(recovered.recovery(), recovered.claims(),
                recovered.shortfallPayments(), recovered.restoredShares()));
    }

    /** See {@link io.auditcover.claims.Shortfalls#reopen}. */
    static Decision reopenPool(State state, Command.ReopenPool command, Instant now) {
        return Decision.of(io.auditcover.claims.Shortfalls.reopen(state.claimBooks(), command.poolId(), now),
                reopened -> new Event.PoolReopened(reopened.poolId(), reopened.incidentIds(), reopened.owed(), reopened.at()));
    }

    /** pool_spent while the pool owes claims of an incident it was not reopened after, or null. */
    static Refusal spent(State state, String poolId) {
        Pool pool = state.pools.pool(poolId);
        return pool == null ? null : io.auditcover.claims.Shortfalls.spent(state.claims, pool);
    }

    /** What the pool's claims still owe (paid first from a deposit), or null for an unknown pool. */
    static io.auditcover.money.Money owed(State state, String poolId) {
        Pool pool = state.pools.pool(poolId);
        return pool == null ? null : io.auditcover.claims.Shortfalls.owed(state.claims, pool);
    }

    /** See {@link Panels#register}. */
    static Decision registerAssessor(Command.RegisterAssessor command) {
        return Decision.of(Panels.register(command.assessor(), command.weight(), command.tier()),
                assessor -> new Event.AssessorRegistered(assessor.assessor(), assessor.weight(), assessor.tier()));
    }

    /** invalid_command (rules missing). */
    static Decision configureAssessment(Command.ConfigureAssessment command) {
        if (command.rules() == null) {
            return Rejection.of(Reason.INVALID_COMMAND, "assessment rules are required");
        }
        return new Event.AssessmentConfigured(command.rules());
    }

    static Decision castVote(State state, Command.CastVote command, Instant now) {
        return Decision.of(Panels.vote(state.claimBooks(), command.claimId(), command.assessor(), command.accept(), command.rationale(), now),
                assessment -> new Event.AssessmentChanged(command.claimId(), assessment));
    }

    static Decision undoVotes(State state, Command.UndoVotes command, Instant now) {
        return Decision.of(Panels.undo(state.claimBooks(), command.claimId(), command.assessors(), now),
                assessment -> new Event.AssessmentChanged(command.claimId(), assessment));
    }

    static Decision escalate(State state, Command.EscalateClaim command, Instant now) {
        return Decision.of(Panels.escalate(state.claimBooks(), command.claimId(), command.holder(), now),
                assessment -> new Event.AssessmentChanged(command.claimId(), assessment));
    }

    /** See {@link Panels#nameListingAssessors}. */
    static Decision setListingAssessors(State state, Command.SetListingAssessors command) {
        return Decision.of(Panels.nameListingAssessors(state.claimBooks(), command.poolId(), command.protocolId(), command.group(),
                command.delegate()), Event.ListingAssessorsSet::new);
    }

    /** See {@link Panels#remove}. */
    static Decision removeAssessor(State state, Command.RemoveAssessor command, Instant now) {
        return Decision.of(Panels.remove(state.claimBooks(), command.assessor(), now),
                claimIds -> new Event.AssessorRemoved(command.assessor(), claimIds));
    }

    /** See {@link Panels#appeal}. */
    static Decision appeal(State state, Command.AppealClaim command, Instant now) {
        return Decision.of(Panels.appeal(state.claimBooks(), command.claimId(), command.holder(), command.bond(), now),
                appealed -> new Event.ClaimAppealed(appealed.appeal(), appealed.assessment()));
    }

    /** See {@link AssessorStakes#stake}. */
    static Decision stake(State state, Command.StakeAssessor command) {
        return Decision.of(AssessorStakes.stake(state.claimBooks(), command.assessor(), command.amount()),
                amount -> new Event.AssessorStaked(command.assessor(), amount));
    }

    /** See {@link AssessorStakes#slash}. */
    static Decision slash(State state, Command.SlashAssessor command, Instant now) {
        return Decision.of(AssessorStakes.slash(state.claimBooks(), command.assessor(), command.claimId(), command.amount(),
                command.evidence(), now), Event.AssessorSlashed::new);
    }

    /** See {@link AssessorStakes#reverse}. */
    static Decision reverseSlash(State state, Command.ReverseSlash command, Instant now) {
        return Decision.of(AssessorStakes.reverse(state.claimBooks(), command.slashId(), now), slash -> new Event.SlashReversed(slash.slashId()));
    }

    /** See {@link AssessorStakes#requestWithdrawal}. */
    static Decision requestStakeWithdrawal(State state, Command.RequestStakeWithdrawal command, Instant now) {
        return Decision.of(AssessorStakes.requestWithdrawal(state.claimBooks(), command.assessor(), command.amount(), now),
                Event.StakeWithdrawalRequested::new);
    }

    /** See {@link AssessorStakes#withdraw}. */
    static Decision withdrawStake(State state, Command.WithdrawStake command, Instant now) {
        return Decision.of(AssessorStakes.withdraw(state.claimBooks(), command.assessor(), now),
                request -> new Event.StakeWithdrawn(request.assessor(), request.amount()));
    }

    /** The held slashes forfeited to their pools as time moves to {@code now}. */
    static java.util.List<Long> forfeitedSlashes(State state, Instant now) {
        return AssessorStakes.forfeitable(state.claimBooks(), now);
    }

    /** The terms a cover sold now on this listing gets frozen into it. */
    static ClaimTerms termsForNewCover(State state, Listing listing, Pool pool) {
        return Filings.termsForNewCover(state.claims, listing, pool);
    }

    /** Whether withdrawals from this pool wait for an incident: incident_pending, or null. */
    static Rejection withdrawalHeld(State state, String poolId, Instant now) {
        return rejection(Incidents.withdrawalHeld(state.claimBooks(), poolId, now));
    }

    /** incident_open while an incident on the listing's protocol is unsettled for its pool, or null. */
    static Rejection incidentOpen(State state, Listing listing, Instant now) {
        return rejection(Incidents.incidentOpen(state.claimBooks(), listing, now));
    }

    private static Rejection rejection(Refusal refusal) {
        return refusal == null ? null : Rejection.of(refusal);
    }

}
