package io.auditcover.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The log's two tables, {@code log_record} and {@code snapshot}, as every database holds them: the JDBC both logs share to
 * link, read, walk and choose a snapshot. What differs between databases (creating the tables, replacing a snapshot, how a
 * failure is reported, the PostgreSQL writer's lease) stays in each log's own class. Callers end the transaction and turn a
 * {@link SQLException} into their own failure.
 */
final class LogTables {
    static final String RECORD_COLUMNS = "sequence, command_id, command_digest, recorded_at, type, payload, hash";
    /** Records a walk fetches at a time: a whole log never sits in memory, and a round trip is not paid per record. */
    private static final int WALK_FETCH_RECORDS = 4096;

    private LogTables() {
    }

    static LogHead readHead(Connection connection) throws SQLException {
        try (var sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT sequence, hash FROM log_record ORDER BY sequence DESC LIMIT 1")) {
            return row.next() ? new LogHead(row.getLong(1), row.getBytes(2)) : new LogHead(0, HashChain.GENESIS);
        }
    }

    /** The stored hash alone: comparing with an anchor must not depend on the rest of the record parsing (the walk judges that). */
    static Optional<byte[]> hashAt(Connection connection, long sequence) throws SQLException {
        try (var select = connection.prepareStatement("SELECT hash FROM log_record WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.empty();
            }
        }
    }

    static Optional<LogRecord> read(Connection connection, long sequence) throws SQLException {
        try (var select = connection.prepareStatement("SELECT " + RECORD_COLUMNS + " FROM log_record WHERE sequence = ?")) {
            select.setLong(1, sequence);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LogRecord(row.getLong(1), row.getString(2), row.getString(3), Instant.parse(row.getString(4)),
                        row.getString(5), row.getBytes(6), row.getBytes(7)));
            }
        }
    }

    /**
     * Adds the entries after {@code head} to {@code insert}'s batch, linking each to the one before, and returns the head
     * they lead to. The statement's first seven parameters are {@link #RECORD_COLUMNS}; a table that also stores each
     * record's previous hash (so the database itself can check the link) takes it as the eighth.
     */
    static LogHead addBatch(PreparedStatement insert, LogHead head, List<LogEntry> entries, boolean storesPreviousHash) throws SQLException {
        long sequence = head.sequence();
        byte[] hash = head.hash();
        var chain = new HashChain();
        for (LogEntry entry : entries) {
            sequence++;
            String recorded = entry.recordedAt().toString();
            byte[] previous = hash;
            hash = chain.next(previous, sequence, entry.commandId(), entry.commandDigest(), recorded, entry.type(), entry.payload());
            insert.setLong(1, sequence);
            insert.setString(2, entry.commandId());
            insert.setString(3, entry.commandDigest());
            insert.setString(4, recorded);
            insert.setString(5, entry.type());
            insert.setBytes(6, entry.payload());
            insert.setBytes(7, hash);
            if (storesPreviousHash) {
                insert.setBytes(8, previous);
            }
            insert.addBatch();
        }
        return new LogHead(sequence, hash);
    }

    /** Streams the records after {@code afterSequence} in order, checking each hash link; throws {@link LogCorruptedException} at the first bad record. */
    static void replay(Connection connection, long afterSequence, Consumer<LogRecord> consumer) throws SQLException {
        byte[] previous = afterSequence == 0 ? HashChain.GENESIS : read(connection, afterSequence).map(LogRecord::hash)
                .orElseThrow(() -> new LogCorruptedException(afterSequence, "record is missing"));
        long expected = afterSequence + 1;
        var times = new RecordedTimes();
        var chain = new HashChain();
        try (var select = connection.prepareStatement("SELECT " + RECORD_COLUMNS + " FROM log_record WHERE sequence > ? ORDER BY sequence")) {
            select.setLong(1, afterSequence);
            select.setFetchSize(WALK_FETCH_RECORDS);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    LogRecord record = check(row, expected, previous, times, chain);
                    consumer.accept(record);
                    previous = record.hash();
                    expected++;
                }
            }
        }
    }

    /** Walks the whole chain: the good records and their head, and the first bad record if there is one; anchors not yet compared. */
    static Verification walk(Connection connection) throws SQLException {
        long[] good = {0};
        LogHead[] last = {new LogHead(0, HashChain.GENESIS)};
        try {
            replay(connection, 0, record -> {
                good[0]++;
                last[0] = new LogHead(record.sequence(), record.hash());
            });
            return new Verification(good[0], last[0], Verification.Anchors.NONE, List.of(), Optional.empty());
        } catch (LogCorruptedException e) {
            var failure = new Verification.Failure(Verification.Code.RECORD_INVALID, e.sequence(), e.getMessage());
            return new Verification(good[0], last[0], Verification.Anchors.NONE, List.of(), Optional.of(failure));
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

    private static LogRecord check(ResultSet row, long expected, byte[] previous, RecordedTimes times, HashChain chain) throws SQLException {
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
        byte[] computed = chain.next(previous, sequence, commandId, digest, recorded, type, payload);
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

    /** Keeps the newest {@code kept} snapshots, after one was saved. */
    static void pruneSnapshots(Connection connection, int kept) throws SQLException {
        try (var prune = connection.prepareStatement("DELETE FROM snapshot WHERE sequence NOT IN"
                + " (SELECT sequence FROM snapshot ORDER BY sequence DESC LIMIT " + kept + ")")) {
            prune.executeUpdate();
        }
    }

    /** The newest snapshot whose log hash matches the chain at its sequence; a mismatched one is skipped. */
    static Optional<Snapshot> latestSnapshot(Connection connection, LogHead head) throws SQLException {
        try (var sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT sequence, log_hash, state_hash, state FROM snapshot ORDER BY sequence DESC")) {
            while (row.next()) {
                var snapshot = new Snapshot(row.getLong(1), row.getBytes(2), row.getString(3), row.getBytes(4));
                boolean matches = snapshot.sequence() <= head.sequence()
                        && hashAt(connection, snapshot.sequence()).map(hash -> Arrays.equals(hash, snapshot.logHash())).orElse(false);
                if (matches) {
                    return Optional.of(snapshot);
                }
            }
            return Optional.empty();
        }
    }
}
