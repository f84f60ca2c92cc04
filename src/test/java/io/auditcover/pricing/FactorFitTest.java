package io.auditcover.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FactorFitTest {

    @Test
    void credibility_factors_are_normalised_to_a_population_average_of_one() {
        var exposures = new TreeMap<String, Double>(java.util.Map.of("a", 1_000.0, "b", 3_000.0, "c", 500.0));
        var counts = new TreeMap<String, Integer>(java.util.Map.of("a", 40, "b", 30, "c", 5));
        var groups = FactorFit.credibility("x", exposures, counts);
        assertThat(FactorFit.populationAverage(groups)).isCloseTo(1, within(1e-12));
        var a = groups.stream().filter(g -> g.name().equals("a")).findFirst().orElseThrow();
        var b = groups.stream().filter(g -> g.name().equals("b")).findFirst().orElseThrow();
        assertThat(a.factor()).isGreaterThan(b.factor());
        assertThat(a.credibility()).isBetween(0.0, 1.0);
    }

    @Test
    void groups_with_the_same_rate_get_factors_of_one() {
        var exposures = new TreeMap<String, Double>(java.util.Map.of("a", 1_000.0, "b", 2_000.0));
        var counts = new TreeMap<String, Integer>(java.util.Map.of("a", 10, "b", 20));
        for (var group : FactorFit.credibility("x", exposures, counts)) {
            assertThat(group.factor()).isCloseTo(1, within(1e-4));
        }
    }
}
