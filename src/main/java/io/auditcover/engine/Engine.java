package io.auditcover.engine;

import io.auditcover.store.EventLog;
import io.auditcover.store.LogCorruptedException;
import io.auditcover.store.LogEntry;
import io.auditcover.store.LogHead;
import io.auditcover.store.Snapshot;
import io.auditcover.store.Verification;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The single writer. One thread takes batches of commands from a queue; each is decided and applied in
 * order (so it sees those before it); the batch's events are appended to the log in one durable
 * transaction; only then are callers answered. If the append fails the writer stops without answering
 * (fail-stop): the in-memory state may be ahead of the log, and only a restart, which replays the log,
 * is trusted.
 */
public final class Engine implements AutoCloseable {

    /** Tuning: how many commands one commit may hold, how often to snapshot, whether to check all invariants after each command (tests). */
    public record Settings(int batchMax, long snapshotEveryEvents, boolean checkInvariantsEachCommand) {
        public static final Settings DEFAULT = new Settings(4096, 100_000, false);

        public Settings {
            if (batchMax < 1 || snapshotEveryEvents < 1) {
                throw new IllegalArgumentException("batch size and snapshot interval must be positive");
            }
        }
    }

    /** What start-up did: where state came from and how much was replayed. */
    public record Recovery(long snapshotSequence, long replayedEvents, long headSequence) {
    }

    private sealed interface Task {
    }

    private record Submission(Command command, CompletableFuture<Outcome> answer) implements Task {
    }

    private record Read<T>(Function<State, T> query, CompletableFuture<T> answer) implements Task {
        void run(State state) {
            try {
                answer.complete(query.apply(state));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }
    }

    private record Stop() implements Task {
    }

    /** An accepted command: its content digest and where its event is in the log. */
    private record CommandEntry(String digest, long sequence) {
    }

    private final EventLog log;
    private final Clock clock;
    private final Settings settings;
    private final State state;
    private final Map<String, CommandEntry> commands;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Recovery recovery;
    private final EngineMetrics metrics = new EngineMetrics();
    private long headSequence;
    private long lastSnapshotSequence;
    private volatile Throwable failure;
    private volatile boolean stopped;
    private volatile BatchListener listener;

    /**
     * Sees the state on the writer thread: once when it starts listening, then after each durable batch
     * that changed something, before that batch's callers are answered. This is where read views are
     * published; it must be quick, must not change the state and must not keep a reference to it.
     */
    public interface BatchListener {
        void started(State state, LogHead head);

        void committed(State state, List<Event> events, LogHead head);
    }

    private Engine(EventLog log, Clock clock, Settings settings, State state, Map<String, CommandEntry> commands, Recovery recovery) {
        this.log = log;
        this.clock = clock;
        this.settings = settings;
        this.state = state;
        this.commands = commands;
        this.recovery = recovery;
        this.headSequence = recovery.headSequence();
        this.lastSnapshotSequence = recovery.snapshotSequence();
        this.writer = new Thread(this::run, "auditcover-writer");
    }

    /** Verifies the log's chain, restores the latest snapshot, replays what follows it, and starts the writer. */
    public static Engine start(EventLog log, Clock clock, Settings settings) {
        Verification verification = log.verify();
        if (!verification.ok()) {
            var failure = verification.failure().orElseThrow();
            throw new LogCorruptedException(failure.sequence(), failure.reason());
        }
        State state = new State();
        var commands = new HashMap<String, CommandEntry>();
        long snapshotSequence = 0;
        var snapshot = log.latestSnapshot();
        if (snapshot.isPresent()) {
            var restored = Codec.decode(snapshot.get().state(), SnapshotContent.class);
            state = restored.state().restore();
            if (!StateSnapshot.hash(state).equals(snapshot.get().stateHash())) {
                throw new IllegalStateException("snapshot at " + snapshot.get().sequence() + " does not match its state hash");
            }
            restored.commands().forEach(entry -> commands.put(entry.commandId(), new CommandEntry(entry.digest(), entry.sequence())));
            snapshotSequence = snapshot.get().sequence();
        }
        long replayed = replay(log, snapshotSequence, state, commands);
        var recovery = new Recovery(snapshotSequence, replayed, verification.head().sequence());
        var engine = new Engine(log, clock, settings, state, commands, recovery);
        engine.writer.start();
        return engine;
    }

