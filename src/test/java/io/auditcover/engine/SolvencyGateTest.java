package io.auditcover.engine;

import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.reason.Reason;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.SolvencyAssessment;
import io.auditcover.solvency.SolvencyPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The solvency gate on purchases: a pool's minimum solvency ratio against the SCR the last recorded run gave plus what
 * covers sold since were charged at their listing's factor (the whole cover before any run), and its dependency caps. A
 * refusal carries the largest amount that still fits and its premium; recorded runs replay and restore exactly.
 */
class SolvencyGateTest {
    private static final int YEARS = 20_000;
    private static final long SEED = 7;

    private static Business gated(long capitalWhole, Ratio minimum) {
        var book = Business.standard(capitalWhole);
        book.ok(new Command.SetSolvencyPolicy(book.id(), "alpha", new SolvencyPolicy(minimum, Map.of())));
        return book;
    }

    @Test
    void before_any_run_a_cover_consumes_its_whole_amount_and_the_refusal_names_the_largest_that_fits() {
        var book = gated(1_000, Ratio.ONE);
        book.buy("bea", 600);
        Rejection refused = book.no(new Command.BuyCover(book.id(), "cal", "alpha", Business.PROTOCOL, Money.whole(USDC, 500), 90));
        assertThat(refused.code()).isEqualTo(Reason.SOLVENCY_CAPITAL_EXCEEDED);
        assertThat(refused.details()).containsEntry("max_amount", "400.000000").containsEntry("required_capital", "600.000000")
                .containsEntry("capital_factor", "1").containsEntry("run_id", "none").containsKey("max_amount_premium")
                .containsKey("max_amount_quote_id");
        book.buy("cal", 400);
        assertThat(book.state.solvency.requiredCapitalUnits("alpha")).isEqualTo(Money.whole(USDC, 1_000).units());
    }

    @Test
    void a_recorded_run_prices_cover_at_its_factor_and_the_gate_admits_exactly_the_room_it_names() {
        var book = gated(1_000, Ratio.whole(10));
        book.buy("bea", 50);
        var result = SolvencyRuns.run(Quotes.quoteState(book.state), SEED, YEARS, 2);
        SolvencyAssessment assessment = result.assessment();
        long factor = assessment.capitalFactorsPpm().get("alpha/" + Business.PROTOCOL);
        assertThat(factor).isBetween(1L, SolvencyAssessment.FULL_FACTOR_PPM - 1);
        book.ok(result.command());
        long required = assessment.pools().get("alpha").requiredCapitalUnits();
        assertThat(required).isPositive();
        assertThat(book.state.solvency.requiredCapitalUnits("alpha")).isEqualTo(required);

        // capital 1 000 at a minimum ratio of 10 backs 100 of required capital
        long backed = Money.whole(USDC, 100).units();
        long room = (backed - required) * SolvencyAssessment.FULL_FACTOR_PPM / factor;
        Rejection refused = book.no(new Command.BuyCover(book.id(), "cal", "alpha", Business.PROTOCOL, Money.whole(USDC, 3_000), 90));
        assertThat(refused.code()).isEqualTo(Reason.SOLVENCY_CAPITAL_EXCEEDED);
        assertThat(refused.details()).containsEntry("max_amount", Money.ofUnits(USDC, room).toDecimalString())
                .containsEntry("run_id", assessment.runId()).containsEntry("minimum_solvency_ratio", "10");
        assertThat(book.no(new Command.BuyCover(book.id(), "cal", "alpha", Business.PROTOCOL, Money.ofUnits(USDC, room + 1), 90)).code())
                .isEqualTo(Reason.SOLVENCY_CAPITAL_EXCEEDED);
        book.ok(new Command.BuyCover(book.id(), "cal", "alpha", Business.PROTOCOL, Money.ofUnits(USDC, room), 90));
        assertThat(book.state.solvency.requiredCapitalUnits("alpha")).isLessThanOrEqualTo(backed);
    }

    @Test
    void a_run_charges_the_covers_sold_after_the_book_it_saw_and_refuses_a_stale_or_repeated_record() {
        var book = gated(1_000, Ratio.ONE);
        book.buy("bea", 300);
        var first = SolvencyRuns.run(Quotes.quoteState(book.state), SEED, YEARS, 1);
        book.buy("cal", 200);
        book.ok(first.command());
        long factor = first.assessment().capitalFactorsPpm().get("alpha/" + Business.PROTOCOL);
        long charged = Ratio.scale(Money.whole(USDC, 200).units(), factor, 1_000_000, io.auditcover.money.Rounding.POOL_RECEIVES);
        assertThat(book.state.solvency.chargedSinceUnits("alpha")).isEqualTo(charged);

        Rejection repeated = book.no(new Command.RecordSolvencyAssessment(book.id(), first.assessment()));
        assertThat(repeated.code()).isEqualTo(Reason.SOLVENCY_RUN_STALE);
        var second = SolvencyRuns.run(Quotes.quoteState(book.state), SEED + 1, YEARS, 1);
        book.ok(second.command());
        assertThat(book.state.solvency.chargedSinceUnits("alpha")).isZero();
    }

