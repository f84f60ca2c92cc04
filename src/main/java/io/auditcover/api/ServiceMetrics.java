package io.auditcover.api;

import io.auditcover.reason.Reason;
import io.auditcover.engine.Engine;
import io.auditcover.engine.EngineMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus view of the service: the engine's own counters (commands, events, batches and their
 * commit time, queue depth, rejections by code), batch sizes, and HTTP latency per route and status.
 */
final class ServiceMetrics {
    /** HTTP latency histogram buckets: fixed, so recording is a few atomic increments and percentiles come from the scrape. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofSeconds(1)};
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchSizes;
    private final ConcurrentHashMap<String, Timer> httpTimers = new ConcurrentHashMap<>();
    private final MultiGauge solvencyRatio;
    private final MultiGauge capitalOverRequired;
    private final MultiGauge scr;
    private final MultiGauge requiredCapital;
    private final MultiGauge claimsAssessed;

    ServiceMetrics(Engine engine) {
        EngineMetrics metrics = engine.metrics();
        FunctionCounter.builder("auditcover_commands", metrics, EngineMetrics::commands)
                .description("Commands the writer decided").register(registry);
        FunctionCounter.builder("auditcover_events", metrics, EngineMetrics::events)
                .description("Events appended to the log").register(registry);
        FunctionTimer.builder("auditcover_log_commit", metrics, EngineMetrics::batches, EngineMetrics::batchNanos, TimeUnit.NANOSECONDS)
                .description("Batches processed and the time spent deciding and durably committing them").register(registry);
        Gauge.builder("auditcover_queue_depth", engine, Engine::queueDepth).description("Tasks waiting for the writer")
                .register(registry);
        for (Reason code : Reason.refusals()) {
            FunctionCounter.builder("auditcover_rejections", metrics, m -> m.rejectionsByCode().get(code))
                    .tag("code", code.wire()).description("Commands rejected, by code").register(registry);
        }
        solvencyRatio = MultiGauge.builder("auditcover_pool_solvency_ratio")
                .description("Each pool's capital over the SCR (VaR 99.5 %) of the last solvency run; +Inf when the SCR is 0").register(registry);
        capitalOverRequired = MultiGauge.builder("auditcover_pool_capital_over_required")
                .description("Each pool's capital now over the capital its solvency gate requires now").register(registry);
        scr = MultiGauge.builder("auditcover_pool_scr").description("Each pool's SCR by the last solvency run, in units of its asset")
                .register(registry);
        requiredCapital = MultiGauge.builder("auditcover_pool_required_capital")
                .description("The capital each pool's solvency gate requires now, in units of its asset").register(registry);
        claimsAssessed = MultiGauge.builder("auditcover_claims_assessed")
                .description("Claims before or decided by assessors, by the outcome of their vote as it stands: accept, deny or draw").register(registry);
        batchSizes = DistributionSummary.builder("auditcover_batch_events").description("Events per durable batch")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void batch(int events) {
        batchSizes.record(events);
    }

    void http(String method, String path, int status, long nanos) {
        String key = method + " " + path + " " + status;
        httpTimers.computeIfAbsent(key, k -> Timer.builder("auditcover_http_requests").tag("method", method).tag("route", path)
                .tag("status", Integer.toString(status)).serviceLevelObjectives(LATENCY_BUCKETS).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The registry's text, with each pool's solvency gauges set from {@code view} (pools come and go, so rows are replaced). */
    String scrape(ReadView view) {
        if (view != null) {
            var solvency = view.quoteState().solvencyBook();
            var assessment = solvency.assessment();
            var ratios = new java.util.ArrayList<MultiGauge.Row<?>>();
            var overRequired = new java.util.ArrayList<MultiGauge.Row<?>>();
            var scrs = new java.util.ArrayList<MultiGauge.Row<?>>();
            var required = new java.util.ArrayList<MultiGauge.Row<?>>();
            for (var pool : view.pools().values()) {
                var tags = Tags.of("pool", pool.id(), "asset", pool.asset().code());
                double scale = Math.pow(10, pool.asset().scale());
                long requiredNow = solvency.requiredCapitalUnits(pool.id());
                overRequired.add(MultiGauge.Row.of(tags, ratio(pool.capital().units(), requiredNow)));
                required.add(MultiGauge.Row.of(tags, requiredNow / scale));
                var figures = assessment == null ? null : assessment.pools().get(pool.id());
                if (figures != null) {
                    ratios.add(MultiGauge.Row.of(tags.and("run", assessment.runId()), ratio(figures.capitalUnits(), figures.scrUnits())));
                    scrs.add(MultiGauge.Row.of(tags.and("run", assessment.runId()), figures.scrUnits() / scale));
                }
            }
            solvencyRatio.register(ratios, true);
            capitalOverRequired.register(overRequired, true);
            scr.register(scrs, true);
            requiredCapital.register(required, true);
            claimsAssessed.register(assessedByOutcome(view), true);
        }
        return registry.scrape();
    }

    /** One row per outcome, every outcome named (a draw is its own row, never folded into accept or deny). */
    private static java.util.List<MultiGauge.Row<?>> assessedByOutcome(ReadView view) {
        var counts = new java.util.EnumMap<io.auditcover.claims.Assessment.Outcome, Long>(io.auditcover.claims.Assessment.Outcome.class);
        for (var outcome : io.auditcover.claims.Assessment.Outcome.values()) {
            counts.put(outcome, 0L);
        }
        for (var claim : view.claims().values()) {
            if (claim.outcome() != null) {
                counts.merge(claim.outcome(), 1L, Long::sum);
            }
        }
        var rows = new java.util.ArrayList<MultiGauge.Row<?>>();
        counts.forEach((outcome, count) -> rows.add(MultiGauge.Row.of(Tags.of("outcome", outcome.wire()), count)));
        return rows;
    }

    private static double ratio(long capital, long required) {
        return required == 0 ? Double.POSITIVE_INFINITY : (double) capital / required;
    }
}
