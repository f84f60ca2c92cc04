package io.auditcover.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL log against a real server: what the SQLite log's tests check, and what the database itself refuses. */
class PostgresEventLogTest {
    static final String WRITER = "writer-a";
    static final Duration LEASE = Duration.ofSeconds(10);
    /** Every stored column that the hash covers. */
    static final List<String> HASHED_COLUMNS = List.of("command_id", "command_digest", "recorded_at", "type", "payload", "hash");
    @RegisterExtension
    static final PostgresPerClass cluster = new PostgresPerClass();

    @TempDir
    Path directory;
    String url;

    @BeforeEach
    void freshDatabase() throws SQLException {
        url = cluster.newDatabase();
    }

    private PostgresEventLog writer() {
        return PostgresEventLog.openWriter(url, directory, WRITER, LEASE);
    }

    private void appendRecords(int count) {
        try (EventLog log = writer()) {
            log.append(entries(1, count));
        }
    }

    static List<LogEntry> entries(int first, int last) {
        var entries = new ArrayList<LogEntry>();
        for (int i = first; i <= last; i++) {
            entries.add(SqliteEventLogTest.entry(i));
        }
        return entries;
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Tampering as the table's owner can: the append-only trigger switched off first. */
    private void tamper(String statement) throws SQLException {
        try (Connection database = database(); var sql = database.createStatement()) {
            sql.execute("ALTER TABLE log_record DISABLE TRIGGER log_record_append_only");
            sql.executeUpdate(statement);
            sql.execute("ALTER TABLE log_record ENABLE TRIGGER log_record_append_only");
        }
    }

    @Test
    void records_replay_in_order_with_the_same_hash_chain_as_the_sqlite_log(@TempDir Path sqliteDirectory) {
        appendRecords(5);
        LogHead sqliteHead;
        try (EventLog sqlite = SqliteEventLog.open(sqliteDirectory)) {
            sqliteHead = sqlite.append(entries(1, 5));
        }
        try (EventLog log = writer()) {
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
            assertThat(log.head().hash()).isEqualTo(previous).isEqualTo(sqliteHead.hash());
            assertThat(log.read(3).orElseThrow().commandId()).isEqualTo("command-3");
            assertThat(log.read(6)).isEmpty();
            var after3 = new ArrayList<Long>();
            log.replay(3, record -> after3.add(record.sequence()));
            assertThat(after3).containsExactly(4L, 5L);
        }
    }

    @Test
    void an_empty_log_has_the_genesis_head_and_verifies() {
        try (EventLog log = writer()) {
            assertThat(log.head().sequence()).isZero();
            assertThat(log.head().hash()).isEqualTo(HashChain.GENESIS);
            assertThat(log.verify().ok()).isTrue();
        }
    }

    @Test
    void a_reopened_log_continues_the_chain_from_its_head() {
        appendRecords(3);
        try (EventLog log = writer()) {
            assertThat(log.append(List.of(SqliteEventLogTest.entry(4))).sequence()).isEqualTo(4);
            var verification = log.verify();
            assertThat(verification.ok()).isTrue();
            assertThat(verification.goodRecords()).isEqualTo(4);
            assertThat(verification.anchors().headFileSequence()).isEqualTo(4);
        }
    }

    @Test
    void a_rewritten_byte_of_any_hashed_column_is_detected_at_that_record() throws SQLException {
        appendRecords(4);
        for (String column : HASHED_COLUMNS) {
            // the last byte of the column's bytes, flipped: text columns as their UTF-8, payload and hash as stored
            String flipped = column.equals("payload") || column.equals("hash")
                    ? "set_byte(" + column + ", length(" + column + ") - 1, get_byte(" + column + ", length(" + column + ") - 1) # 1)"
                    : "overlay(" + column + " placing chr(ascii(right(" + column + ", 1)) # 1) from length(" + column + "))";
            tamper("UPDATE log_record SET " + column + " = " + flipped + " WHERE sequence = 3");
            try (EventLog log = PostgresEventLog.openReader(url, directory)) {
                var verification = log.verify();
                assertThat(verification.ok()).as(column).isFalse();
                assertThat(verification.failure().orElseThrow().sequence()).as(column).isEqualTo(3);
                assertThat(verification.goodRecords()).as(column).isEqualTo(2);
                assertThatThrownBy(() -> log.replay(0, record -> { })).as(column)
                        .isInstanceOfSatisfying(LogCorruptedException.class, e -> assertThat(e.sequence()).isEqualTo(3));
            }
            tamper("UPDATE log_record SET " + column + " = " + flipped + " WHERE sequence = 3");
        }
        try (EventLog log = PostgresEventLog.openReader(url, directory)) {
            assertThat(log.verify().ok()).isTrue();
        }
    }

    @Test
    void a_truncated_tail_is_detected_by_the_anchor_and_the_writer_refuses_to_append() throws SQLException {
        appendRecords(5);
        tamper("DELETE FROM log_record WHERE sequence > 3");
        try (EventLog log = PostgresEventLog.openReader(url, directory)) {
            var failure = log.verify().failure().orElseThrow();
            assertThat(failure.code()).isEqualTo(Verification.Code.LOG_TRUNCATED);
            assertThat(failure.sequence()).isEqualTo(4);
        }
        try (EventLog log = writer()) {
            assertThatThrownBy(() -> log.append(List.of(SqliteEventLogTest.entry(4))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not match its head file");
        }
    }

    @Test
    void a_missing_record_is_reported_at_its_sequence() throws SQLException {
        appendRecords(5);
        tamper("DELETE FROM log_record WHERE sequence = 3");
        try (EventLog log = PostgresEventLog.openReader(url, directory)) {
            var failure = log.verify().failure().orElseThrow();
            assertThat(failure.sequence()).isEqualTo(3);
            assertThat(failure.reason()).contains("missing");
        }
    }

    @Test
    void the_newest_snapshot_that_matches_the_chain_is_used_and_a_mismatched_one_skipped() {
        appendRecords(6);
        try (EventLog log = writer()) {
            byte[] hashAt2 = log.read(2).orElseThrow().hash();
            byte[] hashAt3 = log.read(3).orElseThrow().hash();
            log.saveSnapshot(new Snapshot(2, hashAt2, "state-2", new byte[] {2}));
            log.saveSnapshot(new Snapshot(3, hashAt3, "stale-3", new byte[] {0}));
            log.saveSnapshot(new Snapshot(3, hashAt3, "state-3", new byte[] {3}));
            log.saveSnapshot(new Snapshot(6, new byte[32], "forged-6", new byte[] {6}));
            var latest = log.latestSnapshot().orElseThrow();
            assertThat(latest.sequence()).isEqualTo(3);
            assertThat(latest.stateHash()).isEqualTo("state-3");
        }
    }

    @Test
    void the_database_refuses_a_record_that_does_not_link_to_the_one_before() throws SQLException {
        appendRecords(3);
        byte[] hashAt2;
        byte[] hashAt3;
        try (EventLog log = PostgresEventLog.openReader(url, directory)) {
            hashAt2 = log.read(2).orElseThrow().hash();
            hashAt3 = log.head().hash();
        }
        try (Connection database = database()) {
            assertThatThrownBy(() -> insert(database, 4, new byte[32])).isInstanceOf(SQLException.class)
                    .hasMessageContaining("log record 4 does not link to the hash of record 3");
            assertThatThrownBy(() -> insert(database, 5, hashAt3)).as("a gap in the sequence").isInstanceOf(SQLException.class)
                    .hasMessageContaining("log record 5 does not link");
            assertThatThrownBy(() -> insert(database, 3, hashAt2)).as("a second record 3").isInstanceOf(SQLException.class)
                    .hasMessageContaining("duplicate key");
            try (var sql = database.createStatement()) {
                assertThatThrownBy(() -> sql.executeUpdate("UPDATE log_record SET type = 'ClaimPaid' WHERE sequence = 2"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM log_record WHERE sequence = 3"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                assertThatThrownBy(() -> sql.executeUpdate("TRUNCATE log_record"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
            insert(database, 4, hashAt3);
        }
    }

    @Test
    void the_first_record_must_link_to_the_genesis_hash() throws SQLException {
        try (EventLog log = writer(); Connection database = database()) {
            assertThatThrownBy(() -> insert(database, 1, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                    20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32})).isInstanceOf(SQLException.class).hasMessageContaining("genesis");
            assertThat(log.head().sequence()).isZero();
        }
    }

    /** A raw record {@code sequence} linking to {@code previous}, its own hash arbitrary (the database checks links, the walk hashes). */
    private static void insert(Connection database, long sequence, byte[] previous) throws SQLException {
        try (var insert = database.prepareStatement("INSERT INTO log_record VALUES (?, 'raw', 'raw', '2026-01-01T00:00:00Z',"
                + " 'CoverBought', '\\x00'::bytea, ?, ?)")) {
            byte[] hash = new byte[32];
            hash[0] = (byte) sequence;
            hash[1] = 0x7f;
            insert.setLong(1, sequence);
            insert.setBytes(2, hash);
            insert.setBytes(3, previous);
            insert.executeUpdate();
        }
    }

    @Test
    void a_reader_replays_and_verifies_beside_the_writer_but_cannot_append() {
        try (var log = writer(); var reader = PostgresEventLog.openReader(url, directory)) {
            assertThat(reader.head().sequence()).isZero();
            log.append(entries(1, 3));
            assertThat(reader.head()).as("a reader's head follows the writer's").usingRecursiveComparison().isEqualTo(log.head());
            var sequences = new ArrayList<Long>();
            reader.replay(0, record -> sequences.add(record.sequence()));
            assertThat(sequences).containsExactly(1L, 2L, 3L);
            assertThat(reader.verify().ok()).isTrue();
            assertThat(reader.epoch()).isEmpty();
            assertThat(reader.writerLease().holder()).isEqualTo(WRITER);
            assertThatThrownBy(() -> reader.append(entries(4, 4))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("opened to read only");
        }
    }

    /** A failover URL as operators write it: the driver tries each host and keeps the primary; here the first one is down. */
    @Test
    void a_multi_host_url_that_asks_for_the_primary_opens_the_log_on_the_host_that_answers() throws IOException {
        int deadPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        String failover = url.replace("//127.0.0.1:", "//127.0.0.1:" + deadPort + ",127.0.0.1:") + "&targetServerType=primary";
        try (EventLog log = EventLogs.open(failover, directory)) {
            assertThat(log.append(entries(1, 2)).sequence()).isEqualTo(2);
        }
        try (EventLog log = EventLogs.openToRead(failover, directory)) {
            assertThat(log.verify().goodRecords()).isEqualTo(2);
        }
    }

    @Test
    void the_data_directory_uses_sqlite_without_a_url_and_postgresql_with_one(@TempDir Path sqliteDirectory) {
        try (EventLog embedded = EventLogs.open(null, sqliteDirectory); EventLog shared = EventLogs.open(url, directory)) {
            assertThat(embedded).isInstanceOf(SqliteEventLog.class);
            assertThat(shared).isInstanceOf(PostgresEventLog.class);
            assertThat(((PostgresEventLog) shared).writerLease().holder()).isEqualTo(EventLogs.defaultHolder());
        }
        assertThatThrownBy(() -> EventLogs.open("jdbc:mysql://localhost/log", directory)).isInstanceOf(IllegalArgumentException.class);
    }
}
