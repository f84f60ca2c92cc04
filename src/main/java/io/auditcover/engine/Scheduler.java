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
 */
public final class Scheduler implements AutoCloseable {
    private final Engine engine;
    private final Clock clock;
    private final Consumer<String> report;
    private final AtomicLong ticks = new AtomicLong();
    private ScheduledExecutorService timer;

    /** {@code report} hears one line per settlement made and per step refused or failed. */
    public Scheduler(Engine engine, Clock clock, Consumer<String> report) {
        this.engine = engine;
        this.clock = clock;
        this.report = report;
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
        return settled;
    }

    /** Stops the timer; a tick under way finishes. */
    @Override
    public void close() {
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
