package io.auditcover.engine;

import static io.auditcover.engine.Business.CHAIN;
import static io.auditcover.engine.Business.CODE_HASH;
import static io.auditcover.engine.Business.CONTRACT;
import static io.auditcover.engine.Business.HALF_PARAMETRIC;
import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.claims.Assessment;
import io.auditcover.claims.Cause;
import io.auditcover.claims.Claim;
import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.Filings;
import io.auditcover.claims.Incident;
import io.auditcover.claims.Rule;
import io.auditcover.claims.RuleResult;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.OutOfScopeReason;
import io.auditcover.money.Money;
import io.auditcover.reason.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parametric cover on a contract the chain watcher never observed at the incident's block: a recorded code observation or an
 * operator's scope check decides its eligibility with no node at hand, and a scope still unknown goes to assessors.
 */
class EligibilityWithoutNodeTest {
    /** Before the watcher's first observation (block 100): the watcher's history is silent here. */
    private static final long UNOBSERVED_BLOCK = 50;
    private static final String BLOCK_HASH = "0x" + "5".repeat(64);
    private static final String UNAUDITED_CODE = "0x" + "9".repeat(64);

    private static Business parametricBookWithIncident(String incidentId) {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, HALF_PARAMETRIC));
        book.buy("bob", 10_000);
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(new Incident(incidentId, PROTOCOL, List.of(CONTRACT), UNOBSERVED_BLOCK, UNOBSERVED_BLOCK + 2,
                book.now.minusSeconds(60), Cause.REENTRANCY, Money.whole(USDC, 1), List.of()));
        return book;
    }

    private static CodeObservation observed(String codeHash, String auditId) {
        return new CodeObservation(CONTRACT, codeHash, true, null, auditId, null);
    }

    @Test
    void a_parametric_cover_pays_without_any_node_after_a_recorded_code_observation() {
        var book = parametricBookWithIncident("inc-1");
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.ASSESSORS_UNAVAILABLE);

        var recorded = (Event.ScopeChecked) book.ok(new Command.RecordCodeObservation(book.id(), CHAIN, UNOBSERVED_BLOCK, BLOCK_HASH,
                observed(CODE_HASH, "audit-1"), "ops", "chain check at block 50 against an archive node"));
        assertThat(recorded.check().inScope()).isTrue();
        assertThat(recorded.check().source()).isEqualTo("chain_check");
        assertThat(book.state.chainCursors().get(CHAIN).block()).as("the watcher's cursor does not move").isEqualTo(100);

        var settled = book.settle("inc-1");
        assertThat(settled.claims()).singleElement().satisfies(claim -> {
            assertThat(claim.reasonCode()).isEqualTo("approved");
            assertThat(claim.paidUnits()).isEqualTo(Money.whole(USDC, 5_000).units());
        });
        assertThat(book.state.covers().get(1L).paid()).isEqualTo(Money.whole(USDC, 5_000));
    }

    @Test
    void an_operator_scope_check_decides_in_scope_pays_and_out_of_scope_denies_with_its_code() {
        var paid = parametricBookWithIncident("inc-1");
        paid.ok(new Command.RecordScopeCheck(paid.id(), CONTRACT, UNOBSERVED_BLOCK, true, "audit-1", null, "ops",
                "the post-mortem names the audited LendingPool at commit abcdef1"));
        assertThat(paid.settle("inc-1").claims()).singleElement().extracting(ClaimDecided::reasonCode).isEqualTo("approved");

        var denied = parametricBookWithIncident("inc-2");
        var check = (Event.ScopeChecked) denied.ok(new Command.RecordScopeCheck(denied.id(), CONTRACT, UNOBSERVED_BLOCK, false, null,
                OutOfScopeReason.UPGRADED_TO_UNAUDITED_IMPLEMENTATION, "ops", "upgraded to an unaudited implementation two days before"));
        assertThat(check.check().reason()).isEqualTo(OutOfScopeReason.UPGRADED_TO_UNAUDITED_IMPLEMENTATION);
        var settled = denied.settle("inc-2");
        assertThat(settled.claims()).singleElement().satisfies(claim -> {
            assertThat(claim.reasonCode()).isEqualTo(Reason.CODE_OUT_OF_AUDITED_SCOPE.wire());
            assertThat(claim.paidUnits()).isZero();
        });
    }

    @Test
    void a_later_check_at_the_same_block_replaces_the_earlier_and_an_observation_of_unaudited_code_denies() {
        var book = parametricBookWithIncident("inc-1");
        book.ok(new Command.RecordScopeCheck(book.id(), CONTRACT, UNOBSERVED_BLOCK, true, "audit-1", null, "ops", "first look"));
        book.ok(new Command.RecordCodeObservation(book.id(), CHAIN, UNOBSERVED_BLOCK, BLOCK_HASH, observed(UNAUDITED_CODE, null), "ops",
                "chain check: the code at block 50 matches no audit"));
        assertThat(book.state.evidence.scopeCheckList()).singleElement().satisfies(kept -> {
            assertThat(kept.inScope()).isFalse();
            assertThat(kept.reason()).isEqualTo(OutOfScopeReason.UNKNOWN_CODE);
        });
        assertThat(book.settle("inc-1").claims()).singleElement().extracting(ClaimDecided::reasonCode)
                .isEqualTo(Reason.CODE_OUT_OF_AUDITED_SCOPE.wire());
    }

    @Test
    void a_check_at_another_block_leaves_the_incident_block_unknown() {
        var book = parametricBookWithIncident("inc-1");
        book.ok(new Command.RecordScopeCheck(book.id(), CONTRACT, UNOBSERVED_BLOCK - 1, true, "audit-1", null, "ops", "the block before"));
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.ASSESSORS_UNAVAILABLE);
    }

    @Test
    void unknown_scope_opens_a_vote_and_the_assessors_decide_the_payout() {
        var book = parametricBookWithIncident("inc-1");
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.RegisterAssessor(book.id(), assessor, 1, 1));
        }

        var referred = (Event.ClaimsReferred) book.ok(new Command.SettleIncident(book.id(), "inc-1"));

        assertThat(referred.claims()).singleElement().satisfies(filed -> {
            assertThat(filed.coverId()).isEqualTo(1L);
            assertThat(filed.holder()).isEqualTo("bob");
            assertThat(filed.claimedLoss()).as("the event triggers it: nothing is claimed").isNull();
            assertThat(filed.filedAt()).as("filed by the confirmation").isEqualTo(book.state.incidents().get("inc-1").confirmedAt());
            assertThat(filed.deposit()).as("the holder asked for nothing").isNull();
            assertThat(filed.assessment().panel()).containsOnlyKeys("as-1", "as-2", "as-3");
        });
        long claimId = referred.claims().getFirst().claimId();
        Claim claim = book.state.claim(claimId).orElseThrow();
        assertThat(claim.stage()).isEqualTo(Claim.Stage.IN_ASSESSMENT);
        assertThat(claim.reasonCode()).isEqualTo("needs_assessment");
        assertThat(Filings.explain(book.state.claimBooks(), claimId).orElseThrow().adjudication().results())
                .filteredOn(result -> result.rule() == Rule.EXPLOITED_CODE_IN_AUDITED_SCOPE).singleElement()
                .extracting(RuleResult::reasonCode).isEqualTo(Reason.SCOPE_UNKNOWN.wire());
        assertThat(book.state.ledger().balance(io.auditcover.ledger.Account.claimDeposits(Money.zero(USDC).asset()))).as("no deposit moved").isEqualTo(Money.zero(USDC));
        assertThat(book.no(new Command.SettleIncident(book.id(), "inc-1")).code()).isEqualTo(Reason.ASSESSMENT_OPEN);

        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, claimId, true));
        }
        book.advance(Duration.ofDays(5));
        assertThat(book.state.claimBooks().claims().assessments().get(claimId).phaseAt(book.now)).isEqualTo(Assessment.Phase.FINAL);

        var settled = book.settle("inc-1");
        assertThat(settled.claims()).singleElement().satisfies(decided -> {
            assertThat(decided.claimId()).isEqualTo(claimId);
            assertThat(decided.reasonCode()).isEqualTo("assessors_accept");
            assertThat(decided.paidUnits()).isEqualTo(Money.whole(USDC, 5_000).units());
        });
        assertThat(settled.deposits()).isEmpty();
        assertThat(book.state.covers().get(1L).paid()).isEqualTo(Money.whole(USDC, 5_000));
        assertThat(book.state.incidents().get("inc-1").settledAt()).isNotNull();
        assertThat(StateSnapshot.hash(StateSnapshot.of(book.state).restore())).as("snapshot round trip")
                .isEqualTo(StateSnapshot.hash(book.state));
    }

    /**
     * A parametric claim referred to assessors claims no amount: its cover stands for its asset when an assessor who voted on it
     * is slashed, and for its bond and asset when it is appealed (both once crashed the decider; found by the random operations).
     */
    @Test
    void a_referred_parametric_claim_takes_a_slash_and_an_appeal_in_its_covers_asset() {
        var book = parametricBookWithIncident("inc-1");
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.RegisterAssessor(book.id(), assessor, 1, 1));
        }
        book.ok(new Command.StakeAssessor(book.id(), "as-1", Money.whole(USDC, 1_000)));
        long claimId = ((Event.ClaimsReferred) book.ok(new Command.SettleIncident(book.id(), "inc-1"))).claims().getFirst().claimId();
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, claimId, false));
        }
        String before = StateSnapshot.hash(book.state);

        var wrongAsset = book.no(new Command.SlashAssessor(book.id(), "as-1", claimId, Money.whole(EngineFixtures.ETH, 1), "fraud"));
        assertThat(wrongAsset.code()).isEqualTo(Reason.ASSET_MISMATCH);
        assertThat(wrongAsset.message()).contains("claim " + claimId + " is in USDC");
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(before);
        var slashed = (Event.AssessorSlashed) book.ok(new Command.SlashAssessor(book.id(), "as-1", claimId, Money.whole(USDC, 100), "fraud"));
        assertThat(slashed.slash().amount()).isEqualTo(Money.whole(USDC, 100));

        for (String assessor : List.of("as-4", "as-5", "as-6", "as-7", "as-8", "as-9")) {
            book.ok(new Command.RegisterAssessor(book.id(), assessor, 1, 1));
        }
        book.advance(Duration.ofDays(5));
        var appealed = (Event.ClaimAppealed) book.ok(new Command.AppealClaim(book.id(), "bob", claimId, Money.whole(USDC, 500)));
        assertThat(appealed.appeal().bond()).isEqualTo(Money.whole(USDC, 500));
    }

    @Test
    void bad_scope_records_are_refused_with_their_codes_and_change_nothing() {
        var book = parametricBookWithIncident("inc-1");
        String before = StateSnapshot.hash(book.state);
        assertThat(book.no(new Command.RecordCodeObservation(book.id(), CHAIN, UNOBSERVED_BLOCK, BLOCK_HASH, observed(UNAUDITED_CODE,
                "audit-1"), "ops", "claims a match")).code()).as("a match the audit's scope does not back").isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.RecordCodeObservation(book.id(), 2, UNOBSERVED_BLOCK, BLOCK_HASH, observed(CODE_HASH, "audit-1"),
                "ops", "wrong chain")).code()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.RecordCodeObservation(book.id(), CHAIN, UNOBSERVED_BLOCK, "0x12", observed(CODE_HASH, "audit-1"),
                "ops", "bad hash")).code()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.RecordCodeObservation(book.id(), CHAIN, UNOBSERVED_BLOCK, BLOCK_HASH,
                new CodeObservation("1:0x00000000000000000000000000000000000000ff", CODE_HASH, true, null, null, null), "ops", "unknown"))
                .code()).isEqualTo(Reason.CONTRACT_NOT_FOUND);
        assertThat(book.no(new Command.RecordCodeObservation(book.id(), CHAIN, UNOBSERVED_BLOCK, BLOCK_HASH, observed(CODE_HASH, "audit-9"),
                "ops", "no such audit")).code()).isEqualTo(Reason.AUDIT_NOT_FOUND);
        assertThat(book.no(new Command.RecordScopeCheck(book.id(), CONTRACT, UNOBSERVED_BLOCK, true, null, null, "ops", "no audit named"))
                .code()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.RecordScopeCheck(book.id(), CONTRACT, UNOBSERVED_BLOCK, false, "audit-1", null, "ops", "both"))
                .code()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.RecordScopeCheck(book.id(), CONTRACT, UNOBSERVED_BLOCK, true, "audit-1", null, "ops", " ")).code())
                .as("evidence is required").isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.RecordScopeCheck(book.id(), CONTRACT, UNOBSERVED_BLOCK, true, "audit-1", null, "Bad Id", "x")).code())
                .isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.RecordScopeCheck(book.id(), CONTRACT, -1, true, "audit-1", null, "ops", "x")).code())
                .isEqualTo(Reason.INVALID_COMMAND);
        assertThat(book.no(new Command.RecordScopeCheck(book.id(), "1:0x00000000000000000000000000000000000000ff", 1, true, "audit-1", null,
                "ops", "x")).code()).isEqualTo(Reason.CONTRACT_NOT_FOUND);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(before);
    }
}
