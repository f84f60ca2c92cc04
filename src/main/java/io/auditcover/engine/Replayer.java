package io.auditcover.engine;

import io.auditcover.store.EventLog;
import io.auditcover.store.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;

/**
 * Replays the log on two threads: a reader streams records, checks their hash links and decodes their
 * events; the calling thread applies them in log order. Reading and decoding cost more than applying,
 * so this keeps both cores busy at start-up. The reader's failure (a corrupt record) is rethrown on the
 * calling thread after everything before it has been applied, exactly as a single-threaded replay would.
 */
final class Replayer {
    /** Records handed over at a time, so the queue's locking is paid per chunk, not per record. */
    static final int CHUNK_RECORDS = 1_024;
    /** Chunks the reader may run ahead of the applier, bounding memory at start-up. */
    static final int CHUNKS_AHEAD_MAX = 32;

    record Decoded(LogRecord record, Event event) {
    }

    private static final List<Decoded> END = List.of();

    private Replayer() {
    }

    /** Streams the records after {@code afterSequence} to {@code apply} in order; returns how many. */
    static long replay(EventLog log, long afterSequence, BiConsumer<LogRecord, Event> apply) {
        BlockingQueue<List<Decoded>> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD_MAX);
        Throwable[] failure = new Throwable[1];
        Thread reader = Thread.ofPlatform().name("auditcover-replay-reader").start(() -> read(log, afterSequence, chunks, failure));
        long applied = 0;
        try {
            for (List<Decoded> chunk = take(chunks); chunk != END; chunk = take(chunks)) {
                for (Decoded decoded : chunk) {
                    apply.accept(decoded.record(), decoded.event());
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

    private static void read(EventLog log, long afterSequence, BlockingQueue<List<Decoded>> chunks, Throwable[] failure) {
        var chunk = new ArrayList<Decoded>(CHUNK_RECORDS);
        try {
            log.replay(afterSequence, record -> {
                chunk.add(new Decoded(record, LogFormat.decodeEvent(record.type(), record.payload())));
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

    private static void put(BlockingQueue<List<Decoded>> chunks, List<Decoded> chunk) {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay was abandoned", e);
        }
    }

    private static List<Decoded> take(BlockingQueue<List<Decoded>> chunks) {
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
