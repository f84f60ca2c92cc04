package io.auditcover.engine;

import io.auditcover.reason.Reason;
import io.auditcover.store.EventLog;
import io.auditcover.store.LogCorruptedException;
import io.auditcover.store.LogEntry;
import io.auditcover.store.LogHead;
import io.auditcover.store.Succession;
import io.auditcover.store.Verification;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
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

    /** A follower's cue: the log may have grown (a NOTIFY came, or a poll interval passed). */
    private record CatchUp() implements Task {
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
    /** How long a follower waits for a NOTIFY before it reads the log anyway: the lag when a notice is lost. */
    static final java.time.Duration FOLLOW_POLL = java.time.Duration.ofMillis(200);
    /** The log appended to; a follower's log is the one it tails until it takes over (writer thread, and close after it). */
    private volatile EventLog log;
    private final Clock clock;
    private final Settings settings;
    private final SignatureRecovery signatures;
    private final State state;
    private final Map<String, CommandEntry> commands;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final Recovery recovery;
    private final EngineMetrics metrics = new EngineMetrics();
    /** Null while following: nothing is appended until this engine takes over. */
    private Committer committer;
    /** How a follower learns who writes and takes over; null for an engine started as the writer. */
    private final Succession succession;
    /** A follower's applied position (writer thread only); null for an engine started as the writer. */
    private final LogTail tail;
    /** True while this engine follows another's log: commands are refused as not the leader's to decide. */
    private volatile boolean following;
    /** The follower's thread that waits for appends and queues a {@link CatchUp}; null for a writer. */
    private final Thread appendWatcher;
    private final java.util.concurrent.atomic.AtomicBoolean catchUpQueued = new java.util.concurrent.atomic.AtomicBoolean();
    /** The last sequence given to a decided event; the committer makes it durable shortly after. */
    private long decidedSequence;
    private long lastSnapshotSequence;
    /** Events decided but perhaps not yet durable, from {@code undurableFirstSequence} on: a retry of their command is answered from here. */
    private final List<Event> undurableEvents = new ArrayList<>();
    private long undurableFirstSequence;
    private volatile Throwable failure;
    private volatile boolean stopped;
    private volatile BatchListener listener;
    /** Set when a follower takes over, so its watcher thread ends before the tailed log closes. */
    private volatile boolean appendWatcherStop;

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
            Map<String, CommandEntry> commands, Recovery recovery, Succession succession, LogHead followedHead) {
        this.log = log;
        this.succession = succession;
        this.following = succession != null;
        this.tail = succession == null ? null : new LogTail(state, commands, followedHead);
        this.appendWatcher = succession == null ? null : Thread.ofPlatform().name("auditcover-follower-watch").daemon(true)
                .unstarted(this::watchAppends);
        this.clock = clock;
        this.settings = settings;
        this.signatures = signatures;
        this.state = state;
        this.commands = commands;
        this.recovery = recovery;
        this.decidedSequence = recovery.headSequence();
        this.undurableFirstSequence = recovery.headSequence() + 1;
        this.lastSnapshotSequence = recovery.snapshotSequence();
        this.committer = succession != null ? null : new Committer(log, recovery.headSequence(), metrics, this::committerFailed);
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
        Restored restored = restore(log);
        var recovery = new Recovery(restored.snapshotSequence(), restored.replayed(), verification.head().sequence());
        var engine = new Engine(log, clock, settings, signatures, restored.state(), restored.commands(), recovery, null, null);
        engine.committer.start();
        engine.writer.start();
        return engine;
    }

    /**
     * Starts a follower of a shared log: verifies the chain, restores the latest snapshot and replays to the head as
     * {@link #start} does, then tails the log (each append's NOTIFY, and a read every {@link #FOLLOW_POLL} besides), applying
     * what another instance's writer appends and showing it to the read model. Reads are answered; commands are refused with
     * {@link NotLeaderException}. When {@code succession} takes over the lease (it contends), the engine first applies every
     * record up to the new writer's head, then decides and appends as {@link #start}'s engine does.
     */
    public static Engine follow(Succession succession, Clock clock, Settings settings, SignatureRecovery signatures) {
        EventLog log = succession.log();
        Verification verification = log.verify();
        if (!verification.ok()) {
            var failure = verification.failure().orElseThrow();
            throw new LogCorruptedException(failure.sequence(), failure.reason());
        }
        Restored restored = restore(log);
        var recovery = new Recovery(restored.snapshotSequence(), restored.replayed(), restored.head().sequence());
        var engine = new Engine(log, clock, settings, signatures, restored.state(), restored.commands(), recovery, succession,
                restored.head());
        engine.writer.start();
        engine.appendWatcher.start();
        return engine;
    }

    /** The state the log folds to, from its latest usable snapshot on, and the last record it includes. */
    private record Restored(State state, Map<String, CommandEntry> commands, long snapshotSequence, long replayed, LogHead head) {
    }

    private static Restored restore(EventLog log) {
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
        LogHead[] last = {snapshot.isPresent() && snapshotSequence > 0
                ? new LogHead(snapshotSequence, snapshot.get().logHash()) : LogHead.empty()};
        State folded = state;
        long replayed = Replayer.replay(log, snapshotSequence, (record, event) -> {
            Applier.apply(folded, event);
            commands.put(record.commandId(), CommandEntry.of(record.commandDigest(), record.sequence()));
            last[0] = new LogHead(record.sequence(), record.hash());
        });
        return new Restored(state, commands, snapshotSequence, replayed, last[0]);
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
        if (following) {
            answer.completeExceptionally(new NotLeaderException(succession.writer()));
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
            listener.started(state, committer == null ? tail.head() : log.head());
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

    /**
     * Why this engine can write no more, once it knows: its writer failed, or the shared log's writer lease was lost (found by
     * the renewal even while no command arrives). Empty while it writes or follows. Fail-stop: only a restart, which replays
     * the log, makes it write again.
     */
    public Optional<String> stoppedWriting() {
        Throwable failed = failure;
        if (failed != null) {
            return Optional.of(String.valueOf(failed.getMessage()));
        }
        return following ? Optional.empty() : log.writerLost();
    }

    /** True while this engine follows another instance's writer (it answers reads and refuses commands). */
    public boolean following() {
        return following;
    }

    /** What a command sent to this follower is refused with: who writes now. */
    public NotLeaderException notLeader() {
        return new NotLeaderException(succession.writer());
    }

    /** Drains what is queued, stops the writer and closes the log. */
    @Override
    public void close() {
        if (!stopped) {
            queue.add(new Stop());
        }
        try {
            writer.join();
            if (appendWatcher != null) {
                appendWatcher.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }

    private void run() {
        var batch = new ArrayList<Task>(settings.batchMax());
        try {
            if (following && !followUntilWriter(batch)) {
                return;
            }
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
            if (committer != null) {
                committer.finish();
            }
            var left = new ArrayList<Task>();
            queue.drainTo(left);
            failAll(left, new EngineStoppedException("the engine has stopped", failure));
        }
    }

    /**
     * A follower's loop on the writer thread: applies what the log's writer appended, answers reads between catch-ups (so
     * they see whole batches), refuses commands, and after each catch-up asks to take over. True once this engine is the
     * writer, false once it is stopped.
     */
    private boolean followUntilWriter(List<Task> tasks) throws InterruptedException {
        while (true) {
            tasks.clear();
            tasks.add(queue.take());
            queue.drainTo(tasks);
            catchUpQueued.set(false);
            tail.catchUp(log, listener);
            boolean keepGoing = true;
            for (Task task : tasks) {
                switch (task) {
                    case Submission submission -> submission.answer().completeExceptionally(new NotLeaderException(succession.writer()));
                    case Read<?> read -> read.run(state);
                    case Stop stop -> keepGoing = false;
                    case CatchUp cue -> {
                    }
                }
            }
            tasks.clear();
            if (!keepGoing) {
                return false;
            }
            var taken = succession.takeOver();
            if (taken.isPresent()) {
                becomeWriter(taken.get());
                return true;
            }
        }
    }

    /**
     * The lease is this engine's: apply what the old writer appended since the last catch-up (the takeover waited for its
     * last append, so the new writer's head includes it), check the state reached that head, and start committing.
     */
    private void becomeWriter(EventLog writing) throws InterruptedException {
        try {
            appendWatcherStop = true;
            appendWatcher.join();
            tail.catchUp(writing, listener);
            if (writing.head().sequence() == 0) {
                appendGenesis(writing, clock);
                tail.catchUp(writing, listener);
            }
            LogHead head = writing.head();
            if (head.sequence() != tail.head().sequence() || !java.util.Arrays.equals(head.hash(), tail.head().hash())) {
                throw new IllegalStateException("taking over, the state reached record " + tail.head().sequence()
                        + " but the log's head is record " + head.sequence());
            }
        } catch (RuntimeException | InterruptedException e) {
            writing.close(); // releases the lease again, so another follower can take over
            throw e;
        }
        log.close();
        log = writing;
        decidedSequence = tail.head().sequence();
        undurableFirstSequence = decidedSequence + 1;
        committer = new Committer(log, decidedSequence, metrics, this::committerFailed);
        committer.start();
        following = false;
        LOGGER.log(System.Logger.Level.INFO, "took over the log's writer lease at record " + decidedSequence + "; deciding commands");
    }

    /** A follower's watcher thread: waits for an append's notice (or the poll interval) and cues the writer thread to catch up. */
    private void watchAppends() {
        EventLog followed = log;
        while (!stopped && !appendWatcherStop) {
            try {
                followed.awaitAppend(FOLLOW_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOGGER.log(System.Logger.Level.WARNING, "waiting for the log to grow failed; polling on: " + e.getMessage());
            }
            if (catchUpQueued.compareAndSet(false, true)) {
                queue.add(new CatchUp());
            }
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
                case CatchUp cue -> {
                    // a follower's cue, queued before it took over: this engine writes the log now
                }
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
                case CatchUp cue -> {
                }
            }
        }
    }
}
