package io.auditcover.solvency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * The ρ fit against data simulated from the copula itself: a group's members share one normal factor per year, each member's
 * count is the Poisson quantile of Φ(z), and a member with one exploit or more is exploited.
 */
class DependencyFitTest {
    static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
    /** A book like the fork families': 400 groups of 2 to 40 members, over four years. */
    static final int GROUPS = 400;
    static final int MEMBERS_MAX = 40;
    static final int YEARS = 4;
    /** About the listing's yearly rate of counted exploits (a few per hundred protocols). */
    static final double RATE = 0.05;
    /** How near the true ρ the fit must come on such a book; its 95 % interval must also cover the true ρ. */
    static final double TOLERANCE = 0.05;

    /** Group-years drawn from the copula with correlation {@code rho}; the rate of the later years doubles, as it did. */
    static List<DependencyFit.GroupYear> simulated(double rho, long seed) {
        var random = new SplittableRandom(seed);
        var counts = new ArrayList<DependencyFit.GroupYear>();
        for (int g = 0; g < GROUPS; g++) {
            int members = 2 + random.nextInt(MEMBERS_MAX - 1);
            for (int year = 2021; year < 2021 + YEARS; year++) {
                var poisson = new PoissonDistribution(year == 2021 ? RATE : 2 * RATE);
                double factor = random.nextGaussian();
                int exploited = 0;
                for (int m = 0; m < members; m++) {
                    double z = Math.sqrt(rho) * factor + Math.sqrt(1 - rho) * random.nextGaussian();
                    if (poisson.inverseCumulativeProbability(NORMAL.cumulativeProbability(z)) >= 1) {
                        exploited++;
                    }
                }
                counts.add(new DependencyFit.GroupYear("group-" + g, year, members, exploited));
            }
        }
        return counts;
    }

    @Test
    void the_fit_recovers_the_correlation_the_copula_was_simulated_with() {
        for (double rho : new double[] {0.2, 0.5}) {
            for (long seed : new long[] {1, 2, 3}) {
                DependencyFit fit = DependencyFit.fit(DependencyKind.FORK, simulated(rho, seed), "simulated");
                var estimate = fit.estimate().orElseThrow();
                assertThat(estimate.rho()).as("rho %s seed %s: %s", rho, seed, fit.source()).isCloseTo(rho, within(TOLERANCE));
                assertThat(estimate.low()).as("seed %s: %s", seed, fit.source()).isLessThanOrEqualTo(rho);
                assertThat(estimate.high()).as("seed %s: %s", seed, fit.source()).isGreaterThanOrEqualTo(rho);
            }
        }
    }

    @Test
    void independent_members_give_a_correlation_near_zero() {
        for (long seed : new long[] {1, 2, 3}) {
            DependencyFit fit = DependencyFit.fit(DependencyKind.CHAIN, simulated(0, seed), "simulated");
            var estimate = fit.estimate().orElseThrow();
            assertThat(estimate.rho()).as("seed %s: %s", seed, fit.source()).isLessThan(0.02);
            assertThat(estimate.low()).isZero();
        }
    }

    @Test
    void the_same_counts_give_the_same_fit() {
        var counts = simulated(0.3, 7);
        assertThat(DependencyFit.fit(DependencyKind.ORACLE, counts, "simulated"))
                .isEqualTo(DependencyFit.fit(DependencyKind.ORACLE, counts, "simulated"));
    }

    @Test
    void the_fit_names_what_it_rests_on_and_becomes_the_model_parameters() {
        DependencyFit fit = DependencyFit.fit(DependencyKind.FORK, simulated(0.2, 1), "datasets/incident_matches.csv");
        assertThat(fit.groups()).isEqualTo(GROUPS);
        assertThat(fit.groupYears()).isEqualTo(GROUPS * YEARS);
        assertThat(fit.source()).startsWith("fitted: rho ").contains(GROUPS * YEARS + " group-years (" + GROUPS + " groups), "
                + fit.coExploitedPairs() + " co-exploited pairs").endsWith("2021-2024, datasets/incident_matches.csv");
        DependencyParameters parameters = fit.parameters().orElseThrow();
        assertThat(parameters.kind()).isEqualTo(DependencyKind.FORK);
        assertThat(parameters.rho()).isEqualTo(fit.estimate().orElseThrow().rho());
        assertThat(parameters.source()).isEqualTo(fit.source());
    }

    @Test
    void too_few_co_exploited_pairs_give_no_estimate() {
        var counts = List.of(new DependencyFit.GroupYear("Uniswap V2", 2022, 600, 2), new DependencyFit.GroupYear("Uniswap V2", 2023, 600, 2),
                new DependencyFit.GroupYear("Compound V2", 2023, 120, 1), new DependencyFit.GroupYear("Olympus DAO", 2023, 110, 0));
        DependencyFit fit = DependencyFit.fit(DependencyKind.FORK, counts, "test");
        assertThat(fit.coExploitedPairs()).isEqualTo(2);
        assertThat(fit.estimate()).isEmpty();
        assertThat(fit.parameters()).isEmpty();
        assertThat(fit.source()).startsWith("not fitted: fewer than 5 co-exploited pairs: 4 group-years (3 groups), 2 co-exploited pairs");
    }

    @Test
    void a_group_year_with_more_exploited_than_members_is_refused() {
        assertThatThrownBy(() -> new DependencyFit.GroupYear("Uniswap V2", 2022, 3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DependencyFit.fit(DependencyKind.FORK, List.of(), "test")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_bivariate_normal_on_its_diagonal_meets_its_exact_values() {
        for (double rho : new double[] {0, 0.1, 0.5, 0.9, 0.999}) {
            assertThat(DependencyFit.bivariateNormalDiagonal(0, rho)).isCloseTo(0.25 + Math.asin(rho) / (2 * Math.PI), within(1e-14));
        }
        for (double t : new double[] {-4, -2.5, -1, 0.5, 2}) {
            double marginal = NORMAL.cumulativeProbability(t);
            assertThat(DependencyFit.bivariateNormalDiagonal(t, 0)).isCloseTo(marginal * marginal, within(1e-15));
            assertThat(DependencyFit.bivariateNormalDiagonal(t, 1)).isCloseTo(marginal, within(1e-13));
        }
    }

    /** Values of SciPy 1.17's multivariate_normal.cdf (Genz's algorithm, tolerance 1e-12), computed apart. */
    @Test
    void the_bivariate_normal_matches_an_independent_implementation() {
        assertThat(DependencyFit.bivariateNormalDiagonal(-1, 0.5)).isCloseTo(0.06251409470966385, within(1e-11));
        assertThat(DependencyFit.bivariateNormalDiagonal(-1.75, 0.2)).isCloseTo(0.0035924470279288245, within(1e-11));
        assertThat(DependencyFit.bivariateNormalDiagonal(-2.5, 0.8)).isCloseTo(0.0021679361407940245, within(1e-11));
    }
}
