package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.store.PostgresPerClass;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --db} puts the event log in PostgreSQL: the demo business runs on it, and verify and replay read it beside its anchors. */
class PostgresCommandLineTest {
    @RegisterExtension
    static final PostgresPerClass cluster = new PostgresPerClass();

    @TempDir
    Path directory;

    @Test
    void the_demo_business_runs_on_a_postgresql_log_that_verify_then_checks() throws SQLException {
        String url = cluster.newDatabase();
        var demo = CliRun.of("demo", "--data-dir", directory.toString(), "--db", url);
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("chain verified").contains("records in jdbc:postgresql://").doesNotContain("auditcover.db");

        var verified = CliRun.of("verify", "--data-dir", directory.toString(), "--db", url);
        assertThat(verified.exitCode()).as(verified.err()).isZero();

        var elsewhere = CliRun.of("verify", "--data-dir", directory.resolve("empty").toString(), "--db", url);
        assertThat(elsewhere.exitCode()).as("the same log, verified from a data directory without its anchors").isZero();
    }
}
