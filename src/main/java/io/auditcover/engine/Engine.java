package io.auditcover.engine;

import io.auditcover.reason.Reason;
import io.auditcover.store.EventLog;
import io.auditcover.store.LogCorruptedException;
import io.auditcover.store.LogEntry;
import io.auditcover.store.LogHead;
import io.auditcover.store.Verification;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The single writer. One thread takes batches of commands from a queue; each is decided and applied in
 * order (so it sees those before it); the batch's events go to the {@link Committer}, which appends them
 * in one durable transaction and only then answers the callers, while the writer already decides the
 * next batch. If an append fails, nothing of that batch or later ones is answered and the engine stops
 * (fail-stop): the in-memory state may be ahead of the log, and only a restart, which replays the log,
 * is trusted. Reads run on the writer thread once everything decided is durable.
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

    /** A command, its content digest (computed by the caller's thread, off the writer) and where to answer. */
    private record Submission(Command command, String digest, CompletableFuture<Outcome> answer) implements Task {
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
    record CommandEntry(byte[] digest, long sequence) {
        /** Kept as the digest's 32 bytes, not its 64 hex characters: one is held for every command ever accepted. */
        static CommandEntry of(String digestHex, long sequence) {
            return new CommandEntry(digestHex == null ? null : HexFormat.of().parseHex(digestHex), sequence);
        }

        String digestHex() {
            return digest == null ? null : HexFormat.of().formatHex(digest);
        }

        boolean sameDigest(String digestHex) {
            return digest != null && digestHex != null && java.util.Arrays.equals(digest, HexFormat.of().parseHex(digestHex));
        }
    }

    private static final System.Logger LOGGER = System.getLogger(Engine.class.getName());
    private final EventLog log;
    private final Clock clock;
    private final Settings settings;
    private final SignatureRecovery signatures;
    private final State state;
    private final Map<String, CommandEntry> commands;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Recovery recovery;
    private final EngineMetrics metrics = new EngineMetrics();
    private final Committer committer;
    /** The last sequence given to a decided event; the committer makes it durable shortly after. */
    private long decidedSequence;
    private long lastSnapshotSequence;
    /** Events decided but perhaps not yet durable, from {@code undurableFirstSequence} on: a retry of their command is answered from here. */
    private final List<Event> undurableEvents = new ArrayList<>();
    private long undurableFirstSequence;
    private volatile Throwable failure;
    private volatile boolean stopped;
    private volatile BatchListener listener;

    /**
     * Publishes read views from the writer thread. {@code started} sees the whole durable state once;
     * then, for each batch that changed something, {@code decided} sees the state right after the batch
     * was decided (it changes again as soon as this returns, so copy what you need) and returns what the
     * committer runs, with the log's new head, once the batch is durable and before its callers are
     * answered. Must be quick, must not change the state, and must not keep a reference to it.
     */
    public interface BatchListener {
        void started(State state, LogHead head);

        Consumer<LogHead> decided(State state, List<Event> events);
    }

    private Engine(EventLog log, Clock clock, Settings settings, SignatureRecovery signatures, State state,
            Map<String, CommandEntry> commands, Recovery recovery) {
        this.log = log;
        this.clock = clock;
        this.settings = settings;
        this.signatures = signatures;
        this.state = state;
        this.commands = commands;
        this.recovery = recovery;
        this.decidedSequence = recovery.headSequence();
        this.undurableFirstSequence = recovery.headSequence() + 1;
        this.lastSnapshotSequence = recovery.snapshotSequence();
        this.committer = new Committer(log, recovery.headSequence(), metrics, this::committerFailed);
        this.writer = new Thread(this::run, "auditcover-writer");
    }

    /** An engine that recovers no signature: every attestation, dispute and consent is refused (for what needs none). */
    public static Engine start(EventLog log, Clock clock, Settings settings) {
        return start(log, clock, settings, SignatureRecovery.NONE);
    }

    /**
     * Verifies the log's chain, restores the latest snapshot, replays what follows it, and starts the writer, which checks
     * signatures through {@code signatures} (the chain adapter's port).
     */
    public static Engine start(EventLog log, Clock clock, Settings settings, SignatureRecovery signatures) {
        Verification verification = log.verify();
        if (!verification.ok()) {
            var failure = verification.failure().orElseThrow();
            throw new LogCorruptedException(failure.sequence(), failure.reason());
        }
        if (verification.head().sequence() == 0) {
            verification = appendGenesis(log, clock);
        }
        State state = new State();
        var commands = new HashMap<String, CommandEntry>();
        long snapshotSequence = 0;
        var snapshot = log.latestSnapshot();
        if (snapshot.isPresent()) {
            try {
                var restored = LogFormat.decodeSnapshot(snapshot.get().state());
                State candidate = restored.state().restore();
                if (!StateSnapshot.hash(candidate).equals(snapshot.get().stateHash())) {
                    throw new IllegalStateException("it does not match its state hash");
                }
                state = candidate;
                restored.commands().forEach(entry -> commands.put(entry.commandId(), CommandEntry.of(entry.digest(), entry.sequence())));
                snapshotSequence = snapshot.get().sequence();
            } catch (RuntimeException e) {
                // A snapshot of an earlier build's state (or a damaged one) is only a shortcut: the verified log is the truth.
                LOGGER.log(System.Logger.Level.WARNING, "snapshot at " + snapshot.get().sequence() + " is unusable (" + e.getMessage()
                        + "); replaying the whole log");
                state = new State();
                commands.clear();
            }
        }
        long replayed = replay(log, snapshotSequence, state, commands);
        var recovery = new Recovery(snapshotSequence, replayed, verification.head().sequence());
        var engine = new Engine(log, clock, settings, signatures, state, commands, recovery);
        engine.committer.start();
        engine.writer.start();
        return engine;
    }

    /** The command id of a log's first event. */
    public static final String GENESIS_COMMAND_ID = "genesis/pricing";

    /**
     * A new log's first event sets the pricing parameters this build ships, so the log carries the parameters it ran on and
     * a later build, shipping others, replays it to the same state. (A log begun before this has no such event and starts
     * from the bundled parameters, as it did.)
     */
    private static Verification appendGenesis(EventLog log, Clock clock) {
        var parameters = PricingFile.bundled();
        Event genesis = new Event.PricingParametersSet(parameters);
        String digest = Codec.digest(new Command.SetPricingParameters(GENESIS_COMMAND_ID, parameters));
        log.append(List.of(new LogEntry(GENESIS_COMMAND_ID, digest, clock.instant(), Codec.type(genesis), LogFormat.encodeEvent(genesis))));
        return log.verify();
    }

    /** Folds the log's events after {@code afterSequence} into {@code state}; returns how many. */
    static long replay(EventLog log, long afterSequence, State state, Map<String, CommandEntry> commands) {
        return Replayer.replay(log, afterSequence, (record, event) -> {
            Applier.apply(state, event);
            if (commands != null) {
                commands.put(record.commandId(), CommandEntry.of(record.commandDigest(), record.sequence()));
            }
        });
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
        String digest = command == null || command.commandId() == null ? null : Codec.digest(command);
        queue.add(new Submission(command, digest, answer));
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
            LOGGER.log(System.Logger.Level.ERROR, "the writer stopped; the log holds everything answered, and a restart recovers", e);
            failure = failure != null ? failure : e;
            failAll(batch, new EngineStoppedException("the writer stopped: " + e.getMessage(), e));
        } finally {
            stopped = true;
            committer.finish();
            var left = new ArrayList<Task>();
            queue.drainTo(left);
            failAll(left, new EngineStoppedException("the engine has stopped", failure));
        }
    }

    /** The committer's append failed: stop taking commands and wake the writer so it ends. */
    private void committerFailed(Throwable cause) {
        failure = cause;
        stopped = true;
        queue.add(new Stop());
    }

    /**
     * One batch: decide and apply each command in order, then hand the events and answers to the
     * committer, which makes them durable and answers while the next batch is decided. Reads, snapshots
     * and stopping first wait until everything decided is durable. False once stopped.
     */
    private boolean process(List<Task> batch) {
        long started = System.nanoTime();
        // Never behind engine time, even if the clock steps back: windows measured from earlier stamps must not reopen.
        Instant now = max(clock.instant(), state.time);
        forgetDurableEvents();
        var decided = new ArrayList<Committer.Decided>();
        var answers = new ArrayList<Committer.Answer>();
        var reads = new ArrayList<Read<?>>();
        boolean keepGoing = true;
        for (Task task : batch) {
            switch (task) {
                case Submission submission -> answers.add(new Committer.Answer(submission.answer(), handle(submission, now, decided)));
                case Read<?> read -> reads.add(read);
                case Stop stop -> keepGoing = false;
            }
        }
        metrics.batchDecided(answers.size(), decided.size(), System.nanoTime() - started);
        if (!answers.isEmpty()) {
            BatchListener current = listener;
            Consumer<LogHead> publish = current == null || decided.isEmpty() ? null
                    : current.decided(state, decided.stream().map(Committer.Decided::event).toList());
            committer.hand(new Committer.Batch(decided, answers, decidedSequence, publish));
        }
        boolean snapshotDue = decidedSequence - lastSnapshotSequence >= settings.snapshotEveryEvents();
        if (snapshotDue) {
            committer.hand(new Committer.SnapshotJob(decidedSequence, StateSnapshot.of(state), new HashMap<>(commands)));
            lastSnapshotSequence = decidedSequence;
        }
        if (!reads.isEmpty() || !keepGoing) {
            committer.awaitIdle();
            reads.forEach(read -> read.run(state));
        }
        return keepGoing;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Drops the events the committer has made durable from those kept for retries of undurable commands. */
    private void forgetDurableEvents() {
        long durable = committer.durableSequence();
        int count = (int) Math.min(undurableEvents.size(), Math.max(0, durable - undurableFirstSequence + 1));
        undurableEvents.subList(0, count).clear();
        undurableFirstSequence += count;
    }

    /** Decides and applies one command; returns the outcome to give once its batch is durable. */
    private Outcome handle(Submission submission, Instant now, List<Committer.Decided> decided) {
        Command command = submission.command();
        String commandId = command == null ? null : command.commandId();
        if (commandId == null || commandId.isEmpty() || commandId.length() > Command.COMMAND_ID_LENGTH_MAX) {
            return new Outcome.Rejected(Rejection.of(Reason.INVALID_COMMAND,
                    "a command needs an id of 1-" + Command.COMMAND_ID_LENGTH_MAX + " characters"));
        }
        String digest = submission.digest();
        CommandEntry earlier = commands.get(commandId);
        if (earlier != null) {
            if (!earlier.sameDigest(digest)) {
                return new Outcome.Rejected(Rejection.of(Reason.IDEMPOTENCY_KEY_REUSED,
                        "command id " + commandId + " was used for a different command"));
            }
            return new Outcome.Accepted(earlier.sequence(), eventAt(earlier.sequence()), true);
        }
        Decision decision;
        try {
            decision = Decider.decide(state, command, now, signatures);
        } catch (RuntimeException e) {
            // Expected refusals are values; an exception is a bug. Stop (the log is intact, a restart recovers) rather than
            // answer it as the caller's error or carry on with state a half-made decision may have read wrongly.
            throw new IllegalStateException("the decider failed on " + command, e);
        }
        if (decision instanceof Rejection rejection) {
            metrics.rejected(rejection.code());
            return new Outcome.Rejected(rejection);
        }
        Event event = (Event) decision;
        Applier.apply(state, event);
        if (settings.checkInvariantsEachCommand()) {
            var problems = Invariants.violations(state);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("invariants broken after " + command + ": " + problems);
            }
        }
        long sequence = ++decidedSequence;
        decided.add(new Committer.Decided(commandId, digest, now, event));
        undurableEvents.add(event);
        commands.put(commandId, CommandEntry.of(digest, sequence));
        return new Outcome.Accepted(sequence, event, false);
    }

    /** The event at a sequence: from memory while it is not yet durable, else from the log once the committer is idle. */
    private Event eventAt(long sequence) {
        if (sequence >= undurableFirstSequence) {
            return undurableEvents.get((int) (sequence - undurableFirstSequence));
        }
        committer.awaitIdle();
        return log.read(sequence).map(r -> LogFormat.decodeEvent(r.type(), r.payload())).orElseThrow();
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
