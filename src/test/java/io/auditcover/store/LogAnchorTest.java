package io.auditcover.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.store.Verification.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's head anchored outside it: a cut or replaced tail shows in verify, and the writer refuses to write over the evidence. */
class LogAnchorTest {
    @TempDir
    Path directory;

    /** Appends records {@code first..last} in one commit and closes the log (a clean shutdown). */
    private void appendRecords(int first, int last) {
        try (EventLog log = SqliteEventLog.open(directory)) {
            log.append(entries(first, last));
        }
    }

    private static List<LogEntry> entries(int first, int last) {
        var entries = new ArrayList<LogEntry>();
        for (int i = first; i <= last; i++) {
            entries.add(SqliteEventLogTest.entry(i));
        }
        return entries;
    }

    private Verification verify() {
        try (EventLog log = SqliteEventLog.open(directory)) {
            return log.verify();
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("auditcover.db"));
    }

    private void deleteRecordsAfter(long sequence) throws SQLException {
        try (Connection database = database(); var sql = database.createStatement()) {
            sql.executeUpdate("DELETE FROM log_record WHERE sequence > " + sequence);
        }
    }

    /** Replaces records after {@code sequence} with a new chain that links and hashes correctly, as a forger with the file would. */
    private void forgeRecordsAfter(long sequence, int last) throws SQLException {
        deleteRecordsAfter(sequence);
        try (Connection database = database();
                var select = database.prepareStatement("SELECT hash FROM log_record WHERE sequence = ?");
                var insert = database.prepareStatement("INSERT INTO log_record VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            select.setLong(1, sequence);
            byte[] previous;
            try (var row = select.executeQuery()) {
                row.next();
                previous = row.getBytes(1);
            }
            for (long number = sequence + 1; number <= last; number++) {
                String recorded = SqliteEventLogTest.RECORDED.toString();
                byte[] payload = ("{\"forged\":" + number + "}").getBytes(StandardCharsets.UTF_8);
                previous = HashChain.link(previous, number, "forged-" + number, "digest", recorded, "CoverBought", payload);
                insert.setLong(1, number);
                insert.setString(2, "forged-" + number);
                insert.setString(3, "digest");
                insert.setString(4, recorded);
                insert.setString(5, "CoverBought");
                insert.setBytes(6, payload);
                insert.setBytes(7, previous);
                insert.executeUpdate();
            }
        }
    }

    @Test
    void an_intact_log_verifies_against_its_head_file_and_its_closing_checkpoint() {
        appendRecords(1, 20);
        var verification = verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.warnings()).isEmpty();
        assertThat(verification.anchors().headFileSequence()).isEqualTo(20);
        assertThat(verification.anchors().checkpoints()).isEqualTo(1);
        assertThat(verification.anchors().newestCheckpointSequence()).isEqualTo(20);
        assertThat(verification.anchors().publicKey()).hasValueSatisfying(key -> assertThat(key).matches("[0-9a-f]{64}"));
    }

    @Test
    void cutting_off_the_last_record_is_reported_as_truncation() throws SQLException {
        appendRecords(1, 20);
        deleteRecordsAfter(19);
        var failure = verify().failure().orElseThrow();
        assertThat(failure.code()).isEqualTo(Code.LOG_TRUNCATED);
        assertThat(failure.sequence()).isEqualTo(20);
        assertThat(failure.reason()).contains("the log ends at record 19").contains("the head file and the signed checkpoint anchor record 20").contains("1 record is missing");
    }

    @Test
    void cutting_off_the_last_ten_records_is_reported_as_truncation() throws SQLException {
        appendRecords(1, 20);
        deleteRecordsAfter(10);
        var verification = verify();
        assertThat(verification.goodRecords()).isEqualTo(10);
        var failure = verification.failure().orElseThrow();
        assertThat(failure.code()).isEqualTo(Code.LOG_TRUNCATED);
        assertThat(failure.sequence()).isEqualTo(11);
        assertThat(failure.reason()).contains("10 records are missing");
    }

    @Test
    void deleting_every_record_is_reported_as_truncation_of_the_whole_log() throws SQLException {
        appendRecords(1, 20);
        deleteRecordsAfter(0);
        var failure = verify().failure().orElseThrow();
        assertThat(failure.code()).isEqualTo(Code.LOG_TRUNCATED);
        assertThat(failure.reason()).contains("the log is empty");
    }

    @Test
    void a_tail_replaced_by_a_new_valid_chain_is_reported_as_rewritten_where_the_anchors_stop_matching() throws SQLException {
        appendRecords(1, 10);
        appendRecords(11, 20);
        forgeRecordsAfter(15, 20);
        var verification = verify();
        var failure = verification.failure().orElseThrow();
        assertThat(failure.code()).isEqualTo(Code.LOG_REWRITTEN);
        assertThat(failure.sequence()).isEqualTo(20);
        assertThat(failure.reason()).contains("record 20's hash is not the one").contains("still matches its anchor at record 10");
    }

    @Test
    void a_tail_rewritten_through_the_log_itself_after_removing_the_head_file_is_caught_by_the_signed_checkpoint()
            throws SQLException, IOException {
        appendRecords(1, 20);
        deleteRecordsAfter(15);
        Files.delete(directory.resolve(HeadFile.FILE_NAME));
        try (EventLog log = SqliteEventLog.open(directory)) {
            log.append(List.of(new LogEntry("forged", "digest", SqliteEventLogTest.RECORDED, "CoverBought", new byte[] {1}),
                    new LogEntry("forged-too", "digest", SqliteEventLogTest.RECORDED, "CoverBought", new byte[] {2}),
                    new LogEntry("forged-3", "digest", SqliteEventLogTest.RECORDED, "CoverBought", new byte[] {3}),
                    new LogEntry("forged-4", "digest", SqliteEventLogTest.RECORDED, "CoverBought", new byte[] {4}),
                    new LogEntry("forged-5", "digest", SqliteEventLogTest.RECORDED, "CoverBought", new byte[] {5})));
        }
        var failure = verify().failure().orElseThrow();
        assertThat(failure.code()).isEqualTo(Code.LOG_REWRITTEN);
        assertThat(failure.sequence()).isEqualTo(20);
        assertThat(failure.reason()).contains("the one the signed checkpoint anchors");
    }

