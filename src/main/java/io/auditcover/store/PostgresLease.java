package io.auditcover.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A writer's hold on the {@code writer_lease} row: taken at a new epoch when the row's lease has expired or was released,
 * renewed on its own connection and thread every {@code renewEvery}, and checked inside every append's transaction by
 * {@link #fence}. Every time is the database's clock, so instances with skewed clocks agree on who holds it.
 *
 * <p>Why a paused old writer cannot append after a new one took over: the fence reads the row {@code FOR SHARE}, which a
 * takeover's {@code UPDATE} must wait for, and requires this epoch and an unexpired lease. Either the old writer's
 * transaction holds the row first, and the takeover waits until that append commits (and then reads a head that includes
 * it), or the takeover commits first, and the old writer's fence finds a newer epoch and rolls back. The write session's
 * {@code idle_in_transaction_session_timeout} is the lease duration, so a writer frozen inside its transaction is cut off by
 * the server rather than block a takeover for ever.
 *
 * <p>Why a lease row and not an advisory lock: an advisory lock belongs to a session, so a writer cut off from the
 * database cannot tell inside its transaction that it lost it, and a promoted standby has no advisory locks at all. The row
 * and its epoch are ordinary data: they reach the standbys with the log itself, so after a failover the new primary still
 * knows the last epoch, and a writer of an older one stays fenced.
 */
final class PostgresLease implements AutoCloseable {
    private static final String TAKE = "UPDATE writer_lease SET holder = ?, epoch = epoch + 1,"
            + " expires_at = clock_timestamp() + make_interval(secs => ?), advertised_url = ? WHERE expires_at <= clock_timestamp()"
            + " RETURNING epoch";
    private static final String RENEW = "UPDATE writer_lease SET expires_at = clock_timestamp() + make_interval(secs => ?)"
            + " WHERE holder = ? AND epoch = ? AND expires_at > clock_timestamp()";
    static final String FENCE = "SELECT 1 FROM writer_lease WHERE holder = ? AND epoch = ? AND expires_at > clock_timestamp() FOR SHARE";
    private static final String RELEASE = "UPDATE writer_lease SET expires_at = clock_timestamp()"
            + " WHERE holder = ? AND epoch = ? AND expires_at > clock_timestamp()";
    /** How long closing waits for a renewal under way, so none can follow the release. */
    private static final Duration RENEWAL_STOP_WAIT = Duration.ofSeconds(5);
    private final Connection connection;
    private final String holder;
    private final Duration duration;
    private final long epoch;
    private final ScheduledExecutorService renewal;
    /** Why the lease is lost, once it is; never cleared (fail-stop). */
    private volatile String lost;

    private PostgresLease(Connection connection, String holder, Duration duration, long epoch, Duration renewEvery) {
        this.connection = connection;
        this.holder = holder;
        this.duration = duration;
        this.epoch = epoch;
        this.renewal = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "log-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
        renewal.scheduleWithFixedDelay(this::renew, renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease for {@code holder}, serving at {@code advertisedUrl} (empty for none), at the next epoch, or throws
     * {@link LeaseHeldException} naming whoever holds it unexpired.
     */
    static PostgresLease take(String url, String holder, String advertisedUrl, Duration duration, Duration renewEvery) throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try {
            connection.setAutoCommit(true);
            try (var sql = connection.createStatement()) {
                sql.execute("SET synchronous_commit = on");
            }
            try (var take = connection.prepareStatement(TAKE)) {
                take.setString(1, holder);
                take.setDouble(2, seconds(duration));
                take.setString(3, advertisedUrl);
                try (ResultSet row = take.executeQuery()) {
                    if (!row.next()) {
                        throw new LeaseHeldException(current(connection));
                    }
                    return new PostgresLease(connection, holder, duration, row.getLong(1), renewEvery);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The lease as the database holds it now. */
    static WriterLease current(Connection connection) throws SQLException {
        try (var sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT holder, epoch, expires_at, advertised_url FROM writer_lease")) {
            if (!row.next()) {
                throw new IllegalStateException("the writer_lease table has no row: the schema was altered by hand");
            }
            return new WriterLease(row.getString(1), row.getLong(2), row.getObject(3, OffsetDateTime.class).toInstant(), row.getString(4));
        }
    }

    /** Whether the lease has expired or was released, by the database's clock: a follower's cue to try taking it. */
    static boolean free(Connection connection) throws SQLException {
        try (var sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT expires_at <= clock_timestamp() FROM writer_lease")) {
            return row.next() && row.getBoolean(1);
        }
    }

    long epoch() {
        return epoch;
    }

    Duration duration() {
        return duration;
    }

    /** Why the lease was lost, once it is known; null while held. */
    String lostReason() {
        return lost;
    }

    /** Throws when the lease is already known lost, before an append starts a transaction. */
    void requireHeld() {
        String reason = lost;
        if (reason != null) {
            throw new LeaseLostException(reason);
        }
    }

    /** Inside the caller's append transaction: this epoch is current and unexpired, held so until that transaction ends. */
    void fence(Connection appending) throws SQLException {
        requireHeld();
        try (var fence = appending.prepareStatement(FENCE)) {
            fence.setString(1, holder);
            fence.setLong(2, epoch);
            try (ResultSet row = fence.executeQuery()) {
                if (!row.next()) {
                    throw lose(current(appending));
                }
            }
        }
    }

    /** Extends the lease; finding it expired or taken over loses it for good. A failed renewal leaves the verdict to the next one or the fence. */
    private void renew() {
        try (var renew = connection.prepareStatement(RENEW)) {
            renew.setDouble(1, seconds(duration));
            renew.setString(2, holder);
            renew.setLong(3, epoch);
            if (renew.executeUpdate() == 0) {
                lose(current(connection));
            }
        } catch (SQLException | RuntimeException e) {
            // the database is unreachable or failing: appends fail on their own, and the lease lapses if this lasts; a
            // renewal that threw would cancel every later one, so this one is dropped and the next tries again
        }
    }

    private LeaseLostException lose(WriterLease now) {
        String reason = holder + " lost the log's writer lease (epoch " + epoch + "): " + (now.epoch() == epoch
                ? "it expired at " + now.expiresAt() + " before it was renewed"
                : now.holder() + " took it over at epoch " + now.epoch()) + "; this log appends no more";
        if (lost == null) {
            lost = reason;
        }
        renewal.shutdown();
        return new LeaseLostException(lost);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** Stops renewing and releases the lease, so the next writer need not wait for it to expire. */
    @Override
    public void close() {
        renewal.shutdownNow();
        try {
            if (!renewal.awaitTermination(RENEWAL_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the lease renewal did not stop within " + RENEWAL_STOP_WAIT);
            }
            try (var release = connection.prepareStatement(RELEASE)) {
                release.setString(1, holder);
                release.setLong(2, epoch);
                release.executeUpdate();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // unreleased, the lease expires on its own
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // the lease is released or expires either way
            }
        }
    }
}
