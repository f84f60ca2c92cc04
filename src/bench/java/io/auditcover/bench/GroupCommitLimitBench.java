package io.auditcover.bench;

import io.auditcover.engine.Codec;
import io.auditcover.engine.LogFormat;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Event;
import io.auditcover.engine.Outcome;
import io.auditcover.store.LogEntry;
import io.auditcover.store.SqliteEventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The disk's group-commit limit, no engine: batches of {@value #BATCH_RECORDS} records, each the size of one encoded
 * {@code CoverBought}, appended back to back through the real log ({@code SqliteEventLog.appendUnanchored}: hash links, one
 * SQLite transaction and its one fsync; the head file and checkpoints, which the engine writes on its anchorer thread off the
 * commit path, are left out, as the issue defines the limit). 64 is the most one commit can hold with
 * 64 closed-loop clients, so this is the ceiling durable purchases are compared with. The payload is encoded once, before
 * timing: the figure leaves out the committer's encoding on purpose, which is part of what the engine must hide.
 */
final class GroupCommitLimitBench {
    static final int BATCH_RECORDS = 64;

    private GroupCommitLimitBench() {
    }

    /** The measured run; its operations are records and its latencies are per batch. */
    static Result run() throws Exception {
        Event sample = samplePurchase();
        String type = Codec.type(sample);
        byte[] payload = LogFormat.encodeEvent(sample);
        String digest = Codec.sha256Hex(payload);
        System.out.printf("group-commit limit: one CoverBought as the log stores it (log format v1) is %,d bytes%n", payload.length);
        try (var directory = ScratchDirectory.create("auditcover-bench-limit"); var log = SqliteEventLog.open(directory.path())) {
            long warmEnd = System.nanoTime() + PurchaseBench.WARM_UP.toNanos();
            long batch = 0;
            while (System.nanoTime() < warmEnd) {
                log.appendUnanchored(batch(batch++, type, digest, payload));
            }
            var latency = new Histogram(3_600_000_000_000L, 3);
            long batches = 0;
            long started = System.nanoTime();
            long end = started + PurchaseBench.MEASURE.toNanos();
            long now = started;
            while (now < end) {
                var entries = batch(batch++, type, digest, payload);
                long before = System.nanoTime();
                log.appendUnanchored(entries);
                now = System.nanoTime();
                latency.recordValue(now - before);
                batches++;
            }
            double seconds = (now - started) / 1e9;
            var result = new Result("group-commit limit (records; latency per batch)", batches * BATCH_RECORDS, seconds, latency);
            result.print();
            System.out.printf("  %,.0f batches/s of %d records, %.3f ms each on average%n", batches / seconds, BATCH_RECORDS,
                    seconds * 1e3 / batches);
            return result;
        }
    }

    /** One batch: distinct command ids, as the engine's commits have; the same payload bytes. */
    private static List<LogEntry> batch(long batch, String type, String digest, byte[] payload) {
        var entries = new ArrayList<LogEntry>(BATCH_RECORDS);
        Instant recorded = Instant.now();
        for (int i = 0; i < BATCH_RECORDS; i++) {
            entries.add(new LogEntry("b-" + batch + "-" + i, digest, recorded, type, payload));
        }
        return entries;
    }

    /** One real purchase's event, as the purchases benchmark makes it (same pool, protocol, amount and period). */
    private static Event samplePurchase() throws Exception {
        try (var directory = ScratchDirectory.create("auditcover-bench-limit-sample");
                Engine engine = Engine.start(SqliteEventLog.open(directory.path()), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
            PurchaseBench.setUp(engine);
            var outcome = engine.submit(PurchaseBench.purchase(0, 0)).join();
            if (!(outcome instanceof Outcome.Accepted accepted) || !(accepted.event() instanceof Event.CoverBought bought)) {
                throw new IllegalStateException("sample purchase refused: " + outcome);
            }
            return bought;
        }
    }
}
