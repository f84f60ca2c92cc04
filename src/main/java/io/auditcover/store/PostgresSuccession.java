package io.auditcover.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Succession on the PostgreSQL log: tails it through a reader, reads the lease row for who writes, and takes over by opening
 * the log as its writer, which fences the old writer by epoch ({@link PostgresLease}). Asking whether the lease is free first
 * keeps a contending follower from running the schema migrations and a lease UPDATE at every poll.
 */
final class PostgresSuccession implements Succession {
    private static final System.Logger LOGGER = System.getLogger(PostgresSuccession.class.getName());
    private final PostgresEventLog reader;
    private final String url;
    private final Path directory;
    private final String holder;
    private final String advertisedUrl;
    private final Duration lease;
    private final boolean contend;

    PostgresSuccession(String url, Path directory, String holder, String advertisedUrl, Duration lease, boolean contend) {
        this.reader = PostgresEventLog.openReader(url, directory);
        this.url = url;
        this.directory = directory;
        this.holder = holder;
        this.advertisedUrl = advertisedUrl;
        this.lease = lease;
        this.contend = contend;
    }

    @Override
    public EventLog log() {
        return reader;
    }

    @Override
    public Optional<WriterLease> writer() {
        try {
            return Optional.of(reader.writerLease());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<EventLog> takeOver() {
        if (!contend) {
            return Optional.empty();
        }
        try {
            if (!reader.writerLeaseFree()) {
                return Optional.empty();
            }
            return Optional.of(PostgresEventLog.openWriter(url, directory, holder, advertisedUrl, lease));
        } catch (LeaseHeldException e) {
            return Optional.empty(); // another follower took it first
        } catch (IllegalStateException e) {
            LOGGER.log(System.Logger.Level.WARNING, "could not take over the log's writer lease, trying again: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