    @Test
    void pricing_charges_the_cost_of_the_capital_the_run_says_a_cover_holds() {
        var book = gated(1_000, Ratio.of(3, 2));
        book.buy("bea", 300);
        Money amount = Money.whole(USDC, 100);
        var before = ((Quotes.Offered) Quotes.quote(book.state, "alpha", Business.PROTOCOL, amount, 365, book.now)).quote();
        var run = SolvencyRuns.run(Quotes.quoteState(book.state), SEED, YEARS, 1);
        book.ok(run.command());
        var after = ((Quotes.Offered) Quotes.quote(book.state, "alpha", Business.PROTOCOL, amount, 365, book.now)).quote();

        double costOfCapital = book.state.pricing.parameters().premium().costOfCapitalAnnual();
        // before any run a cover holds amount ÷ leverage (4); after, its factor times the pool's minimum ratio
        assertThat(before.breakdown().capitalCost()).isEqualTo(io.auditcover.pricing.PriceBreakdown.charge(amount, costOfCapital / 4));
        double held = run.assessment().capitalFactorsPpm().get("alpha/" + Business.PROTOCOL) / 1e6 * 1.5;
        assertThat(after.breakdown().capitalCost()).isEqualTo(io.auditcover.pricing.PriceBreakdown.charge(amount, held * costOfCapital));
    }

    @Test
    void the_same_seed_and_book_give_the_same_record_on_any_number_of_threads() {
        var book = gated(1_000, Ratio.ONE);
        book.buy("bea", 300);
        var one = SolvencyRuns.run(Quotes.quoteState(book.state), SEED, YEARS, 1).assessment();
        var two = SolvencyRuns.run(Quotes.quoteState(book.state), SEED, YEARS, 2).assessment();
        assertThat(two).isEqualTo(one);
    }

    @Test
    void recorded_solvency_survives_a_snapshot_with_the_same_state_hash() {
        var book = gated(1_000, Ratio.ONE);
        book.ok(new Command.RecordDependencies(book.id(), Business.PROTOCOL, Map.of(DependencyKind.FORK, "Compound V2")));
        book.buy("bea", 300);
        book.ok(SolvencyRuns.run(Quotes.quoteState(book.state), SEED, YEARS, 1).command());
        book.buy("cal", 100);
        var content = new SnapshotContent(StateSnapshot.of(book.state), List.of());
        var decoded = LogFormat.decodeSnapshot(LogFormat.encodeSnapshot(content));
        assertThat(StateSnapshot.hash(decoded.state().restore())).isEqualTo(StateSnapshot.hash(book.state));
        assertThat(decoded.state().restore().solvency.chargedSinceUnits("alpha")).isPositive();
    }

    @Test
    void a_dependency_cap_refuses_cover_that_would_put_too_much_capacity_on_one_fork_family() {
        var book = gated(1_000, Ratio.ZERO);
        book.ok(new Command.SetSolvencyPolicy(book.id(), "alpha", new SolvencyPolicy(Ratio.ZERO, Map.of(DependencyKind.FORK, Ratio.of(1, 4)))));
        book.ok(new Command.RegisterProtocol(book.id(), new Protocol("forkwell", "Forkwell", "lending")));
        book.ok(new Command.RegisterContract(book.id(), new DeployedContract("forkwell", Business.CHAIN,
                "0x00000000000000000000000000000000000000b2", Business.CODE_HASH, null)));
        book.ok(new Command.ListProtocol(book.id(), "alpha", "forkwell", 200));
        for (String protocol : List.of(Business.PROTOCOL, "forkwell")) {
            book.ok(new Command.RecordDependencies(book.id(), protocol, Map.of(DependencyKind.FORK, "Compound V2")));
        }
        book.buy("bea", 700);
        Rejection refused = book.no(new Command.BuyCover(book.id(), "cal", "alpha", "forkwell", Money.whole(USDC, 400), 90));
        assertThat(refused.code()).isEqualTo(Reason.DEPENDENCY_CAP_EXCEEDED);
        // capacity 4 000 × 1/4 = 1 000 on the family; 700 is on it
        assertThat(refused.details()).containsEntry("dependency_kind", "fork").containsEntry("dependency_group", "Compound V2")
                .containsEntry("max_amount", "300.000000").containsEntry("exposed", "700.000000");
        book.ok(new Command.BuyCover(book.id(), "cal", "alpha", "forkwell", Money.whole(USDC, 300), 90));
    }

    @Test
    void bad_solvency_input_is_refused_with_a_stable_code_and_changes_nothing() {
        var book = gated(1_000, Ratio.ONE);
        String before = StateSnapshot.hash(book.state);
        assertThat(book.no(new Command.RecordDependencies(book.id(), "nobody", Map.of(DependencyKind.ORACLE, "Chainlink"))).code())
                .isEqualTo(Reason.PROTOCOL_NOT_FOUND);
        assertThat(book.no(new Command.RecordDependencies(book.id(), Business.PROTOCOL, Map.of(DependencyKind.ORACLE, " "))).code())
                .isEqualTo(Reason.SOLVENCY_INPUT_INVALID);
        assertThat(book.no(new Command.SetSolvencyPolicy(book.id(), "nowhere", SolvencyPolicy.NONE)).code())
                .isEqualTo(Reason.POOL_NOT_FOUND);
        assertThat(book.no(new Command.RecordSolvencyAssessment(book.id(), null)).code()).isEqualTo(Reason.INVALID_COMMAND);
        assertThat(StateSnapshot.hash(book.state)).isEqualTo(before);

        assertThatThrownBy(() -> new SolvencyPolicy(Ratio.whole(11), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new io.auditcover.solvency.DependencyParameters(DependencyKind.FORK, -0.1, "typed"))
                .isInstanceOf(IllegalArgumentException.class);
        var empty = new Business();
        assertThatThrownBy(() -> SolvencyRuns.run(Quotes.quoteState(empty.state), SEED, YEARS, 1))
                .isInstanceOfSatisfying(SolvencyRuns.Refused.class,
                        refused -> assertThat(refused.refusal().code()).isEqualTo(Reason.SOLVENCY_BOOK_EMPTY));
    }
}
