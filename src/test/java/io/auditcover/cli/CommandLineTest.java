package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands a newcomer runs, end to end on a real data directory. */
class CommandLineTest {
    private static final Pattern STATE_HASH = Pattern.compile("State hash ([0-9a-f]{64})|state hash ([0-9a-f]{64})");

    @TempDir
    Path directory;

    /** Runs one command line and returns its exit code and what it printed. */
    private record Run(int exitCode, String output) {
    }

    private Run run(String... args) {
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalError = System.err;
        try (var out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            System.setErr(out);
            int code = Main.run(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.setErr(originalError);
        }
    }

    private static String stateHash(String output) {
        var matcher = STATE_HASH.matcher(output);
        assertThat(matcher.find()).as("a state hash in:%n%s", output).isTrue();
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    @Test
    void the_demo_sells_a_hundred_covers_pays_the_exploit_and_balances_the_books() {
        var demo = run("demo", "--data-dir", directory.toString());
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output())
                .contains("Covers: 100 bought")
                .containsPattern("Exploit of bridgeport: incident confirmed and settled by 2 of 3 oracles; [1-9][0-9]* claims decided "
                        + "\\([1-9][0-9]* parametric, [1-9][0-9]* filed, 1 by assessors\\), [1-9][0-9]* paid")
                .containsPattern("Withdrawals: 2 paid")
                .contains("Protocol-bought cover: vaultco buys 100000.000000 USDC for its depositors")
                .contains("average clause applies: 39200.000000 USDC counted")
                .contains("the depositors' loss 98000.000000 USDC, counted 39200.000000 USDC, paid 39200.000000 USDC (approved)")
                .containsPattern("wallet/0x[0-9a-f]{40}\\[USDC\\] +12800\\.000000")
                .containsPattern("Claims register \\(.*\\): 16 claims, \\{approved=14, assessors_accept=1, loss_already_paid=1\\}")
                .containsPattern("  2026-04 +39200\\.000000")
                .contains("balances by asset sum to zero: yes; all invariants hold: yes")
                .contains("chain verified");
    }

    @Test
    void replay_rebuilds_the_state_the_demo_ended_with() {
        var demo = run("demo", "--data-dir", directory.toString());
        var replay = run("replay", "--data-dir", directory.toString());
        assertThat(replay.exitCode()).isZero();
        assertThat(stateHash(replay.output())).isEqualTo(stateHash(demo.output()));
        assertThat(replay.output()).contains("events/s");
    }

    @Test
    void the_demo_refuses_a_used_data_directory_unless_reset() {
        run("demo", "--data-dir", directory.toString());
        var again = run("demo", "--data-dir", directory.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.output()).contains("--reset");
        assertThat(run("demo", "--reset", "--data-dir", directory.toString()).exitCode()).isZero();
    }

    @Test
    void verify_names_the_first_bad_record_and_exits_non_zero() throws SQLException {
        run("demo", "--data-dir", directory.toString());
        var good = run("verify", "--data-dir", directory.toString());
        assertThat(good.exitCode()).isZero();
        assertThat(good.output()).containsPattern("log ok: [0-9]+ records, head hash [0-9a-f]{64}");
        try (var database = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("auditcover.db"));
                var sql = database.createStatement()) {
            // one byte more in the binary payload: any change to a record's content must break its link
            sql.executeUpdate("UPDATE log_record SET payload = payload || X'00' WHERE sequence = 42");
        }
        var broken = run("verify", "--data-dir", directory.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.output()).contains("log BROKEN at record 42").contains("41 records before it verify");
    }

    @Test
    void assessor_add_takes_a_checksummed_or_lower_case_address_and_refuses_other_capitals() {
        String lower = "0x" + "ab".repeat(20);
        String checksum = org.web3j.crypto.Keys.toChecksumAddress(lower);
        assertThat(run("assessor", "add", checksum, "--data-dir", directory.toString()).exitCode()).isZero();
        String wrong = checksum.equals(checksum.toLowerCase(java.util.Locale.ROOT)) ? "0x" + "AB".repeat(20)
                : "0x" + checksum.substring(2).toUpperCase(java.util.Locale.ROOT);
        var refused = run("assessor", "add", wrong, "--data-dir", directory.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("EIP-55");
        try (var store = io.auditcover.access.AccessStore.open(directory)) {
            assertThat(store.isAssessor(lower)).isTrue();
        }
        assertThat(run("assessor", "remove", lower, "--data-dir", directory.toString()).exitCode()).isZero();
    }

    @Test
    void the_demo_signs_for_the_deployment_it_is_given_and_refuses_a_malformed_id() {
        String deployment = "0x" + "de".repeat(32);
        var demo = run("demo", "--deployment-id", deployment, "--data-dir", directory.toString());
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("deployment " + deployment);
        var bad = run("demo", "--reset", "--deployment-id", "0x1234", "--data-dir", directory.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.output()).contains("--deployment-id");
    }
}
