package io.auditcover.engine;

import io.auditcover.store.EventLog;
import io.auditcover.store.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;

/**
 * Replays the log on two threads: a reader streams records and checks their hash links; the calling thread
 * decodes their events and applies them in log order. Measured on a log of purchases in format v1, reading a
 * row from SQLite and hashing its link cost about as much as decoding and applying its event, so this split
 * keeps both cores busy at start-up (decoding on the reader left the applier idle most of the time). A failure
 * (a corrupt record, a payload this build cannot read) is thrown on the calling thread after everything before
 * it has been applied, exactly as a single-threaded replay would.
 */
final class Replayer {
    /** Records handed over at a time, so the queue's locking is paid per chunk, not per record. */
    static final int CHUNK_RECORDS = 1_024;
    /** Chunks the reader may run ahead of the applier, bounding memory at start-up. */
    static final int CHUNKS_AHEAD_MAX = 32;

    private static final List<LogRecord> END = List.of();

    private Replayer() {
    }

    /** Streams the records after {@code afterSequence} to {@code apply} in order; returns how many. */
    static long replay(EventLog log, long afterSequence, BiConsumer<LogRecord, Event> apply) {
        BlockingQueue<List<LogRecord>> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD_MAX);
        Throwable[] failure = new Throwable[1];
        Thread reader = Thread.ofPlatform().name("auditcover-replay-reader").start(() -> read(log, afterSequence, chunks, failure));
        long applied = 0;
        try {
            for (List<LogRecord> chunk = take(chunks); chunk != END; chunk = take(chunks)) {
                for (LogRecord record : chunk) {
                    apply.accept(record, LogFormat.decodeEvent(record.type(), record.payload()));
                }
                applied += chunk.size();
            }
        } catch (RuntimeException | Error e) {
            reader.interrupt();
            throw e;
        } finally {
            join(reader);
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return applied;
    }

    private static void read(EventLog log, long afterSequence, BlockingQueue<List<LogRecord>> chunks, Throwable[] failure) {
        var chunk = new ArrayList<LogRecord>(CHUNK_RECORDS);
        try {
            log.replay(afterSequence, record -> {
                chunk.add(record);
                if (chunk.size() == CHUNK_RECORDS) {
                    put(chunks, List.copyOf(chunk));
                    chunk.clear();
                }
            });
            if (!chunk.isEmpty()) {
                put(chunks, List.copyOf(chunk));
            }
        } catch (RuntimeException | Error e) {
            failure[0] = e;
        } finally {
            if (!Thread.currentThread().isInterrupted()) {
                put(chunks, END);
            }
        }
    }

    private static void put(BlockingQueue<List<LogRecord>> chunks, List<LogRecord> chunk) {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay was abandoned", e);
        }
    }

    private static List<LogRecord> take(BlockingQueue<List<LogRecord>> chunks) {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying the log", e);
        }
    }

    private static void join(Thread reader) {
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
