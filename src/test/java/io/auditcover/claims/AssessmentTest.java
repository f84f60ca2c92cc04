package io.auditcover.claims;

import io.auditcover.reason.Reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.claims.Assessment.Outcome;
import io.auditcover.claims.Assessment.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssessmentTest {
    static final Instant OPENED = Instant.parse("2026-03-02T00:00:00Z");
    static final Map<String, Long> PANEL_OF_FIVE = Map.of("ana", 1L, "ben", 1L, "cy", 1L, "dee", 1L, "eve", 1L);
    static final Map<String, Long> PANEL_OF_SEVEN = Map.of("ana", 1L, "ben", 1L, "cy", 1L, "dee", 1L, "eve", 1L, "fay", 1L, "gus", 1L);

    static Assessment fresh() {
        return Assessment.open(7, 1, AssessmentRules.STANDARD, PANEL_OF_FIVE, OPENED);
    }

    static Instant hours(long hours) {
        return OPENED.plus(Duration.ofHours(hours));
    }

    @Test
    void the_majority_of_counted_weight_decides_once_quorum_is_reached() {
        var assessment = fresh().vote("ana", true, hours(1)).vote("ben", true, hours(2)).vote("cy", false, hours(3));
        assertThat(assessment.tally()).isEqualTo(Outcome.ACCEPT);
        assertThat(assessment.vote("dee", false, hours(4)).tally()).isEqualTo(Outcome.DRAW);
        assertThat(assessment.vote("dee", false, hours(4)).vote("eve", false, hours(5)).tally()).isEqualTo(Outcome.DENY);
    }

    @Test
    void every_way_five_can_vote_gives_a_draw_exactly_on_a_tie_or_below_quorum_and_only_accept_pays() {
        String[] names = {"ana", "ben", "cy", "dee", "eve"};
        // Each assessor abstains, accepts or denies: all 3^5 panels' votes.
        for (int code = 0; code < 243; code++) {
            var assessment = fresh();
            int accept = 0;
            int deny = 0;
            for (int i = 0, rest = code; i < names.length; i++, rest /= 3) {
                if (rest % 3 == 1) {
                    assessment = assessment.vote(names[i], true, hours(1));
                    accept++;
                } else if (rest % 3 == 2) {
                    assessment = assessment.vote(names[i], false, hours(1));
                    deny++;
                }
            }
            Outcome outcome = assessment.tally();
            boolean draw = accept == deny || accept + deny < AssessmentRules.STANDARD.quorumWeight();
            assertThat(outcome == Outcome.DRAW).as("%d accept, %d deny", accept, deny).isEqualTo(draw);
            assertThat(outcome.pays()).as("only an accept pays").isEqualTo(outcome == Outcome.ACCEPT);
            assertThat(outcome.returnsDeposit()).as("a draw is no denial").isEqualTo(outcome != Outcome.DENY);
            assertThat(outcome.wire()).isIn("accept", "deny", "draw");
        }
    }

    @Test
    void a_removed_assessor_votes_no_more_and_its_cast_vote_stops_counting() {
        var assessment = fresh().vote("ana", true, null, hours(1)).vote("ben", true, "on chain", hours(1)).vote("cy", false, hours(1));
        assertThat(assessment.tally()).isEqualTo(Outcome.ACCEPT);

        var without = assessment.withoutSeat("ana");

        assertThat(without.weightFor(true)).isEqualTo(1);
        assertThat(without.tally()).isEqualTo(Outcome.DRAW);
        assertThat(without.refusalToVote("ana", hours(2))).contains(Reason.NOT_ON_PANEL);
        assertThat(without.rationales()).containsOnlyKeys("ben");
        assertThat(without.seats("ana", hours(2))).isFalse();
        assertThat(assessment.seats("dee", hours(24 * 5))).as("not once the vote is final").isFalse();
    }

    @Test
    void below_quorum_it_is_a_draw_and_the_deposit_comes_back() {
        var assessment = fresh().vote("ana", false, hours(1)).vote("ben", false, hours(1));
        assertThat(assessment.tally()).isEqualTo(Outcome.DRAW);
        assertThat(assessment.tally().returnsDeposit()).isTrue();
        assertThat(Outcome.DENY.returnsDeposit()).isFalse();
    }

    @Test
    void stake_weighted_panels_count_weight_not_heads() {
        var weighted = Assessment.open(7, 1, AssessmentRules.STANDARD, Map.of("whale", 10L, "a", 1L, "b", 1L, "c", 1L), OPENED);
        var voted = weighted.vote("whale", false, hours(1)).vote("a", true, hours(1)).vote("b", true, hours(1)).vote("c", true, hours(1));
        assertThat(voted.weightFor(false)).isEqualTo(10);
        assertThat(voted.tally()).isEqualTo(Outcome.DENY);
    }

    @Test
    void votes_are_refused_off_the_panel_twice_or_after_the_end() {
        var assessment = fresh().vote("ana", true, hours(1));
        assertThat(assessment.refusalToVote("mallory", hours(2))).contains(Reason.NOT_ON_PANEL);
        assertThat(assessment.refusalToVote("ana", hours(2))).contains(Reason.ALREADY_VOTED);
        assertThat(assessment.refusalToVote("ben", assessment.endsAt())).contains(Reason.VOTING_CLOSED);
        assertThat(assessment.refusalToVote("ben", hours(2))).isEmpty();
    }

    @Test
    void a_party_to_the_claim_never_sits_on_its_panel_and_its_vote_is_refused_before_anything_else() {
        var conflicts = new ConflictsOfInterest(Set.of("ana", "ben", "0x" + "ab".repeat(20)));
        assertThat(conflicts.panelFrom(PANEL_OF_FIVE)).containsOnlyKeys("cy", "dee", "eve");
        var assessment = Assessment.open(7, 1, AssessmentRules.STANDARD, conflicts.panelFrom(PANEL_OF_FIVE), conflicts, OPENED);
        assertThat(assessment.refusalToVote("ana", conflicts, hours(1))).contains(Reason.CONFLICT_OF_INTEREST);
        assertThat(assessment.refusalToVote("0x" + "ab".repeat(20), conflicts, assessment.endsAt())).contains(Reason.CONFLICT_OF_INTEREST);
        assertThat(assessment.refusalToVote("cy", conflicts, hours(1))).isEmpty();
        assertThat(assessment.refusalToVote("fay", conflicts, hours(1))).contains(Reason.NOT_ON_PANEL);
        assertThatThrownBy(() -> Assessment.open(7, 1, AssessmentRules.STANDARD, PANEL_OF_FIVE, conflicts, OPENED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("conflict of interest");
        var voted = assessment.vote("cy", true, hours(1));
        var threeAccept = voted.vote("dee", true, hours(1)).vote("eve", true, hours(1));
        assertThat(threeAccept.tally()).isEqualTo(Outcome.ACCEPT);
        assertThat(threeAccept.tally(new ConflictsOfInterest(Set.of("eve")))).as("eve became a party after voting").isEqualTo(Outcome.DRAW);
        assertThatThrownBy(() -> voted.escalate(PANEL_OF_SEVEN, conflicts, hours(73))).isInstanceOf(IllegalStateException.class);
        assertThat(voted.escalate(conflicts.panelFrom(PANEL_OF_SEVEN), conflicts, hours(73)).panel()).containsOnlyKeys("cy", "dee", "eve", "fay", "gus");
    }

    @Test
    void a_vote_in_the_final_stretch_moves_the_end_out_but_an_early_one_does_not() {
        var early = fresh().vote("ana", true, hours(10));
        assertThat(early.endsAt()).isEqualTo(hours(72));
        var late = early.vote("ben", false, hours(70));
        assertThat(late.endsAt()).isEqualTo(hours(94));
        assertThat(late.phaseAt(hours(80))).isEqualTo(Phase.VOTING);
        assertThat(late.refusalToVote("cy", hours(93))).isEmpty();
    }

    @Test
    void the_operator_can_undo_fraudulent_votes_only_during_the_cooldown() {
        var voted = fresh().vote("ana", true, hours(1)).vote("ben", true, hours(1)).vote("cy", true, hours(1)).vote("dee", false, hours(1))
                .vote("eve", false, hours(1));
        assertThat(voted.tally()).isEqualTo(Outcome.ACCEPT);
        assertThat(voted.refusalToUndo(Set.of("ana"), hours(10))).contains(Reason.NOT_IN_COOLDOWN);
        assertThat(voted.refusalToUndo(Set.of("ana"), hours(72 + 25))).contains(Reason.NOT_IN_COOLDOWN);
        assertThat(voted.refusalToUndo(Set.of("fay"), hours(73))).contains(Reason.VOTE_NOT_FOUND);
        var corrected = voted.undo(Set.of("ana", "ben"), hours(73));
        assertThat(corrected.tally()).isEqualTo(Outcome.DENY);
        assertThat(corrected.phaseAt(hours(72 + 24))).isEqualTo(Phase.FINAL);
    }

    @Test
    void a_claim_can_go_once_to_a_larger_panel_after_voting() {
        var voted = fresh().vote("ana", false, hours(1)).vote("ben", false, hours(1)).vote("cy", false, hours(1));
        assertThat(voted.refusalToEscalate(PANEL_OF_SEVEN, hours(2))).contains(Reason.VOTING_NOT_OVER);
        assertThat(voted.refusalToEscalate(Map.of("x", 1L, "y", 1L, "z", 1L, "w", 1L, "v", 1L, "u", 1L), hours(73)))
                .contains(Reason.ESCALATION_PANEL_TOO_SMALL);
        var second = voted.escalate(PANEL_OF_SEVEN, hours(73));
        assertThat(second.round()).isEqualTo(2);
        assertThat(second.votes()).isEmpty();
        assertThat(second.endsAt()).isEqualTo(hours(73 + 72));
        assertThat(second.refusalToEscalate(Map.of(), hours(73 + 80))).isEqualTo(Optional.of(Reason.ALREADY_ESCALATED));
    }
}
