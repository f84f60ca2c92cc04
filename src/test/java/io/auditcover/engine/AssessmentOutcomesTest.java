package io.auditcover.engine;

import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Assessment;
import io.auditcover.claims.AssessmentRules;
import io.auditcover.claims.Cause;
import io.auditcover.claims.Claim;
import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.DepositSettled;
import io.auditcover.claims.ListingAssessors;
import io.auditcover.ledger.Account;
import io.auditcover.money.Money;
import io.auditcover.reason.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Assessment through the engine: each vote keeps its rationale; a listing names the assessors who decide its claims (a group,
 * or one delegate deciding alone); and a tie is a draw, which pays nothing, returns the deposit and is never read as approved
 * or as denied.
 */
class AssessmentOutcomesTest {
    static final Money LOSS = Money.whole(USDC, 2_000);
    static final AssessmentRules QUORUM_TWO = new AssessmentRules(Duration.ofDays(3), Duration.ofDays(1), Duration.ofDays(1), 2,
            Duration.ofDays(1), 2);

    /** Pool alpha with capital, assessors as-1 to as-3 on tier 1 and as-4, as-5 on tier 2, bob's cover, a confirmed incident. */
    static Business withAssessors() {
        var book = Business.standard(1_000_000);
        for (int i = 1; i <= 5; i++) {
            book.ok(new Command.RegisterAssessor(book.id(), "as-" + i, 1, i <= 3 ? 1 : 2));
        }
        return book;
    }

    static long bobsCoverAndIncident(Business book, Cause cause) {
        long cover = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", cause, book.now.minusSeconds(60)));
        return cover;
    }

    static Event.ClaimFiled file(Business book, long cover) {
        return (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", cover, "inc-1", LOSS, null));
    }

    @Test
    void each_vote_records_its_rationale_and_one_too_long_is_refused_changing_nothing() {
        var book = withAssessors();
        var claim = file(book, bobsCoverAndIncident(book, Cause.REENTRANCY));
        String tooLong = "x".repeat(Assessment.RATIONALE_LENGTH_MAX + 1);
        String hashBefore = StateSnapshot.hash(book.state);

        var refused = book.no(new Command.CastVote(book.id(), "as-1", claim.claimId(), true, tooLong));

        assertThat(refused.code()).isEqualTo(Reason.RATIONALE_TOO_LONG);
        assertThat(refused.details()).containsEntry("length_max", Integer.toString(Assessment.RATIONALE_LENGTH_MAX));
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(hashBefore);
        assertThat(book.no(new Command.CastVote(book.id(), "as-1", claim.claimId(), true, "  ")).code()).isEqualTo(Reason.INVALID_COMMAND);

        String longest = "y".repeat(Assessment.RATIONALE_LENGTH_MAX);
        book.ok(new Command.CastVote(book.id(), "as-1", claim.claimId(), true, "The tx trace shows the wallet's vault shares drained."));
        book.ok(new Command.CastVote(book.id(), "as-2", claim.claimId(), false, longest));
        book.ok(new Command.CastVote(book.id(), "as-3", claim.claimId(), false));

        Assessment assessment = book.state.assessments().get(claim.claimId());
        assertThat(assessment.rationales()).containsOnlyKeys("as-1", "as-2")
                .containsEntry("as-1", "The tx trace shows the wallet's vault shares drained.").containsEntry("as-2", longest);
        assertThat(StateSnapshot.of(book.state).restore().assessments().get(claim.claimId()).rationales())
                .as("rationales survive a snapshot").isEqualTo(assessment.rationales());
    }

    @Test
    void a_tie_is_a_draw_that_pays_nothing_returns_the_deposit_and_is_neither_approved_nor_denied() {
        var book = withAssessors();
        book.ok(new Command.ConfigureAssessment(book.id(), QUORUM_TWO));
        var claim = file(book, bobsCoverAndIncident(book, Cause.REENTRANCY));
        book.ok(new Command.CastVote(book.id(), "as-1", claim.claimId(), true, "loss shown on chain"));
        book.ok(new Command.CastVote(book.id(), "as-2", claim.claimId(), false, "not the insured position"));
        book.advance(Duration.ofDays(4).plusSeconds(1));
        Money capital = book.state.pools().get("alpha").capital();
        Money outside = book.state.ledger().balance(Account.external(USDC));

        assertThat(book.state.assessments().get(claim.claimId()).tally()).isEqualTo(Assessment.Outcome.DRAW);
        assertThat(Assessment.Outcome.DRAW.pays()).isFalse();
        assertThat(Assessment.Outcome.DRAW.returnsDeposit()).isTrue();
        assertThat(book.no(new Command.AppealClaim(book.id(), "bob", claim.claimId(), LOSS)).code())
                .as("a draw is not a denial: nothing to appeal").isEqualTo(Reason.CLAIM_NOT_DENIED);

        var settled = book.settle("inc-1");

        ClaimDecided decided = settled.claims().get(0);
        assertThat(decided.reasonCode()).isEqualTo("assessors_draw").isNotEqualTo(Reason.APPROVED.wire()).isNotEqualTo("assessors_accept")
                .isNotEqualTo("assessors_deny");
        assertThat(decided.approvedUnits()).isZero();
        assertThat(decided.paidUnits()).isZero();
        assertThat(settled.pools()).as("nothing approved, so no pool pays").isEmpty();
        assertThat(settled.deposits()).singleElement().extracting(DepositSettled::toPool).isEqualTo(false);
        assertThat(book.state.pools().get("alpha").capital()).as("neither a payout nor a forfeited deposit").isEqualTo(capital);
        // The external balance is what left the books to the outside: the deposit went back to bob.
        assertThat(book.state.ledger().balance(Account.external(USDC))).isEqualTo(outside.plus(claim.deposit()));
        Claim view = book.state.claim(claim.claimId()).orElseThrow();
        assertThat(view.stage()).isEqualTo(Claim.Stage.DECIDED);
        assertThat(view.paid().isZero()).isTrue();
        assertThat(book.state.covers().get(claim.coverId()).paid().isZero()).isTrue();
    }

    @Test
    void a_listing_group_decides_its_claims_and_no_assessor_outside_it_sits() {
        var book = withAssessors();
        assertThat(book.no(new Command.SetListingAssessors(book.id(), "alpha", PROTOCOL, List.of("as-1", "nobody"), null)).code())
                .isEqualTo(Reason.ASSESSOR_NOT_FOUND);
        assertThat(book.no(new Command.SetListingAssessors(book.id(), "alpha", PROTOCOL, List.of("as-1"), "as-2")).code())
                .isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.SetListingAssessors(book.id(), "alpha", "ghost", List.of("as-1"), null)).code())
                .isEqualTo(Reason.PROTOCOL_NOT_LISTED);
        book.ok(new Command.SetListingAssessors(book.id(), "alpha", PROTOCOL, List.of("as-2", "as-3", "as-4"), null));
        var claim = file(book, bobsCoverAndIncident(book, Cause.REENTRANCY));

