package io.auditcover.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded default log: one SQLite file ({@code auditcover.db}) in WAL mode with synchronous=FULL,
 * its records linked by the canonical {@link HashChain}; the SQL it shares with the PostgreSQL log is
 * {@link LogTables}, the SQLite dialect (creating the tables, replacing a snapshot, its failures) is here.
 *
 * <p>A chain cannot see its own tail cut off, so each commit's head is also anchored outside the
 * file ({@link LogAnchor}: a head file and signed checkpoints), and {@link #verify()} compares the two.
 * Every SQLite failure passes through {@link SqliteFailures}: damage to the file's structure becomes
 * {@link LogDamagedException}, whichever command was reading.
 */
public final class SqliteEventLog implements EventLog {
    /** The log's file in its data directory. */
    public static final String FILE_NAME = "auditcover.db";
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
        this.head = LogTables.readHead(connection);
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

    private Optional<byte[]> hashAt(long sequence) {
        try {
            Optional<byte[]> hash = LogTables.hashAt(connection, sequence);
            connection.commit();
            return hash;
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "read record " + sequence, e);
        }
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
        LogHead appended;
        try {
            appended = LogTables.addBatch(insert, head, entries, false);
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
        head = appended;
        return head;
    }

    @Override
    public LogHead head() {
        return head;
    }

    @Override
    public void replay(long afterSequence, Consumer<LogRecord> consumer) {
        try {
            LogTables.replay(connection, afterSequence, consumer);
            connection.commit();
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "read the log", e);
        }
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
        Verification walked;
        try {
            walked = LogTables.walk(connection);
            connection.commit();
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "read the log", e);
        }
        return anchor.check(seen, walked, this::hashAt);
    }

    @Override
    public Optional<LogRecord> read(long sequence) {
        try {
            Optional<LogRecord> record = LogTables.read(connection, sequence);
            connection.commit();
            return record;
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "read record " + sequence, e);
        }
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) {
        try (var save = connection.prepareStatement("INSERT OR REPLACE INTO snapshot VALUES (?, ?, ?, ?)")) {
            save.setLong(1, snapshot.sequence());
            save.setBytes(2, snapshot.logHash());
            save.setString(3, snapshot.stateHash());
            save.setBytes(4, snapshot.state());
            save.executeUpdate();
            LogTables.pruneSnapshots(connection, SNAPSHOTS_KEPT);
            connection.commit();
        } catch (SQLException e) {
            throw SqliteFailures.of(file, "save a snapshot", e);
        }
    }

    /** The newest snapshot whose log hash matches the chain at its sequence; a mismatched one is skipped. */
    @Override
    public Optional<Snapshot> latestSnapshot() {
        try {
            Optional<Snapshot> found = LogTables.latestSnapshot(connection, head);
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
}
