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
    /** How near the true ρ the fit must come on such a book; its 95 % interval must lie within twice that. */
    static final double TOLERANCE = 0.05;
    /** A spread of group rates like the fork families' (Compound V2 forks several times the Uniswap V2 forks' rate). */
    static final double GROUP_RATE_SPREAD = 0.8;

    /** Group-years drawn from the copula with correlation {@code rho}; the rate of the later years doubles, as it did. */
    static List<DependencyFit.GroupYear> simulated(double rho, long seed) {
        return simulated(rho, seed, 0);
    }

    /**
     * As above, with each group's rate its own for good: the rate times a lognormal factor of log-spread {@code spread} (mean
     * 1), drawn once per group, as lending forks are riskier than exchange forks every year.
     */
    static List<DependencyFit.GroupYear> simulated(double rho, long seed, double spread) {
        var random = new SplittableRandom(seed);
        var counts = new ArrayList<DependencyFit.GroupYear>();
        for (int g = 0; g < GROUPS; g++) {
            int members = 2 + random.nextInt(MEMBERS_MAX - 1);
            double groupFactor = Math.exp(spread * random.nextGaussian() - spread * spread / 2);
            for (int year = 2021; year < 2021 + YEARS; year++) {
                // The Poisson quantile of Φ(z) is 1 or more exactly when Φ(z) > P(0 exploits): the CapitalModel's first threshold.
                double noExploit = new PoissonDistribution(groupFactor * (year == 2021 ? RATE : 2 * RATE)).probability(0);
                double threshold = NORMAL.inverseCumulativeProbability(noExploit);
                double factor = random.nextGaussian();
                int exploited = 0;
                for (int m = 0; m < members; m++) {
                    double z = Math.sqrt(rho) * factor + Math.sqrt(1 - rho) * random.nextGaussian();
                    if (z > threshold) {
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
                assertThat(estimate.low()).as("seed %s: %s", seed, fit.source()).isLessThanOrEqualTo(estimate.rho())
                        .isGreaterThan(rho - 2 * TOLERANCE);
                assertThat(estimate.high()).as("seed %s: %s", seed, fit.source()).isGreaterThanOrEqualTo(estimate.rho())
                        .isLessThan(rho + 2 * TOLERANCE);
            }
        }
    }

    @Test
    void a_rate_that_differs_by_group_for_good_reads_as_correlation_against_the_year_but_not_against_the_group() {
        for (long seed : new long[] {1, 2, 3}) {
            var counts = simulated(0, seed, GROUP_RATE_SPREAD);
            DependencyFit pooled = DependencyFit.fit(DependencyKind.FORK, counts, DependencyFit.Baseline.YEAR, "simulated");
            DependencyFit within = DependencyFit.fit(DependencyKind.FORK, counts, DependencyFit.Baseline.GROUP_AND_YEAR, "simulated");
            assertThat(pooled.estimate().orElseThrow().rho()).as("seed %s: %s", seed, pooled.source()).isGreaterThan(0.1);
            assertThat(within.estimate().orElseThrow().rho()).as("seed %s: %s", seed, within.source()).isLessThan(0.02);
            assertThat(within.source()).contains("p by group and year");
        }
    }

    @Test
    void against_each_group_s_own_rate_the_fit_recovers_a_moderate_correlation_and_reads_a_large_one_high() {
        for (long seed : new long[] {1, 2, 3}) {
            DependencyFit moderate = DependencyFit.fit(DependencyKind.FORK, simulated(0.2, seed, GROUP_RATE_SPREAD),
                    DependencyFit.Baseline.GROUP_AND_YEAR, "simulated");
            assertThat(moderate.estimate().orElseThrow().rho()).as("seed %s: %s", seed, moderate.source()).isCloseTo(0.2, within(TOLERANCE));
            DependencyFit large = DependencyFit.fit(DependencyKind.FORK, simulated(0.5, seed, GROUP_RATE_SPREAD),
                    DependencyFit.Baseline.GROUP_AND_YEAR, "simulated");
            assertThat(large.estimate().orElseThrow().rho()).as("seed %s: %s", seed, large.source()).isBetween(0.5 - TOLERANCE, 0.8);
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
