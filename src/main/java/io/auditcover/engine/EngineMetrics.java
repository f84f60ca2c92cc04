package io.auditcover.engine;

import io.auditcover.reason.Reason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters the writer keeps about itself, read by the edges (metrics endpoint, bench). */
public final class EngineMetrics {
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchNanos = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLongArray rejections = new AtomicLongArray(Reason.values().length);

    void batchDecided(int commandCount, int eventCount, long nanos) {
        commands.addAndGet(commandCount);
        events.addAndGet(eventCount);
        batches.incrementAndGet();
        batchNanos.addAndGet(nanos);
    }

    void logCommitted(long nanos) {
        commits.incrementAndGet();
        commitNanos.addAndGet(nanos);
    }

    void rejected(Reason code) {
        rejections.incrementAndGet(code.ordinal());
    }

    public long commands() {
        return commands.get();
    }

    public long events() {
        return events.get();
    }

    public long batches() {
        return batches.get();
    }

    /** Time the writer spent deciding and applying batches (not waiting for the log). */
    public long batchNanos() {
        return batchNanos.get();
    }

    /** Time spent appending batches to the log, durable commit included. */
    public long commitNanos() {
        return commitNanos.get();
    }

    /** Durable log transactions; each may hold several of the writer's batches. */
    public long commits() {
        return commits.get();
    }

    public Map<Reason, Long> rejectionsByCode() {
        var counts = new EnumMap<Reason, Long>(Reason.class);
        for (Reason code : Reason.refusals()) {
            counts.put(code, rejections.get(code.ordinal()));
        }
        return counts;
    }
}
