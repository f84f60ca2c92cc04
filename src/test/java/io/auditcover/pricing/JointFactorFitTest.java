package io.auditcover.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

/** The joint GLM on synthetic cells with known effects: it recovers them where a one-way fit double counts. */
class JointFactorFitTest {
    static final long SEED = 20_261_201L;
    /** Known log effects: dimension a (x, y, z), dimension b (p, q), a falling year level. */
    static final Map<String, Double> TRUE = Map.of("a:x", 0.6, "a:y", 0.0, "a:z", -0.6, "b:p", 0.4, "b:q", -0.4);
    static final Map<Integer, Double> YEAR_LOG_RATE = Map.of(2022, StrictMath.log(0.03), 2023, StrictMath.log(0.015));
    static final Map<String, Double> WEAK_PRIOR = Map.of("a", 4.0, "b", 4.0);

    /** a and b overlap: x sits mostly with p, z mostly with q, so each one-way ratio also carries the other's effect. */
    static List<JointFactorFit.Cell> sample(long seed) {
        var random = new Well19937c(seed);
        var cells = new ArrayList<JointFactorFit.Cell>();
        for (int year : List.of(2022, 2023)) {
            for (String a : List.of("a:x", "a:y", "a:z")) {
                for (String b : List.of("b:p", "b:q")) {
                    boolean aligned = (a.equals("a:x") && b.equals("b:p")) || (a.equals("a:z") && b.equals("b:q"));
                    double exposure = aligned ? 40_000 : 8_000;
                    double mean = exposure * StrictMath.exp(YEAR_LOG_RATE.get(year) + TRUE.get(a) + TRUE.get(b));
                    int n = new PoissonDistribution(mean).inverseCumulativeProbability(random.nextDouble());
                    cells.add(new JointFactorFit.Cell(year, List.of(a, b), exposure, n));
                }
            }
        }
        return cells;
    }

    @Test
    void the_joint_fit_recovers_known_effects_of_overlapping_dimensions() {
        var fit = JointFactorFit.solve(sample(SEED), WEAK_PRIOR);
        double xz = fit.get("a:x").estimate() - fit.get("a:z").estimate();
        double pq = fit.get("b:p").estimate() - fit.get("b:q").estimate();
        assertThat(xz).as("log x/z, true 1.2").isCloseTo(1.2, within(0.1));
        assertThat(pq).as("log p/q, true 0.8").isCloseTo(0.8, within(0.1));
        double years = fit.get("year:2023").estimate() - fit.get("year:2022").estimate();
        assertThat(years).as("the year level takes the trend, true log 0.5").isCloseTo(StrictMath.log(0.5), within(0.1));
        assertThat(fit.get("a:x").standardDeviation()).isPositive();
    }

    @Test
    void a_one_way_ratio_on_the_same_sample_double_counts_the_overlap() {
        double[] p = new double[2];
        double[] q = new double[2];
        for (var cell : sample(SEED)) {
            double[] side = cell.levels().contains("b:p") ? p : q;
            side[0] += cell.incidents();
            side[1] += cell.protocolYears();
        }
        double oneWay = StrictMath.log((p[0] / p[1]) / (q[0] / q[1]));
        assertThat(oneWay).as("p/q alone also claims a's effect").isGreaterThan(0.8 + 0.3);
    }

    @Test
    void a_thin_level_is_shrunk_toward_the_average() {
        var cells = new ArrayList<>(sample(SEED));
        // Level w: 20 protocol-years and 2 incidents, 5 times the base rate on its face.
        cells.add(new JointFactorFit.Cell(2022, List.of("a:w", "b:p"), 20, 2));
        var strong = JointFactorFit.solve(cells, Map.of("a", 0.05, "b", 4.0));
        var weak = JointFactorFit.solve(cells, WEAK_PRIOR);
        assertThat(Math.abs(strong.get("a:w").estimate())).isLessThan(Math.abs(weak.get("a:w").estimate()));
        assertThat(Math.abs(strong.get("a:w").estimate())).isLessThan(0.2);
    }

    @Test
    void the_fit_is_deterministic() {
        assertThat(JointFactorFit.solve(sample(SEED), WEAK_PRIOR)).isEqualTo(JointFactorFit.solve(sample(SEED), WEAK_PRIOR));
    }
}
