package io.auditcover.solvency;

import static io.auditcover.solvency.DependencyKind.AUDITOR;
import static io.auditcover.solvency.DependencyKind.BRIDGE;
import static io.auditcover.solvency.DependencyKind.CHAIN;
import static io.auditcover.solvency.DependencyKind.FORK;
import static io.auditcover.solvency.DependencyKind.ORACLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every figure below is worked by hand from this book. Alpha holds 100 units of capital behind a treaty of 30 excess of 20
 * per occurrence with one reinstatement (aggregate 60) at 100 % of its annual premium of 3, so the first 30 recovered cost
 * 3 × recovered ÷ 30 of reinstatement premium; beta holds 40 and no layer. One exploit pays cover × share: fork-a 50 in alpha and 15 in beta, fork-b 50, aave 30,
 * bridge-user 30, and odd (7 minor units at one half) 3.5, rounded half up to 4 as the capital model rounds it.
 */
class StressedBookTest {
    static final long UNIT = 1_000_000;
    static final Map<DependencyKind, String> FORK_A_GROUPS = Map.of(FORK, "Compound V2", ORACLE, "Chainlink", CHAIN, "Ethereum",
            AUDITOR, "Trail of Bits");
    static final List<Exposure> BOOK = List.of(
            new Exposure("alpha", "fork-a", 200 * UNIT, 0.1, 0.25, FORK_A_GROUPS),
            new Exposure("alpha", "fork-b", 100 * UNIT, 0.1, 0.5, Map.of(FORK, "Compound V2", ORACLE, "Pyth", CHAIN, "Arbitrum")),
            new Exposure("alpha", "aave", 300 * UNIT, 0.1, 0.1, Map.of(FORK, "Aave V2", ORACLE, "Chainlink", CHAIN, "Ethereum",
                    AUDITOR, "OpenZeppelin")),
            new Exposure("beta", "fork-a", 60 * UNIT, 0.1, 0.25, FORK_A_GROUPS),
            new Exposure("beta", "bridge-user", 50 * UNIT, 0.1, 0.6, Map.of(BRIDGE, "Wormhole", CHAIN, "Solana", AUDITOR, "Trail of Bits")),
            new Exposure("beta", "odd", 7, 0.1, 0.5, Map.of(FORK, "Compound V2")));
    static final PoolCapital ALPHA = new PoolCapital("alpha", 100 * UNIT, 20 * UNIT, 30 * UNIT, 60 * UNIT, 30 * UNIT, 3 * UNIT, 3 * UNIT);
    static final PoolCapital BETA = new PoolCapital("beta", 40 * UNIT, 0, 0);
    static final StressedBook STRESSED = new StressedBook(BOOK, List.of(ALPHA, BETA));
    static final StressScenario COMPOUND_BUG = StressScenario.groupFails(FORK, "Compound V2");

    @Test
    void a_fork_parent_bug_exploits_every_fork_once_and_the_layer_pays_its_limit_on_each_occurrence() {
        var result = STRESSED.apply(COMPOUND_BUG);
        assertThat(result.scenario()).isEqualTo("fork Compound V2");
        assertThat(result.description()).isEqualTo("the fork parent Compound V2 has a bug: every fork exploited");
        // Alpha: 50 + 50 = 100 gross; the layer pays its limit of 30 on each, 60, the whole aggregate; the first 30 reinstated cost 3.
        assertThat(result.pools().get("alpha")).isEqualTo(new StressLoss("alpha", 100 * UNIT, 60 * UNIT, 43 * UNIT, 100 * UNIT, 57 * UNIT, true, 0,
                3 * UNIT));
        // Beta: 15 on fork-a and 4 on odd.
        assertThat(result.pools().get("beta")).isEqualTo(new StressLoss("beta", 15 * UNIT + 4, 0, 15 * UNIT + 4, 40 * UNIT, 25 * UNIT - 4, true, 0));
        assertThat(result.book()).isEqualTo(new StressLoss("book", 115 * UNIT + 4, 60 * UNIT, 58 * UNIT + 4, 140 * UNIT, 82 * UNIT - 4, true, 0,
                3 * UNIT));
    }

