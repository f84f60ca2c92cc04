package io.auditcover.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Which log a data directory uses: the embedded SQLite file when no database URL is given, PostgreSQL for a
 * {@code jdbc:postgresql:} URL. Either way the head is anchored in the data directory.
 */
public final class EventLogs {
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    private EventLogs() {
    }

    /** Opens the log to append to it: SQLite in {@code dataDirectory}, or PostgreSQL at {@code databaseUrl} as its leased writer. */
    public static EventLog open(String databaseUrl, Path dataDirectory) {
        if (isEmbedded(databaseUrl)) {
            return SqliteEventLog.open(dataDirectory);
        }
        return PostgresEventLog.openWriter(databaseUrl, dataDirectory, defaultHolder(), PostgresEventLog.LEASE_DEFAULT);
    }

    /**
     * Opens the log to replay, read and verify only: PostgreSQL without taking the writer's lease, so it works beside a
     * running writer. (The SQLite file has no lease; it opens as usual.)
     */
    public static EventLog openToRead(String databaseUrl, Path dataDirectory) {
        if (isEmbedded(databaseUrl)) {
            return SqliteEventLog.open(dataDirectory);
        }
        return PostgresEventLog.openReader(databaseUrl, dataDirectory);
    }

    /**
     * Opens the shared log as its writer, advertising in the lease where this instance serves, or, while another writer
     * holds the lease, throws {@link LeaseHeldException}.
     */
    public static EventLog openWriter(String databaseUrl, Path dataDirectory, String holder, String advertisedUrl, Duration lease) {
        requireShared(databaseUrl);
        return PostgresEventLog.openWriter(databaseUrl, dataDirectory, holder, advertisedUrl, lease);
    }

    /**
     * Follows the shared log: tails it without the lease and, when {@code contend}, takes over as the writer named
     * {@code holder}, advertising {@code advertisedUrl} (empty for none) with a lease of {@code lease}. Only the PostgreSQL log
     * has followers: the SQLite file has one process.
     */
    public static Succession follow(String databaseUrl, Path dataDirectory, String holder, String advertisedUrl, Duration lease,
            boolean contend) {
        requireShared(databaseUrl);
        return new PostgresSuccession(databaseUrl, dataDirectory, holder, advertisedUrl, lease, contend);
    }

    private static void requireShared(String databaseUrl) {
        if (isEmbedded(databaseUrl)) {
            throw new IllegalArgumentException("followers and takeover need the shared log: a " + POSTGRESQL_PREFIX + "//... URL");
        }
    }

    private static boolean isEmbedded(String databaseUrl) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return true;
        }
        if (!databaseUrl.startsWith(POSTGRESQL_PREFIX)) {
            throw new IllegalArgumentException("the event log's database must be a " + POSTGRESQL_PREFIX + "//... URL (or none, for"
                    + " the embedded SQLite file); got one starting " + databaseUrl.substring(0, Math.min(databaseUrl.length(), 16)));
        }
        return false;
    }

    /** The writer's name in the lease: this host and process, so an operator sees which instance holds it. */
    public static String defaultHolder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
