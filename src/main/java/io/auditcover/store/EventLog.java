package io.auditcover.store;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's durable history. Only the engine's writer thread appends; readers may replay and
 * verify concurrently.
 */
public interface EventLog extends AutoCloseable {

    /** Appends the entries in one durable transaction, anchors the new head, and returns it; throws if nothing was stored. */
    default LogHead append(java.util.List<LogEntry> entries) {
        LogHead appended = appendUnanchored(entries);
        anchor(appended);
        return appended;
    }

    /**
     * Appends like {@link #append}, as durably, but leaves anchoring the new head (the head file, a signed checkpoint when
     * one is due) to {@link #anchor}: the writer answers everyone its commit made durable first, and anchors before it
     * appends again. The anchor only ever trails the log, so this widens nothing a crash can hide: the commit is durable
     * before anyone hears of it.
     */
    LogHead appendUnanchored(java.util.List<LogEntry> entries);

    /** Anchors a head {@link #appendUnanchored} returned, before the next append. */
    void anchor(LogHead head);

    /** The last record's sequence and hash (sequence 0 and the genesis hash when empty). */
    LogHead head();

    /** Streams the records after {@code afterSequence} in order, checking each hash link; throws {@link LogCorruptedException} at the first bad record. */
    void replay(long afterSequence, Consumer<LogRecord> consumer);

    /**
     * Walks the whole chain and compares its end with the anchored head and the signed checkpoints; reports the record
     * count and head, or the first bad record, truncation, rewrite or invalid checkpoint. Throws {@link LogDamagedException}
     * when the file itself cannot be read.
     */
    Verification verify();

    Optional<LogRecord> read(long sequence);

    /**
     * Waits until another process may have appended (a follower's cue to replay on) or {@code timeout} passes. A log that
     * cannot be told of appends (the SQLite file) just waits, so its followers poll. It promises neither way: the caller reads
     * on after it regardless, so a lost notice costs at most one {@code timeout} of lag.
     */
    default void awaitAppend(java.time.Duration timeout) throws InterruptedException {
        Thread.sleep(timeout);
    }

    /**
     * Why this log, opened as a shared log's writer, may append no more (its lease was lost: expired, or taken over), once its
     * writer knows; empty while it may append, and always for a log with no lease.
     */
    default Optional<String> writerLost() {
        return Optional.empty();
    }

    void saveSnapshot(Snapshot snapshot);

    Optional<Snapshot> latestSnapshot();

    /** Closes the log; a writer that appended signs a checkpoint of its final head first. */
    @Override
    void close();
}
