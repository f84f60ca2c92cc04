package io.auditcover.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client (a wallet, an operator key, or an address for anonymous callers): each
 * refills at {@code perSecond} up to {@code burst}. Zero per second turns limiting off.
 */
final class RateLimiter {
    /** Clients tracked at once; past this the buckets start over rather than grow without bound. */
    static final int CLIENTS_MAX = 100_000;
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized boolean take(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1e9);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
    }

    boolean allow(String client) {
        if (perSecond <= 0) {
            return true;
        }
        long now = System.nanoTime();
        if (buckets.size() >= CLIENTS_MAX) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst, now)).take(perSecond, burst, now);
    }
}
