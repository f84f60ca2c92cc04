package io.auditcover.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shared log: the same records, {@link HashChain} and snapshots as the SQLite log, in a PostgreSQL database named by a
 * {@code jdbc:postgresql:} URL (a multi-host URL with {@code targetServerType=primary} follows a failover; the driver picks
 * the primary). Its schema is Flyway's numbered migrations in {@value #MIGRATIONS}; the SQL both logs share is
 * {@link LogTables}, the PostgreSQL dialect (the migrations, replacing a snapshot, the lease, its failures) is here and there.
 * Besides the checks of the chain that every log makes, the database itself refuses a record that does not link to the one
 * before it, and any change or removal of a stored record (V1).
 *
 * <p>One writer, fenced: opened to write, the log takes the {@link PostgresLease writer lease} at a new epoch, renews it
 * every third of its duration, and checks in every append's own transaction that its epoch is still current; once the lease
 * is lost every append throws {@link LeaseLostException} and stores nothing. Opened to read, it takes no lease and only
 * replays, reads and verifies.
 *
 * <p>The head is still anchored in the local data directory ({@link LogAnchor}: the head file and signed checkpoints), as
 * the SQLite log does, because the reason is the same: a chain cannot see its own tail cut off, and whoever can delete rows
 * or restore an older backup of the database can also delete anchors kept in it. Kept on the writer's disk, signed with the
 * operator key the database never sees, they still show a truncated or replaced log when the writer opens (it then refuses
 * to append) and at every verify. Several writers over time each anchor only what they appended; an anchor only ever trails
 * the log, so another instance's later records never look like damage.
 */
public final class PostgresEventLog implements EventLog {
    /** How long a writer's lease lasts unrenewed: a crashed writer's successor waits at most this long. */
    public static final Duration LEASE_DEFAULT = Duration.ofSeconds(10);
    /** Where the schema's migrations are on the class path. */
    static final String MIGRATIONS = "classpath:db/postgresql";
    private static final int SNAPSHOTS_KEPT = 2;
    private static final Duration LEASE_MIN = Duration.ofMillis(300);
    /** The channel every append NOTIFYs in its own transaction (so a follower hears only of committed records), with the new head sequence. */
    static final String APPENDED_CHANNEL = "auditcover_log_appended";
    private final String url;
    private final Connection reads;
    private final Object readLock = new Object();
    /** Empty when opened to read. */
    private final Optional<Writer> writer;
    private final LogAnchor anchor;
    /** Why the log does not match its head file, found at open; appending would overwrite the evidence, so it is refused. */
    private final Optional<String> anchorMismatch;
    private volatile LogHead head;
    /** Why appending stopped after a failed append (its outcome is unknown to this writer); never cleared (fail-stop). */
    private volatile String appendFailure;

    /** A follower's LISTEN session, opened at its first wait and again after a failure; guarded by {@link #listenLock}. */
    private Connection listening;
    private final Object listenLock = new Object();

    /** The writer's own connection, insert, notice and lease; only the engine's writer thread uses them. */
    private record Writer(Connection connection, PreparedStatement insert, PreparedStatement notice, PostgresLease lease) {
    }

    private PostgresEventLog(String url, Connection reads, Optional<Writer> writer, Path directory) throws SQLException {
        this.url = url;
        this.reads = reads;
        this.writer = writer;
        this.anchor = new LogAnchor(directory);
        // the head file is read before the log's head: it only ever trails the log, so a head read after it holds at least as much
        Optional<LogHead> anchored = HeadFile.read(directory);
        this.head = LogTables.readHead(reads);
        reads.commit();
        this.anchorMismatch = writer.isPresent() ? anchor.mismatch(anchored, head, this::hashAt) : Optional.empty();
    }

