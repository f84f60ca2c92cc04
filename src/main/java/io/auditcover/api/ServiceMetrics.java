package io.auditcover.api;

import io.auditcover.reason.Reason;
import io.auditcover.engine.Engine;
import io.auditcover.engine.EngineMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
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

    String scrape() {
        return registry.scrape();
    }
}
