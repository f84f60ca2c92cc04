package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.solvency.DependencyFit;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.DependencyParameters;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The dependency fits on the repository's datasets: counts the calibration also reads, and a ρ the model can take. */
class DependencyDataTest {
    static final Path DATA = Path.of("datasets");

    @Test
    void the_datasets_give_group_year_counts_and_a_correlation_per_kind() throws IOException {
        DependencyData data = DependencyData.read(DATA);
        for (DependencyFit.Baseline baseline : DependencyFit.Baseline.values()) {
            var fits = data.fits(baseline);
            assertThat(fits.keySet()).containsExactlyElementsOf(DependencyData.KINDS);
            check(fits);
        }
    }

    private static void check(java.util.Map<DependencyKind, DependencyFit> fits) {
        for (var entry : fits.entrySet()) {
            DependencyFit fit = entry.getValue();
            System.out.println(entry.getKey() + ": " + fit.source());
            assertThat(fit.groups()).as(fit.source()).isPositive();
            assertThat(fit.groupYears()).as(fit.source()).isGreaterThanOrEqualTo(fit.groups());
            assertThat(fit.exploited()).as(fit.source()).isPositive();
            assertThat(fit.source()).contains("2021-2024", DependencyData.SOURCE);
            fit.estimate().ifPresent(estimate -> {
                assertThat(estimate.rho()).as(fit.source()).isGreaterThanOrEqualTo(0).isLessThan(1);
                assertThat(estimate.low()).as(fit.source()).isLessThanOrEqualTo(estimate.high());
            });
        }
    }

    /** Every protocol lists its first chain, so the chain groups hold every counted exploit; the fork groups hold fewer. */
    @Test
    void the_chain_groups_hold_the_counted_exploits_and_the_fork_groups_a_part_of_them() throws IOException {
        DependencyData data = DependencyData.read(DATA);
        int chain = data.counts().get(DependencyKind.CHAIN).stream().mapToInt(DependencyFit.GroupYear::exploited).sum();
        int fork = data.counts().get(DependencyKind.FORK).stream().mapToInt(DependencyFit.GroupYear::exploited).sum();
        int chainMembers = data.counts().get(DependencyKind.CHAIN).stream().mapToInt(DependencyFit.GroupYear::members).sum();
        int forkMembers = data.counts().get(DependencyKind.FORK).stream().mapToInt(DependencyFit.GroupYear::members).sum();
        System.out.println("chain: " + chain + " exploited of " + chainMembers + " protocol-years; fork: " + fork + " of " + forkMembers);
        assertThat(fork).isPositive().isLessThan(chain);
        assertThat(forkMembers).isPositive().isLessThan(chainMembers);
    }

    @Test
    void an_internal_oracle_is_no_shared_feed() {
        assertThat(DependencyData.sharedOracle("Internal;Chainlink")).isEqualTo("Chainlink");
        assertThat(DependencyData.sharedOracle("Internal")).isEmpty();
        assertThat(DependencyData.sharedOracle("")).isEmpty();
        assertThat(DependencyData.sharedOracle("Pyth;Chainlink")).isEqualTo("Pyth");
    }

    /** The model's default correlations for the fitted kinds are no lower than the data's 95 % upper bounds (rounded). */
    @Test
    void the_default_correlations_cover_what_the_data_allows() throws IOException {
        var data = DependencyData.read(DATA);
        for (var baseline : DependencyFit.Baseline.values()) {
            data.fits(baseline).forEach((kind, fit) -> fit.estimate().ifPresent(estimate -> {
                if (baseline == DependencyFit.Baseline.GROUP_AND_YEAR || kind == DependencyKind.ORACLE) {
                    assertThat(DependencyParameters.DEFAULTS.get(kind).rho()).as(fit.source()).isGreaterThanOrEqualTo(estimate.high() - 0.001);
                }
            }));
        }
    }
}
