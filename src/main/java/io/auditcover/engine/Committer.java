package io.auditcover.engine;

import io.auditcover.store.EventLog;
import io.auditcover.store.LogEntry;
import io.auditcover.store.LogHead;
import io.auditcover.store.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The log's side of the single writer: appends decided batches durably, strictly in the order they were
 * decided, and only then answers their callers. While it waits on the disk the writer decides the next
 * batch, so deciding and committing overlap; no one is answered before their batch, and every batch
 * before it, is durable. A failed append stops it for good: that batch and every later one are failed,
 * never answered, and the engine is told so it stops too.
 */
final class Committer {
    /** How many decided batches may wait behind the one being committed; those waiting are committed together. */
    static final int BATCHES_WAITING_MAX = 8;
    /** How long closing waits for a snapshot being encoded; one not done by then is dropped (the log stays the truth). */
    static final Duration SNAPSHOT_WAIT_MAX = Duration.ofMinutes(2);

    /** A caller's future and the outcome to give it once durable. */
    record Answer(CompletableFuture<Outcome> future, Outcome outcome) {
    }

    /** An accepted command's event, to be encoded here (off the writer thread) and appended. */
    record Decided(String commandId, String commandDigest, Instant recordedAt, Event event) {
    }

    /** What the writer hands over, committed strictly in order. */
    sealed interface Work {
    }

    /** One decided batch: its events (none when every command was rejected), its answers, and what to publish once durable (or null). */
    record Batch(List<Decided> decided, List<Answer> answers, long lastSequence, Consumer<LogHead> publish) implements Work {
    }

    /**
     * A snapshot of the state as it was after {@code sequence}: the writer copies the (immutable) values,
     * the committer encodes, hashes and saves them, so a large state never stalls the writer.
     */
    record SnapshotJob(long sequence, StateSnapshot state, Map<String, Engine.CommandEntry> commands) implements Work {
    }

    private record Close() implements Work {
    }

