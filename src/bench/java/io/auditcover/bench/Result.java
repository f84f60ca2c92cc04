package io.auditcover.bench;

import org.HdrHistogram.Histogram;

/** Throughput and latency of one measured run. */
record Result(String name, long operations, double seconds, Histogram latencyNanos) {

    double perSecond() {
        return operations / seconds;
    }

    void print() {
        System.out.printf("%-44s %,12.0f ops/s   p50 %7.3f ms   p99 %7.3f ms   p99.9 %7.3f ms   (%,d ops in %.1f s)%n", name,
                perSecond(), millis(50), millis(99), millis(99.9), operations, seconds);
    }

    private double millis(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }
}
