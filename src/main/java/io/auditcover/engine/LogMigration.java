package io.auditcover.engine;

import io.auditcover.store.EventLog;
import io.auditcover.store.LogCorruptedException;
import io.auditcover.store.LogEntry;
import io.auditcover.store.LogHead;
import io.auditcover.store.LogReplacement;
import io.auditcover.store.SqliteEventLog;
import io.auditcover.store.Verification;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Rewrites a log of format v0 (JSON) in format v1, proven equal before it replaces anything: the old log must verify
 * first; each record is re-encoded with the same command id, digest, time and type, and must decode back to the event it
 * held; old and new replay to the same state hash; the new chain verifies end to end against its fresh anchors (head file,
 * checkpoints signed with the operator's key). Only then is it swapped in, the old log kept beside it as
 * {@code auditcover.db.v0} (see {@link LogReplacement}).
 */
public final class LogMigration {
    /** Records appended per transaction while rewriting: large enough that the fsyncs do not dominate. */
    static final int BATCH_RECORDS = 4_096;
    /** What the kept old files are called: the log file's name and this suffix. */
    public static final String KEPT_SUFFIX = ".v" + LogFormat.JSON_VERSION;

    /** What a migration did: the records rewritten, the old and new heads, the state hash both replay to. */
    public record Result(long records, LogHead oldHead, LogHead newHead, String stateHash, boolean finishedInterruptedSwap) {
    }

    private LogMigration() {
    }

    /**
     * Migrates the log in {@code directory}; empty when there is nothing to migrate (the log is empty or already in format
     * v1). Throws {@link LogCorruptedException} when the log does not verify, changing nothing.
     */
    public static Optional<Result> migrate(Path directory) {
        boolean finished = LogReplacement.finishInterrupted(directory);
        LogHead oldHead;
        String stateHash;
        try (EventLog old = SqliteEventLog.open(directory)) {
            requireVerified(old.verify(), "the log in " + directory);
            if (LogFormat.versionOf(old) != LogFormat.JSON_VERSION) {
                return Optional.empty();
            }
            oldHead = old.head();
            Path staging = LogReplacement.prepareStaging(directory);
            stateHash = rewrite(old, staging);
            proveRewritten(staging, oldHead.sequence(), stateHash);
        }
        LogReplacement.swapIn(directory, KEPT_SUFFIX);
        try (EventLog swapped = SqliteEventLog.open(directory)) {
            requireVerified(swapped.verify(), "the migrated log in " + directory);
            return Optional.of(new Result(oldHead.sequence(), oldHead, swapped.head(), stateHash, finished));
        }
    }

    /** Appends every record of {@code old} to a new log in {@code staging} in format v1; returns the old log's state hash. */
    private static String rewrite(EventLog old, Path staging) {
        State state = new State();
        try (EventLog fresh = SqliteEventLog.open(staging)) {
            var batch = new ArrayList<LogEntry>(BATCH_RECORDS);
            old.replay(0, record -> {
                if (LogFormat.versionOf(record.payload()) != LogFormat.JSON_VERSION) {
                    throw new LogFormatException("record " + record.sequence() + " (" + record.type() + ") is in log format v"
                            + LogFormat.versionOf(record.payload()) + " in a log of format v0: not a log this build migrates");
                }
                Event event = Codec.decodeJsonEvent(record.type(), record.payload());
                Applier.apply(state, event);
                byte[] payload = LogFormat.encodeEvent(event);
                if (!LogFormat.decodeEvent(record.type(), payload).equals(event)) {
                    throw new IllegalStateException("record " + record.sequence() + " (" + record.type() + ") does not read back equal"
                            + " from format v" + LogFormat.VERSION + "; nothing was migrated");
                }
                batch.add(new LogEntry(record.commandId(), record.commandDigest(), record.recordedAt(), record.type(), payload));
                if (batch.size() == BATCH_RECORDS) {
                    fresh.append(batch);
                    batch.clear();
                }
            });
            if (!batch.isEmpty()) {
                fresh.append(batch);
            }
        }
        return StateSnapshot.hash(state);
    }

    /** The new log, reopened: every record there, the chain and its anchors verify, and it replays to the old state hash. */
    private static void proveRewritten(Path staging, long records, String stateHash) {
        try (EventLog fresh = SqliteEventLog.open(staging)) {
            requireVerified(fresh.verify(), "the rewritten log");
            if (fresh.head().sequence() != records) {
                throw new IllegalStateException("the rewritten log holds " + fresh.head().sequence() + " records, the old one " + records
                        + "; nothing was migrated");
            }
            String rewritten = StateSnapshot.hash(Engine.rebuild(fresh));
            if (!rewritten.equals(stateHash)) {
                throw new IllegalStateException("the rewritten log replays to state hash " + rewritten + ", the old one to " + stateHash
                        + "; nothing was migrated");
            }
        }
    }

    private static void requireVerified(Verification verification, String what) {
        if (!verification.ok()) {
            var failure = verification.failure().orElseThrow();
            throw new LogCorruptedException(failure.sequence(), failure.reason() + " (" + what + "; "
                    + failure.code().code() + "); nothing was migrated");
        }
    }
}
