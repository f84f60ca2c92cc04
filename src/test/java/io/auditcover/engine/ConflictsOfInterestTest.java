package io.auditcover.engine;

import io.auditcover.claims.ClaimDecided;
import io.auditcover.claims.DepositSettled;
import io.auditcover.claims.FiledClaim;
import io.auditcover.claims.SharesAtReport;
import static io.auditcover.engine.Business.PROTOCOL;
import static io.auditcover.engine.Business.incident;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.Seeds;
import io.auditcover.claims.Assessment;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.reason.Reason;
import io.auditcover.money.Money;
import io.auditcover.pool.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No one judges a claim whose outcome is their money: the holder, the wallet the cover insures, and the underwriters of the
 * pool that would pay it (now or at the incident) never sit on its panel, at opening or at escalation, and their votes are
 * refused with conflict_of_interest.
 */
class ConflictsOfInterestTest {
    static final String TREASURY = Business.wallet("treasury");
    static final long[] SEEDS = {1, 2, 3, 4, 5, 6};
    static final int CASES = 4;
    /** Names and addresses that are, at random, underwriters, holders, insured wallets and assessors at once. */
    static final List<String> PARTIES = List.of("ada", "bram", "chen", "dara", "eli", Business.wallet("a1"), Business.wallet("b2"),
            Business.wallet("c3"), "as-1", "as-2", "as-3", "as-4", "as-5");
    static final List<String> WALLETS = PARTIES.stream().filter(party -> party.startsWith("0x")).toList();

