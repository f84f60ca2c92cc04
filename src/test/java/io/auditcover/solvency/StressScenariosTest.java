package io.auditcover.solvency;

import static io.auditcover.solvency.DependencyKind.AUDITOR;
import static io.auditcover.solvency.DependencyKind.BRIDGE;
import static io.auditcover.solvency.DependencyKind.CHAIN;
import static io.auditcover.solvency.DependencyKind.FORK;
import static io.auditcover.solvency.DependencyKind.ORACLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Active cover by group in this book: forks Compound V2 450, Aave V2 250; oracles Chainlink 350, Pyth 350 (a tie); chains
 * Ethereum 400, Arbitrum 350; bridge Wormhole 50; auditors Trail of Bits 400, OpenZeppelin 350; protocols fork-a 350 over two
 * pools (200 in alpha alone, less than aave's 250), aave 250, bridge-user 50, fork-b 100. Compound V2's forks read Pyth
 * (350) more than Chainlink (100), though the book as a whole reads both alike.
 */
class StressScenariosTest {
    static final Map<DependencyKind, String> FORK_A_GROUPS = Map.of(FORK, "Compound V2", ORACLE, "Pyth", CHAIN, "Ethereum",
            AUDITOR, "Trail of Bits");
    static final List<Exposure> BOOK = List.of(
            new Exposure("alpha", "fork-a", 200, 0.1, 0.5, FORK_A_GROUPS),
            new Exposure("beta", "fork-a", 150, 0.1, 0.5, FORK_A_GROUPS),
            new Exposure("alpha", "fork-b", 100, 0.1, 0.5, Map.of(FORK, "Compound V2", ORACLE, "Chainlink", CHAIN, "Arbitrum",
                    AUDITOR, "OpenZeppelin")),
            new Exposure("alpha", "aave", 250, 0.1, 0.5, Map.of(FORK, "Aave V2", ORACLE, "Chainlink", CHAIN, "Arbitrum",
                    AUDITOR, "OpenZeppelin")),
            new Exposure("beta", "bridge-user", 50, 0.1, 0.5, Map.of(BRIDGE, "Wormhole", CHAIN, "Ethereum", AUDITOR, "Trail of Bits")));

    @Test
    void the_standard_set_fails_each_kinds_largest_group_the_largest_protocol_and_the_largest_fork_family_with_its_oracle() {
        var standard = StressScenarios.standard(BOOK);
        assertThat(standard).extracting(StressScenario::name).containsExactly(
                "auditor Trail of Bits",
                "bridge Wormhole",
                "chain Ethereum",
                "fork Compound V2",
                "fork Compound V2 and oracle Pyth",
                "oracle Chainlink",
                "protocol fork-a");
        assertThat(standard.get(3)).isEqualTo(StressScenario.groupFails(FORK, "Compound V2"));
        assertThat(standard.get(3).description()).isEqualTo("the fork parent Compound V2 has a bug: every fork exploited");
        assertThat(standard.get(0).description()).isEqualTo("auditor Trail of Bits's blind spot: every protocol it audited exploited");
        var together = standard.get(4);
        assertThat(together.description()).startsWith("the fork parent Compound V2 has a bug and Pyth, the oracle its forks read most, fails");
        assertThat(together.exploitsOf(BOOK.get(0))).isEqualTo(2);
        assertThat(together.exploitsOf(BOOK.get(2))).isEqualTo(1);
        assertThat(together.exploitsOf(BOOK.get(3))).isZero();
        assertThat(standard.get(6).exploitsOf(BOOK.get(1))).isEqualTo(1);
    }

    @Test
    void the_standard_set_does_not_depend_on_the_order_of_the_exposures() {
        var expected = StressScenarios.standard(BOOK);
        var random = new Random(7);
        for (int round = 0; round < 20; round++) {
            var shuffled = new ArrayList<>(BOOK);
            Collections.shuffle(shuffled, random);
            assertThat(StressScenarios.standard(shuffled)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void a_kind_no_exposure_has_or_has_no_cover_in_gives_no_scenario_and_a_fork_family_without_an_oracle_no_combination() {
        var book = List.of(
                new Exposure("alpha", "fork-a", 100, 0.1, 0.5, Map.of(FORK, "Compound V2")),
                new Exposure("alpha", "expired", 0, 0.1, 0.5, Map.of(ORACLE, "Chainlink")));
        assertThat(StressScenarios.standard(book)).extracting(StressScenario::name).containsExactly("fork Compound V2", "protocol fork-a");
        assertThat(StressScenarios.standard(List.of())).isEmpty();
    }
}
