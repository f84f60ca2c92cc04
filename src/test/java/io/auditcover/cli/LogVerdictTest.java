package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.store.EventLog;
import io.auditcover.store.LogEntry;
import io.auditcover.store.SqliteEventLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code verify}, {@code replay} and {@code serve} say of a log whose tail was cut off or rewritten, or whose file
 * was damaged: the documented verdict and exit code (2 broken, 3 damaged), never a stack trace.
 */
class LogVerdictTest {
    static final Instant RECORDED = Instant.parse("2026-01-01T00:00:00Z");
    static final int PAGE_BYTES = 4096;

    @TempDir
    Path directory;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private String data() {
        return directory.toString();
    }

    private void deleteRecordsAfter(long sequence) throws SQLException {
        try (var database = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("auditcover.db"));
                var sql = database.createStatement()) {
            sql.executeUpdate("DELETE FROM log_record WHERE sequence > " + sequence);
        }
    }

    /** A log of large records, so the file spans many pages. */
    private void writeLog(int records) {
        try (EventLog log = SqliteEventLog.open(directory)) {
            var entries = new ArrayList<LogEntry>();
            for (int i = 1; i <= records; i++) {
                entries.add(new LogEntry("command-" + i, "digest-" + i, RECORDED, "CoverBought", new byte[PAGE_BYTES / 8]));
            }
            log.append(entries);
        }
    }

    private void overwrite(long offset) throws IOException {
        try (var file = new RandomAccessFile(directory.resolve("auditcover.db").toFile(), "rw")) {
            byte[] junk = new byte[100];
            Arrays.fill(junk, (byte) 0x5a);
            file.seek(offset);
            file.write(junk);
        }
    }

    private static void assertNoStackTrace(String err) {
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void verify_reports_the_last_record_and_the_last_ten_cut_off_as_truncated_and_exits_2() throws SQLException {
        assertThat(run("demo", "--data-dir", data()).exitCode()).isZero();
        var good = run("verify", "--data-dir", data());
        assertThat(good.exitCode()).as(good.out()).isZero();
        var records = java.util.regex.Pattern.compile("log ok: ([0-9]+) records").matcher(good.out());
        assertThat(records.find()).as(good.out()).isTrue();
        long head = Long.parseLong(records.group(1));
        assertThat(good.out()).contains("anchored: head file at record " + head).containsPattern("operator key ed25519:[0-9a-f]{64}");

        deleteRecordsAfter(head - 1);
        var lastCut = run("verify", "--data-dir", data());
        assertThat(lastCut.exitCode()).isEqualTo(Main.EXIT_LOG_BROKEN);
        assertThat(lastCut.out()).contains("log TRUNCATED at record " + head + " (log_truncated)").contains("1 record is missing");

        deleteRecordsAfter(head - 10);
        var tenCut = run("verify", "--data-dir", data());
        assertThat(tenCut.exitCode()).isEqualTo(Main.EXIT_LOG_BROKEN);
        assertThat(tenCut.out()).contains("log TRUNCATED at record " + (head - 9)).contains("10 records are missing");
        assertNoStackTrace(tenCut.err());
    }

    @Test
    void serve_refuses_to_append_to_a_truncated_log_with_the_verdict_and_exit_2() throws Exception {
        writeLog(20);
        deleteRecordsAfter(10);
        var serve = runProcess("serve", "--port", "0", "--data", data());
        assertThat(serve.exitCode()).as(serve.err()).isEqualTo(Main.EXIT_LOG_BROKEN);
        assertThat(serve.err()).contains("auditcover serve: log record 11 does not verify").contains("10 records are missing");
        assertNoStackTrace(serve.err());
    }

    @Test
    void verify_catches_a_tail_rewritten_through_the_log_after_its_head_file_was_removed() throws Exception {
        writeLog(20);
        deleteRecordsAfter(15);
        Files.delete(directory.resolve("auditcover.db.head"));
        try (EventLog log = SqliteEventLog.open(directory)) {
            var forged = new ArrayList<LogEntry>();
            for (int i = 16; i <= 20; i++) {
                forged.add(new LogEntry("forged-" + i, "digest", RECORDED, "CoverBought", new byte[] {(byte) i}));
            }
            log.append(forged);
        }
        var rewritten = run("verify", "--data-dir", data());
        assertThat(rewritten.exitCode()).isEqualTo(Main.EXIT_LOG_BROKEN);
        assertThat(rewritten.out()).contains("log REWRITTEN at record 20 (log_rewritten)").contains("the signed checkpoint");
    }

    @Test
    void an_overwritten_header_gives_verify_and_replay_the_damaged_verdict_and_exit_3() throws IOException {
        writeLog(200);
        overwrite(0);
        for (String command : List.of("verify", "replay")) {
            var damaged = run(command, "--data-dir", data());
            assertThat(damaged.exitCode()).as(command).isEqualTo(Main.EXIT_LOG_DAMAGED);
            assertThat(damaged.err()).as(command).isEqualTo("auditcover " + command + ": log file damaged: file is not a database\n");
        }
    }

    @Test
    void an_overwritten_b_tree_page_gives_verify_and_replay_the_damaged_verdict_at_that_page_and_exit_3() throws IOException {
        writeLog(200);
        overwrite(PAGE_BYTES);
        for (String command : List.of("verify", "replay")) {
            var damaged = run(command, "--data-dir", data());
            assertThat(damaged.exitCode()).as(command).isEqualTo(Main.EXIT_LOG_DAMAGED);
            assertThat(damaged.err()).as(command).isEqualTo("auditcover " + command + ": log file damaged at page 2\n");
        }
    }

    @Test
    void serve_refuses_to_start_on_a_damaged_log_file_with_the_verdict_and_exit_3() throws Exception {
        writeLog(200);
        overwrite(0);
        var header = runProcess("serve", "--port", "0", "--data", data());
        assertThat(header.exitCode()).as(header.err()).isEqualTo(Main.EXIT_LOG_DAMAGED);
        assertThat(header.err()).contains("auditcover serve: log file damaged: file is not a database");
        assertNoStackTrace(header.err());
    }

    @Test
    void serve_refuses_to_start_on_a_damaged_b_tree_page_with_the_verdict_and_exit_3() throws Exception {
        writeLog(200);
        long pages = Files.size(directory.resolve("auditcover.db")) / PAGE_BYTES;
        overwrite((pages - 1) * PAGE_BYTES);
        var page = runProcess("serve", "--port", "0", "--data", data());
        assertThat(page.exitCode()).as(page.err()).isEqualTo(Main.EXIT_LOG_DAMAGED);
        assertThat(page.err()).contains("auditcover serve: log file damaged at page " + pages);
        assertNoStackTrace(page.err());
    }

    @Test
    void log_key_prints_the_public_key_that_verify_shows() {
        writeLog(5);
        var key = run("log", "key", "--data-dir", data());
        assertThat(key.exitCode()).isZero();
        assertThat(key.out()).matches("ed25519:[0-9a-f]{64}\n");
        assertThat(run("verify", "--data-dir", data()).out()).contains("operator key " + key.out().strip());
    }

    /** Runs the command line in its own JVM, as an operator would, and waits for it to end. */
    private CliRun runProcess(String... args) throws Exception {
        var command = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.auditcover.cli.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("serve ended").isTrue();
        return new CliRun(process.exitValue(), "", err);
    }
}
