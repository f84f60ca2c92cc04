package io.auditcover.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventLogTest {
    /** SQLite's default page size, which the log keeps. */
    static final int PAGE_BYTES = 4096;
    /** The snapshot table is created second, so its b-tree's root is page 3. */
    static final long SNAPSHOT_ROOT_PAGE_OFFSET = 2L * PAGE_BYTES;
    static final Instant RECORDED = Instant.parse("2026-01-01T00:00:00Z");
    /** Every stored column that the hash covers, so every byte of a record is flipped once. */
    static final List<String> HASHED_COLUMNS = List.of("command_id", "command_digest", "recorded_at", "type", "payload", "hash");

    @TempDir
    Path directory;

    static LogEntry entry(int number) {
        return new LogEntry("command-" + number, "digest-" + number, RECORDED.plusSeconds(number), "CoverBought",
                ("{\"cover\":" + number + "}").getBytes(StandardCharsets.UTF_8));
    }

    private void appendRecords(int count) {
        try (EventLog log = SqliteEventLog.open(directory)) {
            var entries = new ArrayList<LogEntry>();
            for (int i = 1; i <= count; i++) {
                entries.add(entry(i));
            }
            log.append(entries);
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("auditcover.db"));
    }

    @Test
    void records_replay_in_order_and_each_hash_links_to_the_one_before() {
        appendRecords(5);
        try (EventLog log = SqliteEventLog.open(directory)) {
            var records = new ArrayList<LogRecord>();
            log.replay(0, records::add);
            assertThat(records).extracting(LogRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
            byte[] previous = HashChain.GENESIS;
            for (LogRecord record : records) {
                assertThat(record.hash()).isEqualTo(HashChain.link(previous, record.sequence(), record.commandId(),
                        record.commandDigest(), record.recordedAt().toString(), record.type(), record.payload()));
                previous = record.hash();
            }
            assertThat(log.head().sequence()).isEqualTo(5);
            assertThat(log.head().hash()).isEqualTo(previous);
        }
    }

    @Test
    void a_reopened_log_continues_the_chain_from_its_head() {
        appendRecords(3);
        try (EventLog log = SqliteEventLog.open(directory)) {
            assertThat(log.append(List.of(entry(4))).sequence()).isEqualTo(4);
            assertThat(log.verify().ok()).isTrue();
            assertThat(log.verify().goodRecords()).isEqualTo(4);
        }
    }

    @Test
    void flipping_any_byte_of_a_stored_record_is_detected_at_that_record() throws SQLException {
        appendRecords(4);
        int flips = 0;
        try (Connection database = database()) {
            for (long sequence = 1; sequence <= 4; sequence++) {
                for (String column : HASHED_COLUMNS) {
                    byte[] original = read(database, sequence, column);
                    for (int position = 0; position < original.length; position++) {
                        byte[] flipped = original.clone();
                        flipped[position] ^= 0x01;
                        write(database, sequence, column, flipped);
                        try (EventLog log = SqliteEventLog.open(directory)) {
                            var verification = log.verify();
                            assertThat(verification.ok()).as("%s byte %d of record %d", column, position, sequence).isFalse();
                            assertThat(verification.failure().orElseThrow().sequence())
                                    .as("%s byte %d of record %d", column, position, sequence).isEqualTo(sequence);
                            assertThat(verification.goodRecords()).isEqualTo(sequence - 1);
                        }
                        flips++;
                    }
                    write(database, sequence, column, original);
                }
            }
        }
        assertThat(flips).as("bytes flipped").isGreaterThan(300);
        try (EventLog log = SqliteEventLog.open(directory)) {
            assertThat(log.verify().ok()).isTrue();
        }
    }

    @Test
    void a_missing_record_is_reported_at_its_sequence() throws SQLException {
        appendRecords(5);
        try (Connection database = database(); var sql = database.createStatement()) {
            sql.executeUpdate("DELETE FROM log_record WHERE sequence = 3");
        }
        try (EventLog log = SqliteEventLog.open(directory)) {
            var failure = log.verify().failure().orElseThrow();
            assertThat(failure.sequence()).isEqualTo(3);
            assertThat(failure.reason()).contains("missing");
        }
    }

    @Test
    void a_torn_last_record_is_reported_and_replay_refuses_it() throws SQLException {
        appendRecords(5);
        try (Connection database = database(); var sql = database.createStatement()) {
            sql.executeUpdate("UPDATE log_record SET payload = substr(payload, 1, 3) WHERE sequence = 5");
        }
        try (EventLog log = SqliteEventLog.open(directory)) {
            var verification = log.verify();
            assertThat(verification.failure().orElseThrow().sequence()).isEqualTo(5);
            assertThat(verification.head().sequence()).isEqualTo(4);
            assertThatThrownBy(() -> log.replay(0, record -> { }))
                    .isInstanceOfSatisfying(LogCorruptedException.class, e -> assertThat(e.sequence()).isEqualTo(5));
        }
    }

    @Test
    void the_newest_snapshot_that_matches_the_chain_is_used_and_a_mismatched_one_skipped() {
        appendRecords(6);
        try (EventLog log = SqliteEventLog.open(directory)) {
            byte[] hashAt3 = log.read(3).orElseThrow().hash();
            log.saveSnapshot(new Snapshot(3, hashAt3, "state-3", new byte[] {3}));
            log.saveSnapshot(new Snapshot(6, new byte[32], "forged-6", new byte[] {6}));
            var latest = log.latestSnapshot().orElseThrow();
            assertThat(latest.sequence()).isEqualTo(3);
            assertThat(latest.stateHash()).isEqualTo("state-3");
        }
    }

    /** Overwrites {@code length} bytes at {@code offset} of the closed log's file, as a disk or a careless hand would. */
    private void overwrite(long offset, int length) throws IOException {
        try (var file = new RandomAccessFile(directory.resolve("auditcover.db").toFile(), "rw")) {
            byte[] junk = new byte[length];
            Arrays.fill(junk, (byte) 0x5a);
            file.seek(offset);
            file.write(junk);
        }
    }

    private void appendLargeRecords(int count) {
        try (EventLog log = SqliteEventLog.open(directory)) {
            var entries = new ArrayList<LogEntry>();
            for (int i = 1; i <= count; i++) {
                entries.add(new LogEntry("command-" + i, "digest-" + i, RECORDED, "CoverBought", new byte[PAGE_BYTES / 8]));
            }
            log.append(entries);
        }
    }

    @Test
    void an_overwritten_header_is_reported_as_a_damaged_file_not_a_database() throws IOException {
        appendRecords(5);
        overwrite(0, 100);
        assertThatThrownBy(() -> SqliteEventLog.open(directory)).isInstanceOf(LogDamagedException.class)
                .hasMessage("log file damaged: file is not a database");
    }

    @Test
    void an_overwritten_page_of_records_is_reported_as_a_damaged_file_at_that_page() throws IOException {
        appendLargeRecords(200);
        long pages = Files.size(directory.resolve("auditcover.db")) / PAGE_BYTES;
        overwrite((pages - 1) * PAGE_BYTES, 100);
        assertThatThrownBy(() -> SqliteEventLog.open(directory)).isInstanceOfSatisfying(LogDamagedException.class,
                e -> assertThat(e.page()).hasValue(pages));
        assertThatThrownBy(() -> SqliteEventLog.open(directory)).hasMessage("log file damaged at page " + pages);
    }

    @Test
    void a_damaged_page_that_no_record_lives_on_is_found_by_verify() throws IOException {
        appendLargeRecords(200);
        overwrite(SNAPSHOT_ROOT_PAGE_OFFSET, 100);
        try (EventLog log = SqliteEventLog.open(directory)) {
            assertThatThrownBy(log::verify).isInstanceOf(LogDamagedException.class).hasMessage("log file damaged at page 3");
        }
    }

        private static byte[] read(Connection database, long sequence, String column) throws SQLException {
        try (var select = database.prepareStatement("SELECT " + column + " FROM log_record WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (var row = select.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }

    /** Writes raw bytes back with the column's own storage class, as a disk fault would leave them. */
    private static void write(Connection database, long sequence, String column, byte[] bytes) throws SQLException {
        boolean text = !column.equals("payload") && !column.equals("hash");
        String value = text ? "CAST(? AS TEXT)" : "?";
        try (var update = database.prepareStatement("UPDATE log_record SET " + column + " = " + value + " WHERE sequence = ?")) {
            update.setBytes(1, bytes);
            update.setLong(2, sequence);
            update.executeUpdate();
        }
    }
}