    @Test
    void three_exploits_each_are_capped_at_each_cover_and_leave_both_pools_short() {
        var result = STRESSED.apply(COMPOUND_BUG.withExploits(3));
        // Alpha: fork-a 150 of its 200; fork-b 150 capped at its 100 (two occurrences of 50, the third finds no cover left).
        // Five occurrences would recover 150; the aggregate stops it at 60.
        assertThat(result.pools().get("alpha")).isEqualTo(new StressLoss("alpha", 250 * UNIT, 60 * UNIT, 193 * UNIT, 100 * UNIT, 0, false, 93 * UNIT,
                3 * UNIT));
        // Beta: fork-a 45 of its 60; odd 3 × 4 = 12 capped at its 7.
        assertThat(result.pools().get("beta")).isEqualTo(new StressLoss("beta", 45 * UNIT + 7, 0, 45 * UNIT + 7, 40 * UNIT, 0, false, 5 * UNIT + 7));
        assertThat(result.book()).isEqualTo(new StressLoss("book", 295 * UNIT + 7, 60 * UNIT, 238 * UNIT + 7, 140 * UNIT, 0, false, 98 * UNIT + 7,
                3 * UNIT));
    }

    @Test
    void combined_shocks_exploit_an_exposure_they_both_hit_once_by_each() {
        var result = STRESSED.apply(COMPOUND_BUG.and(StressScenario.groupFails(ORACLE, "Chainlink")));
        assertThat(result.scenario()).isEqualTo("fork Compound V2 and oracle Chainlink");
        // Alpha: fork-a is a Compound fork reading Chainlink, 2 × 50; fork-b 50; aave reads Chainlink, 30. Occurrences would
        // recover 30 + 30 + 30 + 10; the aggregate stops it at 60.
        assertThat(result.pools().get("alpha")).isEqualTo(new StressLoss("alpha", 180 * UNIT, 60 * UNIT, 123 * UNIT, 100 * UNIT, 0, false, 23 * UNIT,
                3 * UNIT));
        // Beta: fork-a 2 × 15; odd 4.
        assertThat(result.pools().get("beta")).isEqualTo(new StressLoss("beta", 30 * UNIT + 4, 0, 30 * UNIT + 4, 40 * UNIT, 10 * UNIT - 4, true, 0));
        assertThat(result.book()).isEqualTo(new StressLoss("book", 210 * UNIT + 4, 60 * UNIT, 153 * UNIT + 4, 140 * UNIT, 10 * UNIT - 4, false, 23 * UNIT,
                3 * UNIT));
    }

    @Test
    void one_pool_short_is_a_short_book_even_when_the_total_capital_would_cover_the_total_loss() {
        var result = STRESSED.apply(StressScenario.groupFails(AUDITOR, "Trail of Bits"));
        // Alpha: fork-a 50: 30 recovered, reinstated at 3.
        assertThat(result.pools().get("alpha")).isEqualTo(new StressLoss("alpha", 50 * UNIT, 30 * UNIT, 23 * UNIT, 100 * UNIT, 77 * UNIT, true, 0,
                3 * UNIT));
        // Beta: fork-a 15 and bridge-user 30.
        assertThat(result.pools().get("beta")).isEqualTo(new StressLoss("beta", 45 * UNIT, 0, 45 * UNIT, 40 * UNIT, 0, false, 5 * UNIT));
        // 68 net against 140 of capital, but alpha's capital does not pay beta's claims.
        assertThat(result.book()).isEqualTo(new StressLoss("book", 95 * UNIT, 30 * UNIT, 68 * UNIT, 140 * UNIT, 77 * UNIT, false, 5 * UNIT,
                3 * UNIT));
    }

    @Test
    void a_protocol_exploit_hits_its_listings_in_every_pool_and_a_pool_it_misses_keeps_its_capital() {
        var twice = STRESSED.apply(StressScenario.protocolExploited("aave").withExploits(2));
        // Aave: 2 × 30 = 60 gross, two occurrences each 10 above the retention: 20 recovered, reinstated at 2.
        assertThat(twice.pools().get("alpha")).isEqualTo(new StressLoss("alpha", 60 * UNIT, 20 * UNIT, 42 * UNIT, 100 * UNIT, 58 * UNIT, true, 0,
                2 * UNIT));
        assertThat(twice.pools().get("beta")).isEqualTo(new StressLoss("beta", 0, 0, 0, 40 * UNIT, 40 * UNIT, true, 0));
        assertThat(twice.book()).isEqualTo(new StressLoss("book", 60 * UNIT, 20 * UNIT, 42 * UNIT, 140 * UNIT, 98 * UNIT, true, 0, 2 * UNIT));
        var forkA = STRESSED.apply(StressScenario.protocolExploited("fork-a"));
        assertThat(forkA.pools().get("alpha").grossLossUnits()).isEqualTo(50 * UNIT);
        assertThat(forkA.pools().get("beta").grossLossUnits()).isEqualTo(15 * UNIT);
    }

