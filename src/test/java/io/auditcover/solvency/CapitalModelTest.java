package io.auditcover.solvency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapitalModelTest {
    static final long UNIT = 1_000_000;
    static final Map<DependencyKind, DependencyParameters> INDEPENDENT = Map.of(DependencyKind.FORK,
            new DependencyParameters(DependencyKind.FORK, 0, "test: independent"));

    static Map<DependencyKind, DependencyParameters> fork(double rho) {
        return Map.of(DependencyKind.FORK, new DependencyParameters(DependencyKind.FORK, rho, "test"));
    }

    /** {@code count} protocols forked from one parent, each with cover 100 units of which an exploit pays {@code share}. */
    static List<Exposure> forks(int count, double rate, double share) {
        var exposures = new ArrayList<Exposure>();
        for (int i = 0; i < count; i++) {
            exposures.add(new Exposure("alpha", "fork-" + i, 100 * UNIT, rate, share, Map.of(DependencyKind.FORK, "parent")));
        }
        return exposures;
    }

    static final List<PoolCapital> ALPHA = List.of(new PoolCapital("alpha", 500 * UNIT, 0, 0));

    @Test
    void the_same_seed_and_book_give_the_same_year_loss_table_on_any_number_of_threads_and_another_seed_another() {
        var model = new CapitalModel(forks(20, 0.05, 0.3), ALPHA, fork(0.4));
        var one = model.run(20_000, 7, 1);
        var two = model.run(20_000, 7, 2);
        assertThat(two.yearLossTableDigest()).isEqualTo(one.yearLossTableDigest());
        assertThat(two.book()).isEqualTo(one.book());
        assertThat(model.run(20_000, 8, 2).yearLossTableDigest()).isNotEqualTo(one.yearLossTableDigest());
    }

    /**
     * With independent protocols the book's year loss is compound Poisson: rate Λ = Σ rates, one exploit's loss drawn from the
     * exposures by rate. Panjer's recursion gives its distribution exactly on the loss lattice; the simulated tail must agree
     * within a stated tolerance (here two lattice steps at the 99.5 % quantile, 2 % on the mean, for 400,000 years).
     */
    @Test
    void with_independent_protocols_the_tail_matches_the_exact_compound_poisson_by_panjer_recursion() {
        var exposures = List.of(
                new Exposure("alpha", "a", 100 * UNIT, 0.30, 0.01, Map.of()),
                new Exposure("alpha", "b", 200 * UNIT, 0.20, 0.01, Map.of()),
                new Exposure("alpha", "c", 300 * UNIT, 0.10, 0.01, Map.of()),
                new Exposure("alpha", "d", 500 * UNIT, 0.05, 0.01, Map.of(DependencyKind.FORK, "solo")));
        var run = new CapitalModel(exposures, List.of(new PoolCapital("alpha", 10 * UNIT, 0, 0)), INDEPENDENT).run(400_000, 11, 2);
        // Lattice step: one unit of cover share (1 % of 100 units = 1 unit); losses of 1, 2, 3 and 5 units.
        double lambda = 0.30 + 0.20 + 0.10 + 0.05;
        double[] severity = new double[6];
        severity[1] = 0.30 / lambda;
        severity[2] = 0.20 / lambda;
        severity[3] = 0.10 / lambda;
        severity[5] = 0.05 / lambda;
        int size = 200;
        double[] g = new double[size];
        g[0] = Math.exp(-lambda);
        for (int s = 1; s < size; s++) {
            double sum = 0;
            for (int j = 1; j <= Math.min(s, 5); j++) {
                sum += j * severity[j] * g[s - j];
            }
            g[s] = lambda / s * sum;
        }
        double cumulative = 0;
        int exactVar = 0;
        while (cumulative + g[exactVar] < 0.995) {
            cumulative += g[exactVar];
            exactVar++;
        }
        double exactMean = lambda * (0.30 * 1 + 0.20 * 2 + 0.10 * 3 + 0.05 * 5) / lambda;
        assertThat((double) run.book().scrUnits() / UNIT).isCloseTo(exactVar, within(2.0));
        assertThat(run.book().expectedLossUnits() / UNIT).isCloseTo(exactMean, within(exactMean * 0.02));
    }

    @Test
    void correlation_leaves_the_expected_loss_and_fattens_the_tail_comonotone_most() {
        int years = 100_000;
        var independent = new CapitalModel(forks(50, 0.02, 0.2), ALPHA, fork(0)).run(years, 3, 2).book();
        var correlated = new CapitalModel(forks(50, 0.02, 0.2), ALPHA, fork(0.5)).run(years, 3, 2).book();
        var comonotone = new CapitalModel(forks(50, 0.02, 0.2), ALPHA, fork(1)).run(years, 3, 2).book();
        assertThat(correlated.expectedLossUnits()).isCloseTo(independent.expectedLossUnits(), within(independent.expectedLossUnits() * 0.05));
        assertThat(comonotone.expectedLossUnits()).isCloseTo(independent.expectedLossUnits(), within(independent.expectedLossUnits() * 0.05));
        assertThat(correlated.scrUnits()).isGreaterThan(independent.scrUnits());
        assertThat(comonotone.tvar99Units()).isGreaterThan(correlated.tvar99Units());
        // Comonotone: every fork is exploited in the same years, so the 99.5 % year is all fifty at once.
        assertThat(comonotone.scrUnits()).isEqualTo(50 * 20 * UNIT);
        assertThat(comonotone.ruinProbability()).isGreaterThan(independent.ruinProbability());
    }

    /**
     * The layer applies per occurrence within its aggregate, as a settlement does: one exposure exploited N times a year
     * (Poisson, rate 2) loses 10 each; a layer of 5 excess of 5 with one reinstatement (aggregate 10) at 100 % of a premium of
     * 2 recovers min(10, 5N) and charges 2 × min(recovered, 5) ÷ 5. So the expected net year loss is
     * 20 − E[min(10, 5N)] + 2 P(N ≥ 1) = 20 − 5 P(N = 1) − 10 P(N ≥ 2) + 2 P(N ≥ 1), within 1 % on 200,000 years, and the
     * gross figures stand beside it with the capital the layer saves.
     */
    @Test
    void a_treaty_recovers_each_occurrence_within_its_aggregate_and_charges_its_reinstatement_premium() {
        var exposure = new Exposure("alpha", "often", 1_000 * UNIT, 2.0, 0.01, Map.of());
        var treaty = new PoolCapital("alpha", 100 * UNIT, 5 * UNIT, 5 * UNIT, 10 * UNIT, 5 * UNIT, 2 * UNIT, 2 * UNIT);
        var run = new CapitalModel(List.of(exposure), List.of(treaty), INDEPENDENT).run(200_000, 3, 2);
        double p0 = Math.exp(-2);
        double p1 = 2 * Math.exp(-2);
        double expectedNet = 20 - 5 * p1 - 10 * (1 - p0 - p1) + 2 * (1 - p0);
        var alpha = run.pools().get("alpha");
        assertThat(alpha.expectedLossUnits() / UNIT).isCloseTo(expectedNet, within(expectedNet * 0.01));
        assertThat(alpha.gross().expectedLossUnits() / UNIT).isCloseTo(20, within(20 * 0.01));
        assertThat(alpha.gross().annualPremiumUnits()).isEqualTo(2 * UNIT);
        // Above two exploits the layer is spent: the tail is the gross tail less the aggregate, plus the one reinstatement's premium.
        assertThat(alpha.scrUnits()).isEqualTo(alpha.gross().scrUnits() - 10 * UNIT + 2 * UNIT);
        var recorded = PoolSolvency.of(alpha);
        assertThat(recorded.capitalSavedUnits()).isEqualTo(recorded.grossRequiredCapitalUnits() - recorded.requiredCapitalUnits()).isPositive();
        var free = new CapitalModel(List.of(exposure), List.of(new PoolCapital("alpha", 100 * UNIT, 0, 0)), INDEPENDENT).run(200_000, 3, 2);
        assertThat(free.pools().get("alpha").gross()).isNull();
        assertThat(PoolSolvency.of(free.pools().get("alpha")).capitalSavedUnits()).isNull();
    }

    @Test
    void the_co_tvar_allocation_adds_up_to_the_book_tvar_by_listing_and_by_each_kind_of_group() {
        var exposures = new ArrayList<>(forks(10, 0.05, 0.3));
        exposures.add(new Exposure("beta", "lone", 300 * UNIT, 0.1, 0.5, Map.of(DependencyKind.ORACLE, "feed")));
        var dependencies = Map.of(DependencyKind.FORK, new DependencyParameters(DependencyKind.FORK, 0.3, "test"),
                DependencyKind.ORACLE, new DependencyParameters(DependencyKind.ORACLE, 0.2, "test"));
        var run = new CapitalModel(exposures, List.of(ALPHA.getFirst(), new PoolCapital("beta", 100 * UNIT, 50 * UNIT, 30 * UNIT)),
                dependencies).run(50_000, 5, 2);
        double tvar = run.book().tvar99Units();
        assertThat(run.capitalByListing().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(tvar, within(tvar * 1e-9));
        for (var groups : run.capitalByGroup().values()) {
            assertThat(groups.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(tvar, within(tvar * 1e-9));
        }
        assertThat(run.capitalByGroup().get(DependencyKind.FORK)).containsKeys("parent", CapitalModel.NO_GROUP);
        var beta = run.pools().get("beta");
        assertThat(beta.mcrUnits()).isEqualTo(300 * UNIT / 4.8);
        assertThat(beta.solvencyRatio()).isEqualTo((double) beta.capitalUnits() / beta.scrUnits());
        assertThat(beta.aggregateExceedance()).containsKeys(10, 200, 1000);
    }

    @Test
    void a_negative_correlation_an_unknown_kind_correlations_above_one_and_an_empty_book_are_refused() {
        assertThatThrownBy(() -> new DependencyParameters(DependencyKind.ORACLE, -0.1, "test")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("correlation in [0, 1]");
        assertThatThrownBy(() -> new CapitalModel(List.of(new Exposure("alpha", "x", 1, 0.1, 0.5, Map.of(DependencyKind.CHAIN, "eth"))),
                ALPHA, INDEPENDENT)).hasMessageContaining("CHAIN has no parameters");
        var both = Map.of(DependencyKind.FORK, new DependencyParameters(DependencyKind.FORK, 0.7, "test"), DependencyKind.CHAIN,
                new DependencyParameters(DependencyKind.CHAIN, 0.6, "test"));
        assertThatThrownBy(() -> new CapitalModel(List.of(new Exposure("alpha", "x", 1, 0.1, 0.5,
                Map.of(DependencyKind.FORK, "p", DependencyKind.CHAIN, "eth"))), ALPHA, both)).hasMessageContaining("above 1");
        assertThatThrownBy(() -> new CapitalModel(List.of(), ALPHA, INDEPENDENT)).hasMessageContaining("needs a book");
        assertThatThrownBy(() -> new CapitalModel(forks(1, 0.1, 0.1), List.of(new PoolCapital("other", 1, 0, 0)), INDEPENDENT))
                .hasMessageContaining("unknown pool alpha");
    }
}
