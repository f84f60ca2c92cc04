package io.auditcover.engine;

import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Appeal;
import io.auditcover.claims.Assessment;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.DepositSettled;
import io.auditcover.claims.Panels;
import io.auditcover.claims.Slash;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.reason.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Assessors and appeals through the engine: an assessor removed from the panels loses its open seats; a stake can be slashed
 * for fraud, held through the cooldown and reversed in it; a denied claim is appealed with a bond, returned when the appeal
 * succeeds and forfeited to the pool when it fails; a stake is taken back by a request and a withdrawal after the cooldown,
 * only while free of open votes; bad input changes nothing.
 */
class AssessorsAndAppealsTest {
    static final Money LOSS = Money.whole(USDC, 2_000);
    static final Money BOND = Panels.appealBondFor(LOSS);

    static Business withAssessors() {
        var book = Business.standard(1_000_000);
        for (int i = 1; i <= 6; i++) {
            book.ok(new Command.RegisterAssessor(book.id(), "as-" + i, 1, i <= 3 ? 1 : 2));
        }
        return book;
    }

    static Event.ClaimFiled claimOn(Business book, Cause cause) {
        long cover = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", cause, book.now.minusSeconds(60)));
        return (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", cover, "inc-1", LOSS, null));
    }

    @Test
    void a_removed_assessor_loses_its_open_seats_its_cast_vote_stops_counting_and_it_sits_on_no_new_panel() {
        var book = withAssessors();
        long otherCover = book.buy("cleo", 10_000).cover().id();
        var claim = claimOn(book, Cause.REENTRANCY);
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, claim.claimId(), false));
        }
        String hashBefore = StateSnapshot.hash(book.state);
        assertThat(book.no(new Command.RemoveAssessor(book.id(), "as-9")).code()).isEqualTo(Reason.ASSESSOR_NOT_FOUND);
        assertThat(book.no(new Command.RemoveAssessor(book.id(), "Not An Id")).code()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(hashBefore);

        var removed = (Event.AssessorRemoved) book.ok(new Command.RemoveAssessor(book.id(), "as-1"));

        assertThat(removed.claimIds()).containsExactly(claim.claimId());
        Assessment assessment = book.state.assessments().get(claim.claimId());
        assertThat(assessment.removed()).containsExactly("as-1");
        assertThat(assessment.weightFor(false)).as("as-1's deny no longer counts").isEqualTo(2);
        assertThat(assessment.tally()).as("two votes are below the quorum of three").isEqualTo(Assessment.Outcome.DRAW);
        assertThat(book.state.assessors()).doesNotContainKey("as-1");
        assertThat(book.no(new Command.RemoveAssessor(book.id(), "as-1")).code()).as("removed already").isEqualTo(Reason.ASSESSOR_NOT_FOUND);

        var other = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", otherCover, "inc-1", LOSS, null));
        assertThat(other.assessment().panel()).as("no new seat").containsOnlyKeys("as-2", "as-3");
        assertThat(book.no(new Command.CastVote(book.id(), "as-1", other.claimId(), true)).code()).isEqualTo(Reason.NOT_ON_PANEL);
        assertThat(book.no(new Command.CastVote(book.id(), "as-1", claim.claimId(), true)).code()).as("its seat is gone").isEqualTo(Reason.NOT_ON_PANEL);
    }

    @Test
    void a_vote_on_an_assessment_already_final_stands_after_its_assessor_is_removed() {
        var book = withAssessors();
        var claim = claimOn(book, Cause.REENTRANCY);
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, claim.claimId(), true));
        }
        book.advance(Duration.ofDays(4).plusSeconds(1));

        var removed = (Event.AssessorRemoved) book.ok(new Command.RemoveAssessor(book.id(), "as-1"));

        assertThat(removed.claimIds()).isEmpty();
        assertThat(book.settle("inc-1").claims()).singleElement().extracting(ClaimDecided::reasonCode).isEqualTo("assessors_accept");
    }

    @Test
    void a_claim_the_rules_denied_is_appealed_with_a_bond_that_comes_back_when_the_appeal_succeeds() {
        var book = withAssessors();
        var claim = claimOn(book, Cause.KEY_COMPROMISE);
        assertThat(claim.reasonCode()).isEqualTo(Reason.CAUSE_EXCLUDED.wire());
        assertThat(claim.assessment()).isNull();
        String hashBefore = StateSnapshot.hash(book.state);
        var tooSmall = book.no(new Command.AppealClaim(book.id(), "bob", claim.claimId(), BOND.minus(Money.ofUnits(USDC, 1))));
        assertThat(tooSmall.code()).isEqualTo(Reason.BOND_TOO_SMALL);
        assertThat(tooSmall.details()).containsEntry("bond_min", BOND.toDecimalString());
        assertThat(book.no(new Command.AppealClaim(book.id(), "cleo", claim.claimId(), BOND)).code()).isEqualTo(Reason.NOT_OWNER);
        assertThat(book.no(new Command.AppealClaim(book.id(), "bob", 99, BOND)).code()).isEqualTo(Reason.CLAIM_NOT_FOUND);
        assertThat(book.no(new Command.AppealClaim(book.id(), "bob", claim.claimId(), Money.whole(EngineFixtures.ETH, 1))).code())
                .isEqualTo(Reason.ASSET_MISMATCH);
        assertThat(StateSnapshot.hash(book.state)).as("refusals change nothing").isEqualTo(hashBefore);

        var appealed = (Event.ClaimAppealed) book.ok(new Command.AppealClaim(book.id(), "bob", claim.claimId(), BOND));

        assertThat(appealed.appeal()).isEqualTo(new Appeal(claim.claimId(), "bob", 1, BOND, book.now));
        assertThat(appealed.assessment().panel()).containsOnlyKeys("as-1", "as-2", "as-3");
        assertThat(book.state.ledger().balance(io.auditcover.ledger.Account.claimDeposits(BOND.asset()))).isEqualTo(BOND);
        assertThat(book.no(new Command.AppealClaim(book.id(), "bob", claim.claimId(), BOND)).code()).isEqualTo(Reason.VOTING_NOT_OVER);
        assertThat(book.no(new Command.EscalateClaim(book.id(), "bob", claim.claimId())).code()).as("no free escalation past the bond")
                .isEqualTo(Reason.ALREADY_APPEALED);
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.ASSESSMENT_OPEN);
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, claim.claimId(), true, "the key was the protocol's, not the holder's"));
        }
        book.advance(Duration.ofDays(4).plusSeconds(1));

        var settled = book.settle("inc-1");

        assertThat(settled.claims()).singleElement().satisfies(decided -> {
            assertThat(decided.reasonCode()).isEqualTo("assessors_accept");
            assertThat(decided.paidUnits()).isEqualTo(LOSS.units());
        });
        assertThat(settled.deposits()).containsExactly(new DepositSettled(claim.claimId(), "alpha", BOND, false));
        assertThat(book.state.ledger().balance(io.auditcover.ledger.Account.claimDeposits(BOND.asset())).isZero()).isTrue();
        assertThat(book.state.claim(claim.claimId()).orElseThrow().appeals()).containsExactly(appealed.appeal());
    }

    @Test
    void a_failed_appeal_forfeits_its_bond_to_the_pool_and_a_denial_is_escalated_once() {
        var book = withAssessors();
        var claim = claimOn(book, Cause.KEY_COMPROMISE);
        book.ok(new Command.AppealClaim(book.id(), "bob", claim.claimId(), BOND));
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, claim.claimId(), false));
        }
        book.advance(Duration.ofDays(3));
        var escalated = (Event.ClaimAppealed) book.ok(new Command.AppealClaim(book.id(), "bob", claim.claimId(), BOND));
        assertThat(escalated.assessment().round()).isEqualTo(2);
        assertThat(escalated.assessment().panel()).containsOnlyKeys("as-1", "as-2", "as-3", "as-4", "as-5", "as-6");
        for (String assessor : List.of("as-1", "as-4", "as-5", "as-6")) {
            book.ok(new Command.CastVote(book.id(), assessor, claim.claimId(), false));
        }
        book.advance(Duration.ofDays(3));
        String hashBefore = StateSnapshot.hash(book.state);
        assertThat(book.no(new Command.AppealClaim(book.id(), "bob", claim.claimId(), BOND)).code())
                .as("a second appeal of the escalation panel's denial").isEqualTo(Reason.ALREADY_APPEALED);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(hashBefore);
        book.advance(Duration.ofDays(1).plusSeconds(1));
        Money capital = book.state.pools().get("alpha").capital();

        var settled = book.settle("inc-1");

        assertThat(settled.claims()).singleElement().extracting(ClaimDecided::reasonCode).isEqualTo("assessors_deny");
        assertThat(settled.deposits()).extracting(DepositSettled::toPool).containsExactly(true, true);
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(capital.plus(BOND).plus(BOND));
        assertThat(book.no(new Command.AppealClaim(book.id(), "bob", claim.claimId(), BOND)).code()).isEqualTo(Reason.INCIDENT_ALREADY_SETTLED);
    }

    @Test
    void an_approved_claim_and_one_sent_to_assessors_cannot_be_appealed() {
        var book = withAssessors();
        long provenCover = book.buy("cleo", 10_000).cover().id();
        var needsAssessment = claimOn(book, Cause.REENTRANCY);
        var approved = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "cleo", provenCover, "inc-1", Money.whole(USDC, 1_000),
                new io.auditcover.claims.LossEvidence(Money.whole(USDC, 1_500), Money.whole(USDC, 500), 149, 152)));
        assertThat(approved.reasonCode()).isEqualTo(Reason.APPROVED.wire());
        String hashBefore = StateSnapshot.hash(book.state);
        var refusedApproved = book.no(new Command.AppealClaim(book.id(), "cleo", approved.claimId(), BOND));
        assertThat(refusedApproved.code()).isEqualTo(Reason.CLAIM_NOT_DENIED);
        assertThat(refusedApproved.details()).containsEntry("reason_code", "approved");
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(hashBefore);
        assertThat(book.no(new Command.AppealClaim(book.id(), "bob", needsAssessment.claimId(), BOND)).code()).isEqualTo(Reason.VOTING_NOT_OVER);
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, needsAssessment.claimId(), true));
        }
        book.advance(Duration.ofDays(3));
        var refused = book.no(new Command.AppealClaim(book.id(), "bob", needsAssessment.claimId(), BOND));
        assertThat(refused.code()).as("accepted by the assessors").isEqualTo(Reason.CLAIM_NOT_DENIED);
        assertThat(refused.details()).containsEntry("outcome", "accept");
    }

    @Test
    void a_slash_is_held_through_the_cooldown_reversed_within_it_or_forfeited_to_the_pool_after() {
        var book = withAssessors();
        var claim = claimOn(book, Cause.REENTRANCY);
        book.ok(new Command.CastVote(book.id(), "as-1", claim.claimId(), true));
        Money stake = Money.whole(USDC, 500);
        assertThat(book.no(new Command.StakeAssessor(book.id(), "as-9", stake)).code()).isEqualTo(Reason.ASSESSOR_NOT_FOUND);
        book.ok(new Command.StakeAssessor(book.id(), "as-1", stake));
        assertThat(book.state.ledger().balance(io.auditcover.ledger.Account.assessorStakes(stake.asset()))).isEqualTo(stake);
        String hashBefore = StateSnapshot.hash(book.state);
        var tooMuch = book.no(new Command.SlashAssessor(book.id(), "as-1", claim.claimId(), stake.plus(Money.ofUnits(USDC, 1)), "bribe"));
        assertThat(tooMuch.code()).isEqualTo(Reason.SLASH_EXCEEDS_STAKE);
        assertThat(tooMuch.details()).containsEntry("stake", stake.toDecimalString());
        assertThat(book.no(new Command.SlashAssessor(book.id(), "as-2", claim.claimId(), stake, "bribe")).code()).isEqualTo(Reason.ASSESSOR_NOT_FOUND);
        book.ok(new Command.StakeAssessor(book.id(), "as-2", stake));
        hashBefore = StateSnapshot.hash(book.state);
        assertThat(book.no(new Command.SlashAssessor(book.id(), "as-2", claim.claimId(), stake, "bribe")).code()).isEqualTo(Reason.VOTE_NOT_FOUND);
        assertThat(book.no(new Command.ReverseSlash(book.id(), 7)).code()).isEqualTo(Reason.SLASH_NOT_FOUND);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(hashBefore);

        var first = ((Event.AssessorSlashed) book.ok(new Command.SlashAssessor(book.id(), "as-1", claim.claimId(), Money.whole(USDC, 200),
                "tx 0xabc: paid by the claimant"))).slash();
        assertThat(first.status()).isEqualTo(Slash.Status.HELD);
        assertThat(book.state.claimBook().stakes().get("as-1")).isEqualTo(Money.whole(USDC, 300));
        assertThat(book.state.ledger().balance(io.auditcover.ledger.Account.assessorSlashesHeld(stake.asset()))).isEqualTo(Money.whole(USDC, 200));
        book.ok(new Command.ReverseSlash(book.id(), first.slashId()));
        assertThat(book.state.claimBook().stakes().get("as-1")).as("reversed in the cooldown").isEqualTo(stake);
        assertThat(book.no(new Command.ReverseSlash(book.id(), first.slashId())).code()).isEqualTo(Reason.SLASH_FINAL);

        var second = ((Event.AssessorSlashed) book.ok(new Command.SlashAssessor(book.id(), "as-1", claim.claimId(), Money.whole(USDC, 100),
                "tx 0xdef"))).slash();
        book.advance(Duration.ofHours(23));
        assertThat(book.state.claimBook().slashes().get(second.slashId()).status()).as("still held").isEqualTo(Slash.Status.HELD);
        Money beforeForfeit = book.state.pools().get("alpha").capital();
        book.now = second.finalAt();
        var tick = (Event.TimeAdvanced) book.ok(new Command.AdvanceTime(book.id()));

        assertThat(tick.forfeitedSlashIds()).containsExactly(second.slashId());
        assertThat(book.state.claimBook().slashes().get(second.slashId()).status()).isEqualTo(Slash.Status.FORFEITED);
        Money earned = tick.earnings().stream().map(Event.PremiumEarned::amount).reduce(Money.zero(USDC), Money::plus);
        assertThat(book.state.pools().get("alpha").capital()).isEqualTo(beforeForfeit.plus(earned).plus(Money.whole(USDC, 100)));
        assertThat(book.no(new Command.ReverseSlash(book.id(), second.slashId())).code()).isEqualTo(Reason.SLASH_FINAL);
        assertThat(book.state.ledger().balance(io.auditcover.ledger.Account.assessorSlashesHeld(stake.asset())).isZero()).isTrue();
        assertThat(book.state.claimBook().stakes().get("as-1")).isEqualTo(Money.whole(USDC, 400));
        assertThat(StateSnapshot.of(book.state).restore().claimBook().assessorRecords()).as("stakes and slashes survive a snapshot")
                .isEqualTo(book.state.claimBook().assessorRecords());
        assertThat(book.state.ledger().balance(new Account("assessors/stakes", USDC))).isEqualTo(Money.whole(USDC, 900));
    }

    @Test
    void a_stake_is_withdrawn_to_the_assessors_wallet_after_the_cooldown_and_only_while_it_sits_on_no_open_vote() {
        var book = withAssessors();
        Money stake = Money.whole(USDC, 500);
        book.ok(new Command.StakeAssessor(book.id(), "as-1", stake));
        var claim = claimOn(book, Cause.REENTRANCY);
        String hashBefore = StateSnapshot.hash(book.state);
        assertThat(book.no(new Command.RequestStakeWithdrawal(book.id(), "as-9", Money.whole(USDC, 100))).code()).as("never staked")
                .isEqualTo(Reason.ASSESSOR_NOT_FOUND);
        assertThat(book.no(new Command.WithdrawStake(book.id(), "as-9")).code()).isEqualTo(Reason.ASSESSOR_NOT_FOUND);
        assertThat(book.no(new Command.WithdrawStake(book.id(), "as-1")).code()).as("nothing requested").isEqualTo(Reason.WITHDRAWAL_NOT_FOUND);
        assertThat(book.no(new Command.RequestStakeWithdrawal(book.id(), "as-1", Money.zero(USDC))).code()).isEqualTo(Reason.INVALID_COMMAND);
        var seated = book.no(new Command.RequestStakeWithdrawal(book.id(), "as-1", Money.whole(USDC, 100)));
        assertThat(seated.code()).as("it sits on claim 1's open vote").isEqualTo(Reason.STAKE_WITHDRAWAL_EXCEEDS_FREE_STAKE);
        assertThat(seated.details()).containsEntry("free_stake", "0.000000");
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(hashBefore);

        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, claim.claimId(), true));
        }
        Assessment assessment = book.state.assessments().get(claim.claimId());
        book.now = assessment.endsAt().plus(assessment.rules().cooldown());
        book.ok(new Command.AdvanceTime(book.id()));
        var tooMuch = book.no(new Command.RequestStakeWithdrawal(book.id(), "as-1", stake.plus(Money.ofUnits(USDC, 1))));
        assertThat(tooMuch.code()).isEqualTo(Reason.STAKE_WITHDRAWAL_EXCEEDS_FREE_STAKE);
        assertThat(tooMuch.details()).containsEntry("free_stake", "500.000000");
        var requested = ((Event.StakeWithdrawalRequested) book.ok(new Command.RequestStakeWithdrawal(book.id(), "as-1", Money.whole(USDC, 200))))
                .withdrawal();
        assertThat(requested.availableAt()).isEqualTo(book.now.plus(assessment.rules().cooldown()));
        var early = book.no(new Command.WithdrawStake(book.id(), "as-1"));
        assertThat(early.code()).isEqualTo(Reason.NOTICE_PERIOD_NOT_OVER);
        assertThat(early.details()).containsEntry("available_at", requested.availableAt().toString());

        book.now = book.now.plus(Duration.ofHours(1));
        var slash = ((Event.AssessorSlashed) book.ok(new Command.SlashAssessor(book.id(), "as-1", claim.claimId(), Money.whole(USDC, 400),
                "found in the notice: paid by the claimant"))).slash();
        book.now = requested.availableAt();
        assertThat(book.no(new Command.WithdrawStake(book.id(), "as-1")).details()).as("slashed in the notice").containsEntry("free_stake",
                "100.000000");
        book.ok(new Command.ReverseSlash(book.id(), slash.slashId()));
        assertThat(StateSnapshot.of(book.state).restore().claimBook().assessorRecords()).as("a pending withdrawal survives a snapshot")
                .isEqualTo(book.state.claimBook().assessorRecords());
        var withdrawn = (Event.StakeWithdrawn) book.ok(new Command.WithdrawStake(book.id(), "as-1"));

        assertThat(withdrawn.amount()).isEqualTo(Money.whole(USDC, 200));
        assertThat(book.state.claimBook().stakes().get("as-1")).isEqualTo(Money.whole(USDC, 300));
        assertThat(book.state.claimBook().stakeWithdrawals()).isEmpty();
        assertThat(book.state.ledger().balance(Account.wallet("as-1", USDC))).isEqualTo(Money.whole(USDC, 200));
        assertThat(book.state.ledger().balance(Account.assessorStakes(USDC))).isEqualTo(Money.whole(USDC, 300));
        assertThat(book.no(new Command.WithdrawStake(book.id(), "as-1")).code()).as("paid once").isEqualTo(Reason.WITHDRAWAL_NOT_FOUND);
    }
}