    @Test
    void a_holder_its_wallet_and_the_pools_underwriters_are_kept_off_the_panel_and_their_votes_refused() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))));
        for (String assessor : List.of("ada", "bob", TREASURY, "as-1", "as-2", "as-3")) {
            book.ok(new Command.RegisterAssessor(book.id(), assessor, 1, 1));
        }
        for (String assessor : List.of("as-4", "as-5", "late")) {
            book.ok(new Command.RegisterAssessor(book.id(), assessor, 1, 2));
        }
        var cover = (Event.CoverBought) book.ok(book.withConsent(new Command.BuyCover(book.id(), "bob", "alpha", PROTOCOL,
                Money.whole(USDC, 10_000), 90, null, TREASURY)));
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var claim = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", cover.cover().id(), "inc-1", Money.whole(USDC, 2_000), null));

        assertThat(claim.assessment().panel()).as("ada underwrites alpha, bob holds the cover, the treasury is insured")
                .containsOnlyKeys("as-1", "as-2", "as-3");
        for (String party : List.of("ada", "bob", TREASURY)) {
            var refused = book.no(new Command.CastVote(book.id(), party, claim.claimId(), true));
            assertThat(refused.code()).as(party).isEqualTo(Reason.CONFLICT_OF_INTEREST);
            assertThat(refused.details()).containsEntry("assessor", party);
        }
        assertThat(book.no(new Command.CastVote(book.id(), "as-4", claim.claimId(), true)).code()).isEqualTo(Reason.NOT_ON_PANEL);
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, claim.claimId(), false));
        }
        book.ok(new Command.Deposit(book.id(), "alpha", "late", Money.whole(USDC, 1_000)));
        assertThat(book.no(new Command.CastVote(book.id(), "late", claim.claimId(), true)).code())
                .as("a deposit after the panel was drawn makes an underwriter too").isEqualTo(Reason.CONFLICT_OF_INTEREST);
        book.advance(Duration.ofDays(3));
        var escalated = (Event.AssessmentChanged) book.ok(new Command.EscalateClaim(book.id(), "bob", claim.claimId()));

        assertThat(escalated.assessment().panel()).containsOnlyKeys("as-1", "as-2", "as-3", "as-4", "as-5");
        assertThat(book.no(new Command.CastVote(book.id(), "late", claim.claimId(), true)).code()).isEqualTo(Reason.CONFLICT_OF_INTEREST);
        assertThat(book.no(new Command.CastVote(book.id(), "bob", claim.claimId(), true)).code()).isEqualTo(Reason.CONFLICT_OF_INTEREST);
    }

    @Test
    void a_vote_cast_before_its_assessor_became_a_party_does_not_decide_the_claim() {
        var book = Business.standard(1_000_000);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))));
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.RegisterAssessor(book.id(), assessor, 1, 1));
        }
        long cover = book.buy("bob", 10_000).cover().id();
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        var claim = (Event.ClaimFiled) book.ok(new Command.FileClaim(book.id(), "bob", cover, "inc-1", Money.whole(USDC, 2_000), null));
        for (String assessor : List.of("as-1", "as-2", "as-3")) {
            book.ok(new Command.CastVote(book.id(), assessor, claim.claimId(), false));
        }
        assertThat(book.state.claim(claim.claimId()).orElseThrow().outcome()).isEqualTo(Assessment.Outcome.DENY);
        book.ok(new Command.Deposit(book.id(), "alpha", "as-1", Money.whole(USDC, 1_000)));
        assertThat(book.state.claim(claim.claimId()).orElseThrow().outcome()).as("the claim shows the outcome the settlement will count")
                .isEqualTo(Assessment.Outcome.DRAW);
        book.advance(Duration.ofDays(4).plusSeconds(1));

        var settled = book.settle("inc-1");

        assertThat(settled.claims()).singleElement().extracting(ClaimDecided::reasonCode)
                .as("as-1 now gains from a denial: two votes remain, below the quorum of three").isEqualTo("assessors_draw");
        assertThat(settled.deposits()).singleElement().extracting(DepositSettled::toPool).isEqualTo(false);
    }

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void no_panel_ever_seats_a_party_to_its_claim_and_every_vote_from_one_is_refused(long seed) {
        var random = new Random(seed);
        var roundsChecked = new TreeSet<Integer>();
        try {
            for (int i = 0; i < CASES; i++) {
                roundsChecked.addAll(oneBook(random));
            }
            assertThat(roundsChecked).as("first panels were drawn and checked").contains(1);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("conflicts of interest failed with seed " + seed + " " + Seeds.rerun(seed), e);
        }
    }

    /** Random underwriters, assessors, holders and insured wallets drawn from one set of parties; one incident, claims without proof. */
    private static Set<Integer> oneBook(Random random) {
        var book = Business.standard(0);
        book.ok(new Command.SetClaimTerms(book.id(), "alpha", PROTOCOL, ClaimTerms.indemnity(Money.zero(USDC))));
        for (String party : PARTIES) {
            if (random.nextInt(3) == 0) {
                book.ok(new Command.Deposit(book.id(), "alpha", party, Money.whole(USDC, 100_000 + random.nextInt(1_000_000))));
            }
            if (random.nextInt(3) != 0) {
                book.ok(new Command.RegisterAssessor(book.id(), party, 1 + random.nextInt(3), 1 + random.nextInt(2)));
            }
        }
        book.ok(new Command.Deposit(book.id(), "alpha", "backer", Money.whole(USDC, 5_000_000)));
        for (int c = 1 + random.nextInt(8); c > 0; c--) {
            String wallet = random.nextBoolean() ? null : WALLETS.get(random.nextInt(WALLETS.size()));
            book.ok(book.withConsent(new Command.BuyCover(book.id(), PARTIES.get(random.nextInt(PARTIES.size())), "alpha", PROTOCOL,
                    Money.whole(USDC, 1_000 + random.nextInt(50_000)), 90, null, wallet)));
        }
        book.advance(Duration.ofDays(1));
        book.reportAndConfirm(incident("inc-1", Cause.REENTRANCY, book.now.minusSeconds(60)));
        for (String party : PARTIES) {
            if (random.nextInt(6) == 0) {
                book.ok(new Command.Deposit(book.id(), "alpha", party, Money.whole(USDC, 1_000)));
            }
        }
        for (var cover : List.copyOf(book.state.covers().values())) {
            if (random.nextInt(5) != 0) {
                book.ok(new Command.FileClaim(book.id(), cover.holder(), cover.id(), "inc-1", Money.whole(USDC, 1 + random.nextInt(5_000)), null));
            }
        }
        var rounds = new TreeSet<>(checkEveryPanel(book, true));
        vote(book, random);
        for (String party : PARTIES) {
            if (random.nextInt(8) == 0) {
                book.ok(new Command.Deposit(book.id(), "alpha", party, Money.whole(USDC, 1_000)));
            }
        }
        checkEveryPanel(book, false);
        book.advance(Duration.ofDays(3).plusSeconds(1));
        for (long claimId : List.copyOf(book.state.assessments().keySet())) {
            book.run(new Command.EscalateClaim(book.id(), book.state.filedClaims().get(claimId).holder(), claimId));
        }
        rounds.addAll(checkEveryPanel(book, true));
        return rounds;
    }

    /** A panel member votes on some claims; one who became a party since the panel was drawn is refused. */
    private static void vote(Business book, Random random) {
        for (long claimId : List.copyOf(book.state.assessments().keySet())) {
            var panel = List.copyOf(book.state.assessments().get(claimId).panel().keySet());
            String assessor = panel.get(random.nextInt(panel.size()));
            if (random.nextBoolean()) {
                var decision = book.run(new Command.CastVote(book.id(), assessor, claimId, random.nextBoolean()));
                if (decision instanceof Rejection rejection) {
                    assertThat(rejection.code()).as("%s votes on claim %d", assessor, claimId).isEqualTo(Reason.CONFLICT_OF_INTEREST);
                }
            }
        }
    }

    /**
     * Each party's vote on every assessment is refused for that reason; with {@code justDrawn}, no panel drawn just now (since
     * anyone last became a party) seats one.
     */
    private static Set<Integer> checkEveryPanel(Business book, boolean justDrawn) {
        var rounds = new TreeSet<Integer>();
        for (Assessment assessment : book.state.assessments().values()) {
            rounds.add(assessment.round());
            Set<String> parties = partiesTo(book.state, assessment.claimId());
            if (justDrawn && assessment.opensAt().equals(book.now)) {
                assertThat(assessment.panel().keySet()).as("panel of claim %d (round %d)", assessment.claimId(), assessment.round())
                        .doesNotContainAnyElementsOf(parties);
            }
            for (String party : parties) {
                var decision = book.run(new Command.CastVote(book.id(), party, assessment.claimId(), true));
                assertThat(decision).as("%s votes on claim %d", party, assessment.claimId()).isInstanceOf(Rejection.class);
                assertThat(((Rejection) decision).code()).isEqualTo(Reason.CONFLICT_OF_INTEREST);
            }
        }
        return rounds;
    }

    /** Worked out here, not by the engine: the holder, the insured wallet, and who holds shares in the paying pool now or at the report. */
    private static Set<String> partiesTo(State state, long claimId) {
        FiledClaim filed = state.filedClaims().get(claimId);
        var cover = state.covers().get(filed.coverId());
        var parties = new TreeSet<String>(List.of(cover.holder()));
        if (cover.wallet() != null) {
            parties.add(cover.wallet());
        }
        var underwriters = new ArrayList<String>();
        state.positions().values().stream().filter(p -> p.poolId().equals(cover.poolId())).map(Position::underwriter).forEach(underwriters::add);
        state.incidents().get(filed.incidentId()).sharesAtReport().stream().filter(s -> s.poolId().equals(cover.poolId()))
                .map(SharesAtReport::underwriter).forEach(underwriters::add);
        assertThat(underwriters).as("the paying pool has underwriters").isNotEmpty();
        parties.addAll(underwriters);
        return parties;
    }
}