    /**
     * Opens the log at {@code url} as its one writer, named {@code holder}: applies the schema's migrations, takes the lease
     * for {@code lease} (renewed every third of it), then reads the head. Throws {@link LeaseHeldException} while another
     * writer holds an unexpired lease.
     */
    public static PostgresEventLog openWriter(String url, Path directory, String holder, Duration lease) {
        return openWriter(url, directory, holder, "", lease, lease.dividedBy(3));
    }

    /** As {@link #openWriter(String, Path, String, Duration)}, advertising in the lease that this writer serves at {@code advertisedUrl} (empty for none). */
    public static PostgresEventLog openWriter(String url, Path directory, String holder, String advertisedUrl, Duration lease) {
        return openWriter(url, directory, holder, advertisedUrl, lease, lease.dividedBy(3));
    }

    /** As {@link #openWriter(String, Path, String, Duration)}, renewing every {@code renewEvery}: a test stalls a writer by never renewing. */
    static PostgresEventLog openWriter(String url, Path directory, String holder, Duration lease, Duration renewEvery) {
        return openWriter(url, directory, holder, "", lease, renewEvery);
    }

    private static PostgresEventLog openWriter(String url, Path directory, String holder, String advertisedUrl, Duration lease,
            Duration renewEvery) {
        if (lease.compareTo(LEASE_MIN) < 0 || holder.isBlank()) {
            throw new IllegalArgumentException("a writer needs a name and a lease of at least " + LEASE_MIN + " (got " + lease + ")");
        }
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + directory + " for the log's anchors: " + e.getMessage(), e);
        }
        migrate(url);
        PostgresLease taken = null;
        Connection writes = null;
        Connection reads = null;
        try {
            taken = PostgresLease.take(url, holder, advertisedUrl, lease, renewEvery);
            // A batch's records go as one multi-row INSERT, not one statement each: fewer round trips in the commit's transaction.
            var rewrite = new java.util.Properties();
            rewrite.setProperty("reWriteBatchedInserts", "true");
            writes = DriverManager.getConnection(url, rewrite);
            writes.setAutoCommit(false);
            try (var sql = writes.createStatement()) {
                sql.execute("SET synchronous_commit = on");
                sql.execute("SET idle_in_transaction_session_timeout = " + lease.toMillis());
            }
            writes.commit();
            var insert = writes.prepareStatement("INSERT INTO log_record (" + LogTables.RECORD_COLUMNS + ", previous_hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            var notice = writes.prepareStatement("SELECT pg_notify('" + APPENDED_CHANNEL + "', ?)");
            reads = openReads(url);
            return new PostgresEventLog(url, reads, Optional.of(new Writer(writes, insert, notice, taken)), directory);
        } catch (SQLException e) {
            closeQuietly(taken, writes, reads);
            throw failure("open the event log as its writer", e);
        } catch (RuntimeException e) {
            closeQuietly(taken, writes, reads);
            throw e;
        }
    }

    /** Opens the log at {@code url} to replay, read and verify only, without the lease; the schema must exist (a writer migrates it). */
    public static PostgresEventLog openReader(String url, Path directory) {
        Connection reads = null;
        try {
            reads = openReads(url);
            return new PostgresEventLog(url, reads, Optional.empty(), directory);
        } catch (SQLException e) {
            closeQuietly(null, null, reads);
            throw failure("open the event log to read", e);
        } catch (RuntimeException e) {
            closeQuietly(null, null, reads);
            throw e;
        }
    }

    /** Brings the schema to this build's version; Flyway's own lock makes concurrent writers' migrations safe. */
    private static void migrate(String url) {
        var source = new PGSimpleDataSource();
        source.setURL(url);
        try {
            Flyway.configure().dataSource(source).locations(MIGRATIONS).failOnMissingLocations(true).load().migrate();
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new IllegalStateException("cannot bring the event log's schema up to date: " + e.getMessage(), e);
        }
    }

    /** Reads get their own connection, so a long verify never holds up the writer's appends. */
    private static Connection openReads(String url) throws SQLException {
        Connection reads = DriverManager.getConnection(url);
        reads.setAutoCommit(false);
        reads.setReadOnly(true);
        return reads;
    }

    @Override
    public Optional<String> writerLost() {
        return writer.map(w -> w.lease().lostReason());
    }

    private static void closeQuietly(PostgresLease lease, Connection writes, Connection reads) {
        if (lease != null) {
            lease.close();
        }
        for (Connection connection : new Connection[] {writes, reads}) {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                // opening failed already; that failure is the one to report
            }
        }
    }

    /**
     * The one place a PostgreSQL failure becomes the log's exception: data or index corruption the server reports (SQLSTATE
     * XX001, XX002) is {@link LogDamagedException}; anything else (a refused link, a lost connection) is an
     * {@link IllegalStateException}.
     */
    private static RuntimeException failure(String doing, SQLException e) {
        String state = String.valueOf(e.getSQLState());
        if (state.equals("XX001") || state.equals("XX002")) {
            return new LogDamagedException(OptionalLong.empty(), e.getMessage(), e);
        }
        return new IllegalStateException("cannot " + doing + ": " + e.getMessage(), e);
    }

    /** The writer lease as the database holds it now (holder, epoch, expiry), for a writer or a reader deciding whether to take over. */
    public WriterLease writerLease() {
        return reading("read the writer lease", PostgresLease::current);
    }

    /** Whether the writer lease has expired or was released, by the database's clock: when a follower may try to take over. */
    public boolean writerLeaseFree() {
        return reading("read the writer lease", PostgresLease::free);
    }

    /**
     * Waits for an append's NOTIFY on {@value #APPENDED_CHANNEL} or {@code timeout}. A failed LISTEN session is dropped (and
     * reopened at the next wait) and this waits out the timeout, so a follower falls back to polling rather than stop.
     */
    @Override
    public void awaitAppend(Duration timeout) throws InterruptedException {
        synchronized (listenLock) {
            try {
                if (listening == null) {
                    listening = DriverManager.getConnection(url);
                    listening.setAutoCommit(true);
                    try (var sql = listening.createStatement()) {
                        sql.execute("LISTEN " + APPENDED_CHANNEL);
                    }
                }
                // any notice will do: the caller reads the head afresh, so how many and which sequences they name does not matter
                listening.unwrap(org.postgresql.PGConnection.class).getNotifications((int) Math.max(1, timeout.toMillis()));
                return;
            } catch (SQLException e) {
                closeQuietly(null, listening, null);
                listening = null;
            }
        }
        Thread.sleep(timeout);
    }

    /** The epoch this log appends under; empty when opened to read. */
    public OptionalLong epoch() {
        return writer.map(w -> OptionalLong.of(w.lease().epoch())).orElse(OptionalLong.empty());
    }

    private Optional<byte[]> hashAt(long sequence) {
        return reading("read record " + sequence, connection -> LogTables.hashAt(connection, sequence));
    }

    @Override
    public void anchor(LogHead appended) {
        anchor.committed(appended);
    }

    /** Appends in one transaction that first fences on the lease; any failure stops this log's appending for good. */
    @Override
    public LogHead appendUnanchored(List<LogEntry> entries) {
        Writer writing = requireWriter("append");
        if (anchorMismatch.isPresent()) {
            throw new IllegalStateException("refusing to append to a log that does not match its head file: " + anchorMismatch.get());
        }
        if (appendFailure != null) {
            throw new IllegalStateException("refusing to append after a failed append: " + appendFailure);
        }
        writing.lease().requireHeld();
        Connection connection = writing.connection();
        try {
            writing.lease().fence(connection);
            LogHead appended = LogTables.addBatch(writing.insert(), head, entries, true);
            writing.insert().executeBatch();
            writing.notice().setString(1, Long.toString(appended.sequence()));
            writing.notice().executeQuery().close();
            connection.commit();
            head = appended;
            return appended;
        } catch (SQLException e) {
            rollback(connection);
            RuntimeException failed = failure("append to the log", e);
            appendFailure = failed.getMessage();
            throw failed;
        } catch (RuntimeException e) {
            rollback(connection);
            throw e;
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the append failed already; the engine stops either way
        }
    }

    private Writer requireWriter(String doing) {
        return writer.orElseThrow(() -> new IllegalStateException("cannot " + doing + ": this log was opened to read only"));
    }

    /** The writer's own head; a reader asks the database, since a writer elsewhere appends beside it. */
    @Override
    public LogHead head() {
        if (writer.isPresent()) {
            return head;
        }
        head = reading("read the log's head", LogTables::readHead);
        return head;
    }

    @Override
    public void replay(long afterSequence, Consumer<LogRecord> consumer) {
        reading("read the log", connection -> {
            LogTables.replay(connection, afterSequence, consumer);
            return null;
        });
    }

    /** A read in its own transaction on the reading connection, one at a time; a failure midway ends it (see {@link #endRead}). */
    private <T> T reading(String doing, SqlRead<T> read) {
        synchronized (readLock) {
            try {
                T value = read.apply(reads);
                reads.commit();
                return value;
            } catch (SQLException e) {
                endRead();
                throw failure(doing, e);
            } catch (RuntimeException e) {
                endRead();
                throw e;
            }
        }
    }

    private interface SqlRead<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Ends a read that threw midway (a record that does not verify, say), so the next one starts a fresh transaction. */
    private void endRead() {
        try {
            reads.rollback();
        } catch (SQLException ignored) {
            // the read failed already, or committed
        }
    }

    /** Walks the chain, then compares its end with the anchors read before the walk (they only trail the log). */
    @Override
    public Verification verify() {
        LogAnchor.Seen seen = anchor.read();
        Verification walked = reading("read the log", LogTables::walk);
        return anchor.check(seen, walked, this::hashAt);
    }

    @Override
    public Optional<LogRecord> read(long sequence) {
        return reading("read record " + sequence, connection -> LogTables.read(connection, sequence));
    }

    /** Fenced like an append: a writer that lost the lease saves nothing, not even a snapshot. */
    @Override
    public void saveSnapshot(Snapshot snapshot) {
        Writer writing = requireWriter("save a snapshot");
        Connection connection = writing.connection();
        try (var save = connection.prepareStatement("INSERT INTO snapshot VALUES (?, ?, ?, ?) ON CONFLICT (sequence) DO UPDATE"
                + " SET log_hash = excluded.log_hash, state_hash = excluded.state_hash, state = excluded.state")) {
            writing.lease().fence(connection);
            save.setLong(1, snapshot.sequence());
            save.setBytes(2, snapshot.logHash());
            save.setString(3, snapshot.stateHash());
            save.setBytes(4, snapshot.state());
            save.executeUpdate();
            LogTables.pruneSnapshots(connection, SNAPSHOTS_KEPT);
            connection.commit();
        } catch (SQLException e) {
            rollback(connection);
            throw failure("save a snapshot", e);
        } catch (RuntimeException e) {
            rollback(connection);
            throw e;
        }
    }

    @Override
    public Optional<Snapshot> latestSnapshot() {
        LogHead current = head();
        return reading("read snapshots", connection -> LogTables.latestSnapshot(connection, current));
    }

    /** A writer signs a closing checkpoint of its head when it appended past the last one, then releases the lease. */
    @Override
    public void close() {
        try {
            if (writer.isPresent()) {
                anchor.closing(head);
            }
        } finally {
            anchor.close();
            writer.ifPresent(w -> closeQuietly(w.lease(), w.connection(), null));
            closeQuietly(null, null, reads);
            synchronized (listenLock) {
                closeQuietly(null, listening, null);
                listening = null;
            }
        }
    }
}
