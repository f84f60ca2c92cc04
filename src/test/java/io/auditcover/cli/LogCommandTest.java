package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditcover.store.LogEntry;
import io.auditcover.store.SqliteEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code log show} prints records as JSON lines; {@code log migrate} rewrites a v0 (JSON) log in format v1, or refuses. */
class LogCommandTest {
    /** The demo business as an earlier build wrote it, in format v0, and the state hash it replays to (see GoldenLogTest). */
    static final Path V0_DEMO = Paths.get("src/test/resources/golden/demo");
    static final String V0_DEMO_STATE_HASH = "acab6dc645f6c74ce42a9c5dc01fdf2adf7ecea12494d9511e08087e9c6b4ec6";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void log_show_prints_one_json_object_a_line_for_the_range_and_type_asked() throws IOException {
        assertThat(run("demo", "--data-dir", directory.toString()).exitCode()).isZero();

        var range = run("log", "show", "--data", directory.toString(), "--from", "2", "--to", "5");
        var purchases = run("log", "show", "--data", directory.toString(), "--type", "CoverBought");

        assertThat(range.exitCode()).as(range.err()).isZero();
        List<JsonNode> lines = parse(range.out());
        assertThat(lines).extracting(line -> line.get("sequence").asLong()).containsExactly(2L, 3L, 4L, 5L);
        for (JsonNode line : lines) {
            var names = new ArrayList<String>();
            line.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("sequence", "recordedAt", "type", "commandId", "event", "hash");
            assertThat(line.get("event").isObject()).isTrue();
            assertThat(line.get("hash").asText()).matches("[0-9a-f]{64}");
        }
        List<JsonNode> bought = parse(purchases.out());
        assertThat(bought).as("the buyers' hundred and the cover Vaultco bought for its depositors").hasSize(101);
        assertThat(bought).extracting(line -> line.get("type").asText()).containsOnly("CoverBought");
        assertThat(bought).extracting(line -> line.at("/event/cover/amount").asText()).allMatch(amount -> amount.matches("[0-9]+ [A-Z]+/[0-9]"));
    }

    @Test
    void a_v0_log_is_refused_by_replay_until_log_migrate_rewrites_it_to_the_same_state_hash() throws IOException {
        copyV0Demo();

        var refused = run("replay", "--data-dir", directory.toString());
        var notServed = run("serve", "--data-dir", directory.toString(), "--port", "0");
        var shownBefore = run("log", "show", "--data", directory.toString(), "--from", "12", "--to", "12");
        var migrated = run("log", "migrate", "--data", directory.toString());
        var replayed = run("replay", "--data-dir", directory.toString());
        var verified = run("verify", "--data-dir", directory.toString());
        var again = run("log", "migrate", "--data", directory.toString());

        assertThat(refused.exitCode()).isEqualTo(Main.EXIT_LOG_FORMAT);
        assertThat(refused.err()).startsWith("auditcover replay: ").contains("log format v0").contains("auditcover log migrate")
                .doesNotContain("\tat ").hasLineCount(1);
        assertThat(notServed.exitCode()).isEqualTo(Main.EXIT_LOG_FORMAT);
        assertThat(notServed.err()).startsWith("auditcover serve: ").contains("auditcover log migrate").hasLineCount(1);
        assertThat(migrated.exitCode()).as(migrated.err()).isZero();
        assertThat(migrated.out()).contains("migrated 194 records from log format v0 to v1")
                .containsPattern("old head: record 194, hash [0-9a-f]{64}").containsPattern("new head: record 194, hash [0-9a-f]{64}")
                .contains("state hash " + V0_DEMO_STATE_HASH).contains("auditcover.db.v0").contains("ed25519:");
        assertThat(replayed.exitCode()).isZero();
        assertThat(replayed.out()).contains("state hash " + V0_DEMO_STATE_HASH);
        assertThat(verified.exitCode()).isZero();
        assertThat(verified.out()).contains("log ok: 194 records").contains("format v1");
        assertThat(again.out()).contains("already in format v1; nothing to migrate");
        assertThat(Files.exists(directory.resolve("auditcover.db.v0"))).isTrue();
        var shownAfter = run("log", "show", "--data", directory.toString(), "--from", "12", "--to", "12");
        assertThat(parse(shownAfter.out()).getFirst().get("event")).as("the same event, read from either format")
                .isEqualTo(parse(shownBefore.out()).getFirst().get("event"));
    }

    @Test
    void log_migrate_refuses_a_log_that_does_not_verify_and_changes_nothing() throws IOException, SQLException {
        copyV0Demo();
        try (var database = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("auditcover.db"));
                var sql = database.createStatement()) {
            sql.executeUpdate("UPDATE log_record SET payload = payload || X'20' WHERE sequence = 42");
        }
        byte[] before = Files.readAllBytes(directory.resolve("auditcover.db"));

        var refused = run("log", "migrate", "--data", directory.toString());

        assertThat(refused.exitCode()).isEqualTo(Main.EXIT_LOG_BROKEN);
        assertThat(refused.err()).contains("log record 42 does not verify").contains("nothing was migrated").hasLineCount(1);
        assertThat(Files.readAllBytes(directory.resolve("auditcover.db"))).isEqualTo(before);
        assertThat(Files.exists(directory.resolve("auditcover.db.v0"))).isFalse();
    }

    @Test
    void a_record_of_a_newer_format_is_refused_by_verify_replay_and_show_in_one_line() {
        try (var log = SqliteEventLog.open(directory)) {
            log.append(List.of(new LogEntry("from-the-future", "d".repeat(64), Instant.parse("2027-01-01T00:00:00Z"), "CapitalWithdrawn",
                    new byte[] {2, 0})));
        }

        for (String command : List.of("verify", "replay")) {
            var refused = run(command, "--data-dir", directory.toString());
            assertThat(refused.exitCode()).as(command).isEqualTo(Main.EXIT_LOG_FORMAT);
            assertThat(refused.err()).as(command).contains("log format v2, newer than this build's v1: upgrade to read it").hasLineCount(1);
        }
        assertThat(run("log", "show", "--data", directory.toString()).exitCode()).isEqualTo(Main.EXIT_LOG_FORMAT);
    }

    private void copyV0Demo() throws IOException {
        try (Stream<Path> files = Files.list(V0_DEMO)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals("auditcover.db.gz")) {
                    try (var in = new GZIPInputStream(Files.newInputStream(file))) {
                        Files.copy(in, directory.resolve("auditcover.db"));
                    }
                } else {
                    Files.copy(file, directory.resolve(name));
                }
            }
        }
    }

    private static List<JsonNode> parse(String lines) throws IOException {
        var nodes = new ArrayList<JsonNode>();
        for (String line : lines.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }
}
