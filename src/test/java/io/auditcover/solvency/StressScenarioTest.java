package io.auditcover.solvency;

import static io.auditcover.solvency.DependencyKind.AUDITOR;
import static io.auditcover.solvency.DependencyKind.FORK;
import static io.auditcover.solvency.DependencyKind.ORACLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StressScenarioTest {
    static final Exposure COMPOUND_FORK_ON_CHAINLINK = new Exposure("alpha", "fork-a", 100, 0.1, 0.5,
            Map.of(FORK, "Compound V2", ORACLE, "Chainlink"));
    static final Exposure AAVE_ON_CHAINLINK = new Exposure("alpha", "aave", 100, 0.1, 0.5, Map.of(FORK, "Aave V2", ORACLE, "Chainlink"));

    @Test
    void a_scenario_exploits_what_it_hits_once_by_default_and_each_shock_adds_its_exploits() {
        var bug = StressScenario.groupFails(FORK, "Compound V2");
        assertThat(bug.exploitsOf(COMPOUND_FORK_ON_CHAINLINK)).isEqualTo(1);
        assertThat(bug.exploitsOf(AAVE_ON_CHAINLINK)).isZero();
        var together = bug.withExploits(2).and(StressScenario.groupFails(ORACLE, "Chainlink"));
        assertThat(together.exploitsOf(COMPOUND_FORK_ON_CHAINLINK)).isEqualTo(3);
        assertThat(together.exploitsOf(AAVE_ON_CHAINLINK)).isEqualTo(1);
        assertThat(together.withExploits(4).exploitsOf(COMPOUND_FORK_ON_CHAINLINK)).isEqualTo(8);
        assertThat(StressScenario.protocolExploited("aave").exploitsOf(AAVE_ON_CHAINLINK)).isEqualTo(1);
    }

    @Test
    void default_names_and_descriptions_say_what_fails_and_naming_keeps_the_shocks() {
        var blindSpot = StressScenario.groupFails(AUDITOR, "Trail of Bits");
        assertThat(blindSpot.name()).isEqualTo("auditor Trail of Bits");
        assertThat(blindSpot.description()).isEqualTo("auditor Trail of Bits's blind spot: every protocol it audited exploited");
        var combined = StressScenario.groupFails(FORK, "Compound V2").and(StressScenario.protocolExploited("aave"));
        assertThat(combined.name()).isEqualTo("fork Compound V2 and protocol aave");
        assertThat(combined.description()).isEqualTo("the fork parent Compound V2 has a bug: every fork exploited; and protocol aave is exploited");
        var named = combined.named("bad week", "a Compound bug and an Aave exploit");
        assertThat(named.name()).isEqualTo("bad week");
        assertThat(named.exploitsOf(AAVE_ON_CHAINLINK)).isEqualTo(1);
        assertThat(named).isEqualTo(combined.named("bad week", "a Compound bug and an Aave exploit")).isNotEqualTo(combined);
    }

    @Test
    void a_missing_kind_or_group_or_protocol_and_counts_out_of_range_are_refused_with_the_reason() {
        assertThatThrownBy(() -> StressScenario.groupFails(null, "Chainlink")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a group failure needs a dependency kind, one of [FORK, ORACLE, CHAIN, BRIDGE, AUDITOR]");
        assertThatThrownBy(() -> StressScenario.groupFails(ORACLE, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a group failure of kind ORACLE needs the group's name, got null");
        assertThatThrownBy(() -> StressScenario.groupFails(ORACLE, "  ")).hasMessage("a group failure of kind ORACLE needs the group's name, got '  '");
        assertThatThrownBy(() -> StressScenario.protocolExploited("")).hasMessage("a protocol exploit needs the protocol's id, got ''");
        var bug = StressScenario.groupFails(FORK, "Compound V2");
        assertThatThrownBy(() -> bug.withExploits(0)).hasMessage("scenario 'fork Compound V2' needs 1 to 1000 exploits per shock, got 0");
        assertThatThrownBy(() -> bug.withExploits(StressScenario.EXPLOITS_MAX + 1)).hasMessageContaining("got 1001");
        assertThatThrownBy(() -> bug.named(" ", "d")).hasMessageContaining("needs a name of 1 to 1000 characters, got ' '");
        assertThatThrownBy(() -> bug.named("n", null)).hasMessage("scenario 'n' needs a description of 1 to 10000 characters");
        assertThatThrownBy(() -> bug.and(null)).hasMessage("scenario 'fork Compound V2' cannot be combined with no scenario");
        var many = StressScenario.groupFails(ORACLE, "o0").named("o0", "d");
        for (int i = 1; i < StressScenario.SHOCKS_MAX; i++) {
            many = many.and(StressScenario.groupFails(ORACLE, "o" + i).named("o" + i, "d"));
        }
        var full = many;
        assertThatThrownBy(() -> full.and(bug)).hasMessage("a scenario needs 1 to 32 shocks, got 33");
    }
}