    @Test
    void a_bridge_drained_hits_only_the_protocols_whose_assets_cross_it() {
        var result = STRESSED.apply(StressScenario.groupFails(BRIDGE, "Wormhole"));
        assertThat(result.pools().get("alpha").grossLossUnits()).isZero();
        assertThat(result.pools().get("beta")).isEqualTo(new StressLoss("beta", 30 * UNIT, 0, 30 * UNIT, 40 * UNIT, 10 * UNIT, true, 0));
    }

    @Test
    void an_exploit_pays_what_the_capital_model_counts_for_one_and_a_huge_count_stops_at_the_cover() {
        var odd = BOOK.getLast();
        assertThat(StressedBook.lossUnits(odd, 1)).isEqualTo(CapitalModel.eventLossUnits(odd)).isEqualTo(4);
        assertThat(StressedBook.lossUnits(odd, 0)).isZero();
        var huge = new Exposure("alpha", "huge", Long.MAX_VALUE / 2, 0.1, 0.5, Map.of());
        assertThat(StressedBook.lossUnits(huge, 1_000)).isEqualTo(Long.MAX_VALUE / 2);
    }

    @Test
    void results_do_not_depend_on_the_order_of_exposures_or_pools() {
        var scenarios = new ArrayList<>(StressScenarios.standard(BOOK));
        scenarios.add(COMPOUND_BUG.withExploits(3).named("compound bug, thrice", "three exploits per fork"));
        var expected = STRESSED.apply(scenarios);
        var random = new Random(42);
        for (int round = 0; round < 20; round++) {
            var exposures = new ArrayList<>(BOOK);
            Collections.shuffle(exposures, random);
            var pools = new ArrayList<>(List.of(ALPHA, BETA));
            Collections.shuffle(pools, random);
            assertThat(new StressedBook(exposures, pools).apply(scenarios)).as("round %d", round).isEqualTo(expected);
        }
        assertThat(expected).extracting(StressResult::scenario).containsExactlyElementsOf(scenarios.stream().map(StressScenario::name).toList());
    }

    @Test
    void a_misspelt_group_an_unknown_or_twice_listed_pool_and_two_scenarios_of_one_name_are_refused() {
        assertThatThrownBy(() -> STRESSED.apply(StressScenario.groupFails(FORK, "Compund V2"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scenario 'fork Compund V2' names fork Compund V2, which no exposure in the book has: is the name misspelt?");
        assertThatThrownBy(() -> STRESSED.apply(COMPOUND_BUG.and(StressScenario.protocolExploited("nobody"))))
                .hasMessageContaining("names protocol nobody, which no exposure");
        assertThatThrownBy(() -> new StressedBook(BOOK, List.of(ALPHA))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exposure beta/fork-a names unknown pool beta");
        assertThatThrownBy(() -> new StressedBook(BOOK, List.of(ALPHA, BETA, ALPHA))).hasMessage("pool alpha is listed twice");
        assertThatThrownBy(() -> STRESSED.apply(List.of(COMPOUND_BUG, COMPOUND_BUG.withExploits(2))))
                .hasMessage("two scenarios are named 'fork Compound V2'");
    }

    @Test
    void figures_that_do_not_balance_are_refused_when_built() {
        assertThatThrownBy(() -> new StressLoss("alpha", 100, 30, 60, 100, 40, true, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("net = gross − recovery");
        assertThatThrownBy(() -> new StressLoss("alpha", 100, 0, 100, 50, 0, true, 50)).hasMessageContaining("shortfall 50");
        var pools = Map.of("alpha", StressLoss.ofPool(ALPHA, 10, 0));
        assertThatThrownBy(() -> new StressResult("s", "d", new TreeMap<>(pools), StressLoss.ofPool(BETA, 10, 0)))
                .hasMessageContaining("the book's figures must be its pools' sums");
    }
}
