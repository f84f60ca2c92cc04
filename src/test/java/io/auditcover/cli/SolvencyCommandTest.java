package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./auditcover solvency}: a run over the demo's book, as text and JSON, recorded or not, and a run with no book refused. */
class SolvencyCommandTest {
    @TempDir
    Path directory;

    @Test
    void a_run_prints_each_pools_figures_records_itself_and_repeats_exactly_with_the_same_seed() throws Exception {
        String data = directory.resolve("demo").toString();
        assertThat(CliRun.of("demo", "--data-dir", data).exitCode()).isZero();

        var dry = CliRun.of("solvency", "--data-dir", data, "--years", "5000", "--seed", "3", "--dry-run", "--json");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        var document = new ObjectMapper().readTree(dry.out());
        assertThat(document.get("run").get("seed").asLong()).isEqualTo(3);
        assertThat(document.get("pools")).hasSize(3);
        var again = new ObjectMapper().readTree(CliRun.of("solvency", "--data-dir", data, "--years", "5000", "--seed", "3", "--dry-run",
                "--json", "--threads", "1").out());
        assertThat(again.get("run").get("year_loss_table_digest")).isEqualTo(document.get("run").get("year_loss_table_digest"));

        var recorded = CliRun.of("solvency", "--data-dir", data, "--years", "5000", "--seed", "4");
        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(recorded.out()).contains("recorded", "pool blue-chip (USDC)", "SCR (VaR 99.5 %)", "MCR (cover / 4.8");
        var shown = new ObjectMapper().readTree(CliRun.of("solvency", "--data-dir", data, "--years", "5000", "--seed", "5", "--dry-run",
                "--json").out());
        assertThat(shown.get("pools").get(0).get("policy").get("minimum_solvency_ratio").asText()).isEqualTo("1.5");
    }

    @Test
    void a_run_with_no_book_is_refused_with_its_code_and_records_nothing() {
        var refused = CliRun.of("solvency", "--data-dir", directory.resolve("empty").toString(), "--years", "1000");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("solvency_book_empty");
        var badYears = CliRun.of("solvency", "--data-dir", directory.resolve("empty").toString(), "--years", "5");
        assertThat(badYears.exitCode()).isEqualTo(1);
    }
}