    /** Folds the log's events after {@code afterSequence} into {@code state}; returns how many. */
    static long replay(EventLog log, long afterSequence, State state, Map<String, CommandEntry> commands) {
        long[] count = {0};
        log.replay(afterSequence, record -> {
            Applier.apply(state, Codec.decodeEvent(record.type(), record.payload()));
            if (commands != null) {
                commands.put(record.commandId(), new CommandEntry(record.commandDigest(), record.sequence()));
            }
            count[0]++;
        });
        return count[0];
    }

    /** Rebuilds state from the whole log, ignoring snapshots: what {@code replay} and tests compare against. */
    public static State rebuild(EventLog log) {
        State state = new State();
        replay(log, 0, state, null);
        return state;
    }

    public CompletableFuture<Outcome> submit(Command command) {
        var answer = new CompletableFuture<Outcome>();
        if (stopped) {
            answer.completeExceptionally(new EngineStoppedException("the engine has stopped", failure));
            return answer;
        }
        queue.add(new Submission(command, answer));
        return answer;
    }

    /** Runs a query on the writer thread between batches, so it sees only durable, consistent state. */
    public <T> CompletableFuture<T> read(Function<State, T> query) {
        var answer = new CompletableFuture<T>();
        if (stopped) {
            answer.completeExceptionally(new EngineStoppedException("the engine has stopped", failure));
            return answer;
        }
        queue.add(new Read<>(query, answer));
        return answer;
    }

    /** Starts calling {@code listener} (one at a time); completes once it has seen the whole state. */
    public CompletableFuture<Void> listen(BatchListener listener) {
        this.listener = listener;
        return read(state -> {
            listener.started(state, log.head());
            return null;
        });
    }

    public String stateHash() {
        return read(StateSnapshot::hash).join();
    }

    public static String stateHash(State state) {
        return StateSnapshot.hash(state);
    }

