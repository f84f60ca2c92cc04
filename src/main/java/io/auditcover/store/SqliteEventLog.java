package io.auditcover.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded default log: one SQLite file ({@code auditcover.db}) in WAL mode with synchronous=FULL.
 * Canonical bytes of a record, hashed after the previous hash: sequence (8 bytes big-endian), then
 * command id, command digest, recorded time as ISO-8601 text, type, payload, each as a 4-byte length
 * and its UTF-8 (or raw) bytes. The genesis previous hash is 32 zero bytes.
 *
 * <p>A chain cannot see its own tail cut off, so each commit's head is also anchored outside the
 * file ({@link LogAnchor}: a head file and signed checkpoints), and {@link #verify()} compares the two.
 * Every SQLite failure passes through {@link SqliteFailures}: damage to the file's structure becomes
 * {@link LogDamagedException}, whichever command was reading.
 */
public final class SqliteEventLog implements EventLog {
    /** The log's file in its data directory. */
    public static final String FILE_NAME = "auditcover.db";
    static final byte[] GENESIS = new byte[32];
    private static final MessageDigest SHA256_PROTOTYPE = sha256Prototype();
    private static final int SNAPSHOTS_KEPT = 2;
    private final Path file;
    private final Connection connection;
    private final PreparedStatement insert;
    private final LogAnchor anchor;
    /** Why the log does not match its head file, found at open; appending would overwrite the evidence, so it is refused. */
    private final Optional<String> anchorMismatch;
    private LogHead head;

    private SqliteEventLog(Path directory, Connection connection) throws SQLException {
        this.file = directory.resolve(FILE_NAME);
        this.connection = connection;
        this.anchor = new LogAnchor(directory);
        try (var sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("PRAGMA synchronous=FULL");
            sql.execute("CREATE TABLE IF NOT EXISTS log_record (sequence INTEGER PRIMARY KEY, command_id TEXT NOT NULL,"
                    + " command_digest TEXT NOT NULL, recorded_at TEXT NOT NULL, type TEXT NOT NULL, payload BLOB NOT NULL, hash BLOB NOT NULL)");
            sql.execute("CREATE TABLE IF NOT EXISTS snapshot (sequence INTEGER PRIMARY KEY, log_hash BLOB NOT NULL,"
                    + " state_hash TEXT NOT NULL, state BLOB NOT NULL)");
        }
        connection.setAutoCommit(false);
        this.insert = connection.prepareStatement("INSERT INTO log_record VALUES (?, ?, ?, ?, ?, ?, ?)");
        // the head file is read before the log's head: it only ever trails the log, so a head read after it holds at least as much
        Optional<LogHead> anchored = HeadFile.read(directory);
        this.head = readHead();
        connection.commit();
        this.anchorMismatch = anchor.mismatch(anchored, head, this::hashAt);
    }

    /** Opens (or creates) the log in {@code directory}; throws {@link LogDamagedException} when the file is not a readable database. */
    public static SqliteEventLog open(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + directory + ": " + e.getMessage(), e);
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            return new SqliteEventLog(directory, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqliteFailures.of(file, "open the event log in " + directory, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // opening failed already; that failure is the one to report
        }
    }

    /** The stored hash alone: comparing with an anchor must not depend on the rest of the record parsing (the walk judges that). */
    private Optional<byte[]> hashAt(long sequence) {
        try (var select = connection.prepareStatement("SELECT hash FROM log_record WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (ResultSet row = select.executeQuery()) {
                Optional<byte[]> hash = row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.empty();
                connection.commit();
                return hash;
            }
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "read record " + sequence, e);
        }
    }

    private LogHead readHead() throws SQLException {
        try (var sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT sequence, hash FROM log_record ORDER BY sequence DESC LIMIT 1")) {
            return row.next() ? new LogHead(row.getLong(1), row.getBytes(2)) : new LogHead(0, GENESIS);
        }
    }

    @Override
    public LogHead append(List<LogEntry> entries) {
        LogHead appended = appendUnanchored(entries);
        anchor(appended);
        return appended;
    }

    @Override
    public void anchor(LogHead appended) {
        anchor.committed(appended);
    }

    @Override
    public LogHead appendUnanchored(List<LogEntry> entries) {
        if (anchorMismatch.isPresent()) {
            throw new IllegalStateException("refusing to append to a log that does not match its head file: " + anchorMismatch.get());
        }
        long sequence = head.sequence();
        byte[] hash = head.hash();
        var links = new Links();
        try {
            for (LogEntry entry : entries) {
                sequence++;
                String recorded = entry.recordedAt().toString();
                hash = links.link(hash, sequence, entry.commandId(), entry.commandDigest(), recorded, entry.type(), entry.payload());
                insert.setLong(1, sequence);
                insert.setString(2, entry.commandId());
                insert.setString(3, entry.commandDigest());
                insert.setString(4, recorded);
                insert.setString(5, entry.type());
                insert.setBytes(6, entry.payload());
                insert.setBytes(7, hash);
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the append failed already; the engine stops either way
            }
            throw SqliteFailures.of(file, "append to the log", e);
        }
        head = new LogHead(sequence, hash);
        return head;
    }

    @Override
    public LogHead head() {
        return head;
    }

    @Override
    public void replay(long afterSequence, Consumer<LogRecord> consumer) {
        byte[] previous = afterSequence == 0 ? GENESIS : read(afterSequence).map(LogRecord::hash)
                .orElseThrow(() -> new LogCorruptedException(afterSequence, "record is missing"));
        long expected = afterSequence + 1;
        var times = new RecordedTimes();
        var links = new Links();
        try (var select = connection.prepareStatement("SELECT sequence, command_id, command_digest, recorded_at, type, payload, hash"
                + " FROM log_record WHERE sequence > ? ORDER BY sequence")) {
            select.setLong(1, afterSequence);
            select.setFetchSize(4096);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    LogRecord record = check(row, expected, previous, times, links);
                    consumer.accept(record);
                    previous = record.hash();
                    expected++;
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "read the log", e);
        }
    }

    /** A batch's records share one recorded time; parsing it once per batch instead of once per record is most of replay's time parsing. */
    private static final class RecordedTimes {
        private String lastText;
        private Instant lastTime;

        Instant parse(String text) {
            if (!text.equals(lastText)) {
                lastTime = Instant.parse(text);
                lastText = text;
            }
            return lastTime;
        }
    }

    private static LogRecord check(ResultSet row, long expected, byte[] previous, RecordedTimes times, Links links) throws SQLException {
        long sequence = row.getLong(1);
        if (sequence != expected) {
            throw new LogCorruptedException(expected, "record " + expected + " is missing (sequence jumps to " + sequence + ")");
        }
        String commandId = row.getString(2);
        String digest = row.getString(3);
        String recorded = row.getString(4);
        String type = row.getString(5);
        byte[] payload = row.getBytes(6);
        byte[] stored = row.getBytes(7);
        if (commandId == null || digest == null || recorded == null || type == null || payload == null || stored == null) {
            throw new LogCorruptedException(sequence, "a field is missing (torn record)");
        }
        byte[] computed = links.link(previous, sequence, commandId, digest, recorded, type, payload);
        if (!Arrays.equals(computed, stored)) {
            throw new LogCorruptedException(sequence, "stored hash does not match its contents and the previous link");
        }
        Instant recordedAt;
        try {
            recordedAt = times.parse(recorded);
        } catch (java.time.format.DateTimeParseException e) {
            throw new LogCorruptedException(sequence, "recorded time is unreadable");
        }
        return new LogRecord(sequence, commandId, digest, recordedAt, type, payload, stored);
    }

    /**
     * Checks the file's structure, walks the chain, then compares its end with the anchors, which are read before the
     * walk: a concurrent writer only adds to the log after anchoring less, so the walk never sees fewer records than
     * the anchors claim unless records were removed.
     */
    @Override
    public Verification verify() {
        SqliteFailures.checkStructure(connection, file);
        LogAnchor.Seen seen = anchor.read();
        long[] good = {0};
        LogHead[] last = {new LogHead(0, GENESIS)};
        Verification walked;
        try {
            replay(0, record -> {
                good[0]++;
                last[0] = new LogHead(record.sequence(), record.hash());
            });
            walked = new Verification(good[0], last[0], Verification.Anchors.NONE, List.of(), Optional.empty());
        } catch (LogCorruptedException e) {
            var failure = new Verification.Failure(Verification.Code.RECORD_INVALID, e.sequence(), e.getMessage());
            walked = new Verification(good[0], last[0], Verification.Anchors.NONE, List.of(), Optional.of(failure));
        }
        return anchor.check(seen, walked, this::hashAt);
    }

    @Override
    public Optional<LogRecord> read(long sequence) {
        try (var select = connection.prepareStatement("SELECT sequence, command_id, command_digest, recorded_at, type, payload, hash"
                + " FROM log_record WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (ResultSet row = select.executeQuery()) {
                Optional<LogRecord> record = Optional.empty();
                if (row.next()) {
                    record = Optional.of(new LogRecord(row.getLong(1), row.getString(2), row.getString(3),
                            Instant.parse(row.getString(4)), row.getString(5), row.getBytes(6), row.getBytes(7)));
                }
                connection.commit();
                return record;
            }
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "read record " + sequence, e);
        }
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) {
        try (var save = connection.prepareStatement("INSERT OR REPLACE INTO snapshot VALUES (?, ?, ?, ?)");
                var prune = connection.prepareStatement("DELETE FROM snapshot WHERE sequence NOT IN"
                        + " (SELECT sequence FROM snapshot ORDER BY sequence DESC LIMIT " + SNAPSHOTS_KEPT + ")")) {
            save.setLong(1, snapshot.sequence());
            save.setBytes(2, snapshot.logHash());
            save.setString(3, snapshot.stateHash());
            save.setBytes(4, snapshot.state());
            save.executeUpdate();
            prune.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "save a snapshot", e);
        }
    }

    /** The newest snapshot whose log hash matches the chain at its sequence; a mismatched one is skipped. */
    @Override
    public Optional<Snapshot> latestSnapshot() {
        try (var sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT sequence, log_hash, state_hash, state FROM snapshot ORDER BY sequence DESC")) {
            Optional<Snapshot> found = Optional.empty();
            while (row.next() && found.isEmpty()) {
                var snapshot = new Snapshot(row.getLong(1), row.getBytes(2), row.getString(3), row.getBytes(4));
                boolean matches = snapshot.sequence() <= head.sequence()
                        && read(snapshot.sequence()).map(r -> Arrays.equals(r.hash(), snapshot.logHash())).orElse(false);
                if (matches) {
                    found = Optional.of(snapshot);
                }
            }
            connection.commit();
            return found;
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "read snapshots", e);
        }
    }

    /** Signs a closing checkpoint of the head when this log appended past the last one, then closes the file and its anchors. */
    @Override
    public void close() {
        try {
            anchor.closing(head);
        } finally {
            anchor.close();
            try {
                if (!connection.isClosed()) {
                    connection.close();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot close the log: " + e.getMessage(), e);
            }
        }
    }

    static byte[] link(byte[] previous, long sequence, String commandId, String digest, String recorded, String type, byte[] payload) {
        return new Links().link(previous, sequence, commandId, digest, recorded, type, payload);
    }

    /**
     * Computes hash links with one digest and one scratch buffer reused record after record (replay verifies a million
     * links; a digest and a few small arrays each were a measurable share of it). One per append or walk, never shared
     * between threads.
     */
    static final class Links {
        private final MessageDigest sha256 = newSha256();
        private final byte[] scratch = new byte[8];

        byte[] link(byte[] previous, long sequence, String commandId, String digest, String recorded, String type, byte[] payload) {
            sha256.update(previous);
            for (int i = 0; i < 8; i++) {
                scratch[i] = (byte) (sequence >>> (56 - 8 * i));
            }
            sha256.update(scratch, 0, 8);
            field(commandId.getBytes(StandardCharsets.UTF_8));
            field(digest.getBytes(StandardCharsets.UTF_8));
            field(recorded.getBytes(StandardCharsets.UTF_8));
            field(type.getBytes(StandardCharsets.UTF_8));
            field(payload);
            return sha256.digest();
        }

        private void field(byte[] bytes) {
            int length = bytes.length;
            scratch[0] = (byte) (length >>> 24);
            scratch[1] = (byte) (length >>> 16);
            scratch[2] = (byte) (length >>> 8);
            scratch[3] = (byte) length;
            sha256.update(scratch, 0, 4);
            sha256.update(bytes);
        }
    }

    /** A fresh SHA-256: cloning a prototype skips the provider lookup that getInstance does on every call. */
    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