        assertThat(claim.assessment().panel()).as("tier 1 of the group").containsOnlyKeys("as-2", "as-3");
        assertThat(book.no(new Command.CastVote(book.id(), "as-1", claim.claimId(), true)).code()).isEqualTo(Reason.NOT_ON_PANEL);
        book.ok(new Command.CastVote(book.id(), "as-2", claim.claimId(), false));
        book.ok(new Command.CastVote(book.id(), "as-3", claim.claimId(), false));
        book.advance(Duration.ofDays(3));
        assertThat(book.no(new Command.EscalateClaim(book.id(), "bob", claim.claimId())).code())
                .as("every tier of the group is three, not two more than two").isEqualTo(Reason.ESCALATION_PANEL_TOO_SMALL);
    }

    @Test
    void a_delegated_listing_is_decided_by_its_one_outside_assessor_alone() {
        var book = withAssessors();
        book.ok(new Command.SetListingAssessors(book.id(), "alpha", PROTOCOL, List.of(), "lendwell-claims"));
        var claim = file(book, bobsCoverAndIncident(book, Cause.REENTRANCY));

        assertThat(claim.assessment().panel()).containsOnlyKeys("lendwell-claims");
        assertThat(claim.assessment().rules().quorumWeight()).as("the delegate's one vote decides").isEqualTo(1);
        assertThat(book.no(new Command.CastVote(book.id(), "as-1", claim.claimId(), false)).code()).isEqualTo(Reason.NOT_ON_PANEL);
        book.ok(new Command.CastVote(book.id(), "lendwell-claims", claim.claimId(), true, "our post-mortem lists this wallet"));
        book.advance(Duration.ofDays(4).plusSeconds(1));

        var settled = book.settle("inc-1");

        assertThat(settled.claims()).singleElement().satisfies(decided -> {
            assertThat(decided.reasonCode()).isEqualTo("assessors_accept");
            assertThat(decided.paidUnits()).isEqualTo(LOSS.units());
        });
        assertThat(book.state.claimBook().listingAssessors().get("alpha/" + PROTOCOL))
                .isEqualTo(new ListingAssessors("alpha", PROTOCOL, java.util.Set.of(), "lendwell-claims"));
    }

    @Test
    void a_delegate_who_is_a_party_to_the_claim_is_passed_over_for_the_general_panel() {
        var book = withAssessors();
        book.ok(new Command.SetListingAssessors(book.id(), "alpha", PROTOCOL, null, "bob"));
        var claim = file(book, bobsCoverAndIncident(book, Cause.REENTRANCY));

        assertThat(claim.assessment().panel()).containsOnlyKeys("as-1", "as-2", "as-3");
        assertThat(claim.assessment().rules()).isEqualTo(AssessmentRules.STANDARD);
    }
}