    @Test
    void a_checkpoint_whose_hash_was_edited_is_not_signed_by_the_operator_key() throws IOException {
        appendRecords(1, 20);
        Path file = directory.resolve(Checkpoints.FILE_NAME);
        String line = Files.readString(file);
        String hash = line.replaceAll(".*\"hash\":\"([0-9a-f]{64})\".*\\s*", "$1");
        Files.writeString(file, line.replace(hash, "00".repeat(32)));
        var failure = verify().failure().orElseThrow();
        assertThat(failure.code()).isEqualTo(Code.CHECKPOINT_INVALID);
        assertThat(failure.sequence()).isEqualTo(20);
        assertThat(failure.reason()).contains("not signed by the operator key");
    }

    @Test
    void checkpoints_signed_by_another_key_are_reported() throws IOException {
        appendRecords(1, 20);
        Files.delete(directory.resolve(OperatorKey.FILE_NAME));
        OperatorKey.loadOrCreate(directory);
        var failure = verify().failure().orElseThrow();
        assertThat(failure.code()).isEqualTo(Code.CHECKPOINT_INVALID);
        assertThat(failure.reason()).contains("not signed by the operator key");
    }

    @Test
    void a_log_from_before_anchoring_verifies_with_a_warning_and_is_anchored_by_its_next_commit() throws IOException {
        appendRecords(1, 20);
        Files.delete(directory.resolve(HeadFile.FILE_NAME));
        Files.delete(directory.resolve(Checkpoints.FILE_NAME));
        var older = verify();
        assertThat(older.ok()).isTrue();
        assertThat(older.warnings()).singleElement().asString().contains("no head file");
        appendRecords(21, 21);
        var anchored = verify();
        assertThat(anchored.warnings()).isEmpty();
        assertThat(anchored.anchors().headFileSequence()).isEqualTo(21);
    }

    @Test
    void the_writer_refuses_to_append_to_a_log_shorter_than_its_head_file() throws SQLException {
        appendRecords(1, 20);
        deleteRecordsAfter(18);
        try (EventLog log = SqliteEventLog.open(directory)) {
            assertThatThrownBy(() -> log.append(entries(19, 19))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not match its head file");
        }
        assertThat(verify().failure().orElseThrow().code()).isEqualTo(Code.LOG_TRUNCATED);
    }

    @Test
    void a_checkpoint_is_signed_each_time_the_log_passes_a_multiple_of_the_interval_and_once_more_at_close() {
        int batch = (int) LogAnchor.CHECKPOINT_INTERVAL_RECORDS / 2;
        try (EventLog log = SqliteEventLog.open(directory)) {
            for (int first = 1; first <= 5 * batch; first += batch) {
                log.append(entries(first, first + batch - 1));
            }
            assertThat(Checkpoints.read(directory).checkpoints()).extracting(Checkpoint::sequence)
                    .containsExactly(2L * batch, 4L * batch);
        }
        assertThat(Checkpoints.read(directory).checkpoints()).extracting(Checkpoint::sequence)
                .containsExactly(2L * batch, 4L * batch, 5L * batch);
        assertThat(verify().ok()).isTrue();
    }

    @Test
    void a_head_write_torn_by_a_crash_leaves_the_previous_head_which_never_claims_more_than_the_log() throws IOException {
        appendRecords(1, 10);
        appendRecords(11, 20);
        Path file = directory.resolve(HeadFile.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        int newest = new String(bytes, 0, HeadFile.SLOT_BYTES, StandardCharsets.US_ASCII).startsWith("%019d".formatted(20)) ? 0 : 1;
        bytes[newest * HeadFile.SLOT_BYTES + 30] ^= 0x01;
        Files.write(file, bytes);
        assertThat(HeadFile.read(directory)).hasValueSatisfying(head -> assertThat(head.sequence()).isEqualTo(10));
        assertThat(verify().ok()).isTrue();
    }

    @Test
    void a_checkpoint_line_torn_by_a_crash_is_skipped_with_a_warning_and_cut_off_by_the_next_writer() throws IOException {
        appendRecords(1, 20);
        Path file = directory.resolve(Checkpoints.FILE_NAME);
        Files.writeString(file, "{\"sequence\":21,\"ha", java.nio.file.StandardOpenOption.APPEND);
        var torn = verify();
        assertThat(torn.ok()).isTrue();
        assertThat(torn.warnings()).singleElement().asString().contains("torn");
        appendRecords(21, 21);
        var clean = verify();
        assertThat(clean.ok()).isTrue();
        assertThat(clean.warnings()).isEmpty();
        assertThat(clean.anchors().newestCheckpointSequence()).isEqualTo(21);
    }

    @Test
    void the_operator_key_is_readable_by_its_owner_only_and_keeps_its_public_key() throws IOException {
        String publicKey = OperatorKey.loadOrCreate(directory).publicKeyHex();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(OperatorKey.FILE_NAME))))
                .isEqualTo("rw-------");
        assertThat(OperatorKey.loadOrCreate(directory).publicKeyHex()).isEqualTo(publicKey);
        assertThat(HexFormat.of().parseHex(publicKey)).hasSize(32);
    }
}
