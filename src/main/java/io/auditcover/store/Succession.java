package io.auditcover.store;

import java.util.Optional;

/**
 * A follower's view of a shared log's writer: the log to tail (opened to read), who writes it now, and the way to become its
 * writer once the lease is free. A follower that only follows ({@code serve --follower}) never takes over.
 */
public interface Succession extends AutoCloseable {
    /** The log to tail, opened without the lease. */
    EventLog log();

    /** Who holds the writer lease and where it serves; empty when the database cannot be asked right now. */
    Optional<WriterLease> writer();

    /**
     * Takes the writer lease when it is free (expired or released, by the database's clock): the log opened as its writer at a
     * new epoch, whose head already includes every append of the writer before. Empty while another writer holds the lease,
     * when the database cannot be reached, or when this follower does not contend.
     */
    Optional<EventLog> takeOver();

    /** Closes the tailed log. */
    @Override
    void close();
}