    private final EventLog log;
    private final EngineMetrics metrics;
    private final Consumer<Throwable> onFailure;
    private final BlockingQueue<Work> work = new ArrayBlockingQueue<>(BATCHES_WAITING_MAX);
    private final Object progress = new Object();
    private final ExecutorService snapshotter = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("auditcover-snapshotter").daemon(true).unstarted(task));
    private final Queue<Snapshot> encodedSnapshots = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private long handed;
    private long done;
    private volatile long durableSequence;
    private volatile Throwable failure;
    /** The head of the last commit, answered and still to hand to the anchorer (committer thread only). */
    private LogHead anchorPending;
    /**
     * Anchoring (the head file's write and force, a signed checkpoint when due) runs on its own thread, off the commit path:
     * the committer's next transaction and fsync overlap the anchor's, and only the newest head waiting is written (the
     * anchor may trail the log by a few commits after a crash, never lead it).
     */
    private final Object anchorLock = new Object();
    private LogHead anchorWaiting;
    private boolean anchoring;
    private boolean anchorerStopping;
    private final Thread anchorer;

    Committer(EventLog log, long durableSequence, EngineMetrics metrics, Consumer<Throwable> onFailure) {
        this.log = log;
        this.durableSequence = durableSequence;
        this.metrics = metrics;
        this.onFailure = onFailure;
        this.thread = Thread.ofPlatform().name("auditcover-committer").unstarted(this::run);
        this.anchorer = Thread.ofPlatform().name("auditcover-anchorer").daemon(true).unstarted(this::anchorLoop);
    }

    void start() {
        anchorer.start();
        thread.start();
    }

    /** Writer thread: queues a decided batch or a snapshot behind what was already handed; waits while the queue is full. */
    void hand(Work item) {
        requireRunning();
        handed++;
        put(item);
    }

    /** Writer thread: waits until every handed batch is durable and answered; the log is then free to use. */
    void awaitIdle() {
        synchronized (progress) {
            while (done < handed) {
                try {
                    progress.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineStoppedException("interrupted while waiting for the log", e);
                }
            }
        }
        awaitAnchored();
        requireRunning();
    }

    /** Waits until the newest head handed to the anchorer is anchored. */
    private void awaitAnchored() {
        synchronized (anchorLock) {
            while ((anchorWaiting != null || anchoring) && failure == null) {
                try {
                    anchorLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineStoppedException("interrupted while waiting for the log's anchor", e);
                }
            }
        }
    }

    private void anchorLoop() {
        while (true) {
            LogHead head;
            synchronized (anchorLock) {
                while (anchorWaiting == null && !anchorerStopping) {
                    try {
                        anchorLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (anchorWaiting == null) {
                    return;
                }
                head = anchorWaiting;
                anchorWaiting = null;
                anchoring = true;
            }
            try {
                if (failure == null) {
                    log.anchor(head);
                }
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                synchronized (anchorLock) {
                    anchoring = false;
                    anchorLock.notifyAll();
                }
            }
        }
    }

    private void stopAnchorer() {
        awaitAnchored();
        synchronized (anchorLock) {
            anchorerStopping = true;
            anchorLock.notifyAll();
        }
        try {
            anchorer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sequence of the last record known to be durable. */
    long durableSequence() {
        return durableSequence;
    }

    /** Writer thread, last: commits what was handed, then stops the committer thread. */
    void finish() {
        put(new Close());
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireRunning() {
        Throwable failed = failure;
        if (failed != null) {
            throw new EngineStoppedException("the log append or its anchoring failed: " + failed.getMessage(), failed);
        }
    }

    private void put(Work item) {
        try {
            work.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineStoppedException("interrupted while handing a batch to the log", e);
        }
    }

    private void run() {
        var taken = new ArrayList<Work>(BATCHES_WAITING_MAX);
        var batches = new ArrayList<Batch>(BATCHES_WAITING_MAX);
        boolean closing = false;
        while (!closing) {
            taken.clear();
            try {
                taken.add(work.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            work.drainTo(taken);
            int finished = 0;
            for (Work item : taken) {
                switch (item) {
                    case Batch batch -> batches.add(batch);
                    case SnapshotJob job -> {
                        commitOrFail(batches);
                        snapshot(job);
                    }
                    case Close close -> closing = true;
                }
                finished += item instanceof Close ? 0 : 1;
            }
            commitOrFail(batches);
            if (closing) {
                awaitSnapshotter();
                stopAnchorer();
            }
            saveEncodedSnapshots();
            synchronized (progress) {
                done += finished;
                progress.notifyAll();
            }
        }
    }

    private void awaitSnapshotter() {
        snapshotter.shutdown();
        try {
            if (!snapshotter.awaitTermination(SNAPSHOT_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)) {
                snapshotter.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commitOrFail(List<Batch> batches) {
        if (failure == null) {
            commit(batches);
        } else {
            batches.forEach(batch -> fail(batch, failure));
        }
        batches.clear();
    }

    /** Notes the log's hash at the snapshot's sequence and leaves the encoding, the expensive part, to the snapshotter thread. */
    private void snapshot(SnapshotJob job) {
        if (failure != null) {
            return;
        }
        if (log.head().sequence() != job.sequence()) {
            fail(new IllegalStateException("snapshot of " + job.sequence() + " but the log's head is " + log.head().sequence()));
            return;
        }
        byte[] logHash = log.head().hash();
        snapshotter.execute(() -> {
            try {
                var commands = job.commands().entrySet().stream()
                        .map(e -> new SnapshotContent.CommandRecord(e.getKey(), e.getValue().digestHex(), e.getValue().sequence()))
                        .sorted(Comparator.comparingLong(SnapshotContent.CommandRecord::sequence))
                        .toList();
                var content = new SnapshotContent(job.state(), commands);
                encodedSnapshots.add(new Snapshot(job.sequence(), logHash, job.state().hash(), LogFormat.encodeSnapshot(content)));
            } catch (RuntimeException | Error e) {
                fail(e);
            }
        });
    }

    /** Saves the snapshots the snapshotter has encoded; the log's connection is only ever used on this thread. */
    private void saveEncodedSnapshots() {
        for (Snapshot snapshot = encodedSnapshots.poll(); snapshot != null && failure == null; snapshot = encodedSnapshots.poll()) {
            try {
                log.saveSnapshot(snapshot);
            } catch (RuntimeException | Error e) {
                fail(e);
            }
        }
    }

    private synchronized void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
            onFailure.accept(cause);
        }
    }

    /** Appends every waiting batch in one durable transaction (group commit across batches), then answers them in order. */
    private void commit(List<Batch> taken) {
        try {
            var entries = new ArrayList<LogEntry>();
            for (Batch batch : taken) {
                for (Decided decided : batch.decided()) {
                    entries.add(new LogEntry(decided.commandId(), decided.commandDigest(), decided.recordedAt(),
                            Codec.type(decided.event()), LogFormat.encodeEvent(decided.event())));
                }
            }
            if (!entries.isEmpty()) {
                long started = System.nanoTime();
                LogHead head = log.appendUnanchored(entries);
                metrics.logCommitted(System.nanoTime() - started);
                anchorPending = head;
                long expected = taken.getLast().lastSequence();
                if (head.sequence() != expected) {
                    throw new IllegalStateException("log head " + head.sequence() + " after appending up to " + expected);
                }
                durableSequence = head.sequence();
                publishLatest(taken, head);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            onFailure.accept(e);
            taken.forEach(batch -> fail(batch, e));
            return;
        }
        for (Batch batch : taken) {
            for (Answer answer : batch.answers()) {
                answer.future().complete(answer.outcome());
            }
        }
        anchorDurableHead();
    }

    /**
     * The head file and checkpoints after the answers, on the anchorer: callers wait only for the commit's own fsync, and
     * the next commit does not wait for the anchor's. A failure there stops the engine, as a failed append does; what was
     * answered is durable in the log either way.
     */
    private void anchorDurableHead() {
        LogHead head = anchorPending;
        if (head == null) {
            return;
        }
        anchorPending = null;
        synchronized (anchorLock) {
            anchorWaiting = head;
            anchorLock.notifyAll();
        }
    }

    /** Only the newest view matters: a group commit publishes its last batch's view with the group's head. */
    private static void publishLatest(List<Batch> batches, LogHead head) {
        for (int i = batches.size() - 1; i >= 0; i--) {
            if (batches.get(i).publish() != null) {
                batches.get(i).publish().accept(head);
                return;
            }
        }
    }

    private static void fail(Batch batch, Throwable cause) {
        var stopped = new EngineStoppedException("the log append failed, nothing of this batch is durable: " + cause.getMessage(), cause);
        for (Answer answer : batch.answers()) {
            answer.future().completeExceptionally(stopped);
        }
    }
}