    public Recovery recovery() {
        return recovery;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    public int queueDepth() {
        return queue.size();
    }

    public boolean failed() {
        return failure != null;
    }

    /** Drains what is queued, stops the writer and closes the log. */
    @Override
    public void close() {
        if (!stopped) {
            queue.add(new Stop());
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }

    private void run() {
        var batch = new ArrayList<Task>(settings.batchMax());
        try {
            while (true) {
                batch.clear();
                batch.add(queue.take());
                queue.drainTo(batch, settings.batchMax() - 1);
                if (!process(batch)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failAll(batch, new EngineStoppedException("the writer was interrupted", e));
        } catch (RuntimeException | Error e) {
            failure = e;
            failAll(batch, new EngineStoppedException("the writer stopped: " + e.getMessage(), e));
        } finally {
            stopped = true;
            var left = new ArrayList<Task>();
            queue.drainTo(left);
            failAll(left, new EngineStoppedException("the engine has stopped", failure));
        }
    }

    /** One batch: decide and apply each command, append once, answer, then run the reads. False once stopped. */
    private boolean process(List<Task> batch) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        var entries = new ArrayList<LogEntry>();
        var events = new ArrayList<Event>();
        var answers = new ArrayList<Runnable>();
        var reads = new ArrayList<Read<?>>();
        boolean keepGoing = true;
        for (Task task : batch) {
            switch (task) {
                case Submission submission -> answers.add(handle(submission, now, entries, events));
                case Read<?> read -> reads.add(read);
                case Stop stop -> keepGoing = false;
            }
        }
        if (!entries.isEmpty()) {
            LogHead head = log.append(entries);
            if (head.sequence() != headSequence + entries.size()) {
                throw new IllegalStateException("log head " + head.sequence() + " after appending " + entries.size()
                        + " events from " + headSequence);
            }
            headSequence = head.sequence();
            BatchListener current = listener;
            if (current != null) {
                current.committed(state, events, head);
            }
        }
        metrics.batchCommitted(batch.size() - reads.size(), entries.size(), System.nanoTime() - started);
        answers.forEach(Runnable::run);
        reads.forEach(read -> read.run(state));
        if (headSequence - lastSnapshotSequence >= settings.snapshotEveryEvents()) {
            snapshot();
        }
        return keepGoing;
    }

    /** Decides and applies one command; returns how to answer it once the batch is durable. */
    private Runnable handle(Submission submission, Instant now, List<LogEntry> entries, List<Event> events) {
        Command command = submission.command();
        CompletableFuture<Outcome> answer = submission.answer();
        String commandId = command == null ? null : command.commandId();
        if (commandId == null || commandId.isEmpty() || commandId.length() > Command.COMMAND_ID_LENGTH_MAX) {
            return rejected(answer, Rejection.of(Rejection.Code.INVALID_COMMAND,
                    "a command needs an id of 1-" + Command.COMMAND_ID_LENGTH_MAX + " characters"));
        }
        String digest = Codec.digest(command);
        CommandEntry earlier = commands.get(commandId);
        if (earlier != null) {
            if (!earlier.digest().equals(digest)) {
                return rejected(answer, Rejection.of(Rejection.Code.IDEMPOTENCY_KEY_REUSED,
                        "command id " + commandId + " was used for a different command"));
            }
            Event event = earlier.sequence() > headSequence
                    ? events.get((int) (earlier.sequence() - headSequence - 1))
                    : log.read(earlier.sequence()).map(r -> Codec.decodeEvent(r.type(), r.payload())).orElseThrow();
            var outcome = new Outcome.Accepted(earlier.sequence(), event, true);
            return () -> answer.complete(outcome);
        }
        Decision decision;
        try {
            decision = Decider.decide(state, command, now);
        } catch (IllegalArgumentException | NullPointerException e) {
            decision = Rejection.of(Rejection.Code.INVALID_COMMAND, "the command is malformed: " + e.getMessage());
        }
        if (decision instanceof Rejection rejection) {
            metrics.rejected(rejection.code());
            return rejected(answer, rejection);
        }
        Event event = (Event) decision;
        Applier.apply(state, event);
        if (settings.checkInvariantsEachCommand()) {
            var problems = Invariants.violations(state);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("invariants broken after " + command + ": " + problems);
            }
        }
        long sequence = headSequence + entries.size() + 1;
        entries.add(new LogEntry(commandId, digest, now, Codec.type(event), Codec.encode(event)));
        events.add(event);
        commands.put(commandId, new CommandEntry(digest, sequence));
        var outcome = new Outcome.Accepted(sequence, event, false);
        return () -> answer.complete(outcome);
    }

    private static Runnable rejected(CompletableFuture<Outcome> answer, Rejection rejection) {
        var outcome = new Outcome.Rejected(rejection);
        return () -> answer.complete(outcome);
    }

    private void snapshot() {
        var content = new SnapshotContent(StateSnapshot.of(state), commands.entrySet().stream()
                .map(e -> new SnapshotContent.CommandRecord(e.getKey(), e.getValue().digest(), e.getValue().sequence()))
                .sorted(java.util.Comparator.comparingLong(SnapshotContent.CommandRecord::sequence))
                .toList());
        log.saveSnapshot(new Snapshot(headSequence, log.head().hash(), StateSnapshot.hash(state), Codec.encode(content)));
        lastSnapshotSequence = headSequence;
    }

    private static void failAll(List<Task> tasks, EngineStoppedException cause) {
        for (Task task : tasks) {
            switch (task) {
                case Submission submission -> submission.answer().completeExceptionally(cause);
                case Read<?> read -> read.answer().completeExceptionally(cause);
                case Stop stop -> {
                }
            }
        }
    }
}
