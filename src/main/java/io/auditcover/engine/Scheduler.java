package io.auditcover.engine;

import io.auditcover.claims.IncidentSettlements;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the engine does without being asked, on a timer: every tick it advances time to the clock ({@code AdvanceTime}: premium
 * earned, covers expired, held withdrawals released) and asks for the settlement of each incident that is final or rejected,
 * so parametric covers pay without anyone filing. Pools still waiting (votes or claim windows open) are asked again next tick.
 * Each step goes through the writer as an ordinary command, so it is logged, replayed and refused like any other.
 *
 * <p>With a {@link SolvencySchedule}, a tick also starts a solvency run when enough covers were sold since the last one, or
 * enough time passed: it simulates on its own thread against a view of the state (never on the writer, never blocking the
 * tick) and records its figures for the gate; one run at a time.
 */
public final class Scheduler implements AutoCloseable {
    private final Engine engine;
    private final Clock clock;
    private final Consumer<String> report;
    private final AtomicLong ticks = new AtomicLong();
    private ScheduledExecutorService timer;
    private SolvencySchedule solvency;
    private java.util.concurrent.ExecutorService solvencyRunner;
    private final java.util.concurrent.atomic.AtomicBoolean solvencyRunning = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * When to run the capital model by itself: after {@code coversSold} new covers or {@code every} since the last recorded run
     * (or, before any, as soon as there is a book), simulating {@code years} from {@code seed}.
     */
    public record SolvencySchedule(long coversSold, Duration every, int years, long seed) {
        public SolvencySchedule {
            if (coversSold < 1 || every == null || !every.isPositive() || years < 100) {
                throw new IllegalArgumentException("a solvency schedule needs at least one cover, a positive interval and 100 years");
            }
        }
    }

    /** {@code report} hears one line per settlement made and per step refused or failed. */
    public Scheduler(Engine engine, Clock clock, Consumer<String> report) {
        this.engine = engine;
        this.clock = clock;
        this.report = report;
    }

    /** Also runs the capital model on {@code schedule}; call before {@link #start}. */
    public Scheduler withSolvency(SolvencySchedule schedule) {
        this.solvency = schedule;
        this.solvencyRunner = Executors.newSingleThreadExecutor(runnable -> {
            var thread = new Thread(runnable, "auditcover-solvency");
            thread.setDaemon(true);
            return thread;
        });
        return this;
    }

    /** Runs {@link #tick()} now and then every {@code interval}, on its own daemon thread. */
    public Scheduler start(Duration interval) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "auditcover-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::tickReporting, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tickReporting() {
        if (engine.following()) {
            return; // the writer's own scheduler ticks the log; this one starts ticking once its engine takes over
        }
        try {
            tick();
        } catch (RuntimeException e) {
            report.accept("time did not advance: " + e.getMessage());
        }
    }

    /** One tick, on the caller's thread: advance time, then settle what is due. Returns the incidents settled (wholly or in part). */
    public java.util.List<String> tick() {
        long number = ticks.incrementAndGet();
        Outcome advanced = engine.submit(new Command.AdvanceTime("tick-" + clock.millis() + "-" + number)).join();
        if (advanced instanceof Outcome.Rejected rejected) {
            report.accept("time did not advance: " + rejected.rejection().message());
        }
        var settled = new java.util.ArrayList<String>();
        for (String incidentId : engine.read(state -> IncidentSettlements.awaitingSettlement(state.claimBooks(), state.time())).join()) {
            Outcome outcome = engine.submit(new Command.SettleIncident("auto-settle/" + incidentId + "/" + clock.millis() + "-" + number,
                    incidentId)).join();
            if (outcome instanceof Outcome.Accepted) {
                settled.add(incidentId);
                report.accept("settled incident " + incidentId);
            }
        }
        if (solvency != null) {
            startSolvencyRunIfDue();
        }
        return settled;
    }

    /** Whether a run is due now, and if so starts it on the solvency thread; returns it (or null) so a caller may wait. */
    public java.util.concurrent.Future<?> startSolvencyRunIfDue() {
        State view = engine.read(Quotes::quoteState).join();
        var last = view.solvency.assessment();
        boolean due = last == null ? view.covers.lastCoverId() > 0
                : view.covers.lastCoverId() - last.coverIdThrough() >= solvency.coversSold()
                        || !view.time.isBefore(last.assessedAt().plus(solvency.every()));
        if (!due || !solvencyRunning.compareAndSet(false, true)) {
            return null;
        }
        return solvencyRunner.submit(() -> {
            try {
                var result = SolvencyRuns.run(view, solvency.seed(), solvency.years(), 1);
                Outcome outcome = engine.submit(result.command()).join();
                report.accept(outcome instanceof Outcome.Rejected rejected ? "solvency run not recorded: " + rejected.rejection().message()
                        : "solvency run " + result.assessment().runId() + " recorded");
            } catch (SolvencyRuns.Refused refused) {
                report.accept("solvency run not made: " + refused.getMessage());
            } catch (RuntimeException e) {
                report.accept("solvency run failed: " + e.getMessage());
            } finally {
                solvencyRunning.set(false);
            }
        });
    }

    /** Stops the timer; a tick under way finishes. */
    @Override
    public void close() {
        if (solvencyRunner != null) {
            solvencyRunner.shutdownNow();
        }
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
