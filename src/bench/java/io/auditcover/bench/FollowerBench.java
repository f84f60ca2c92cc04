package io.auditcover.bench;

import io.auditcover.chain.Web3SignatureRecovery;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Event;
import io.auditcover.engine.Outcome;
import io.auditcover.engine.State;
import io.auditcover.store.EventLogs;
import io.auditcover.store.LogHead;
import io.auditcover.store.PostgresCluster;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * A follower beside a writer on one durable PostgreSQL log (issue 14): how far behind the writer it serves under 64 clients'
 * purchases (the time from the writer's commit of a sequence until the follower has applied it, and the sequences behind at
 * each of the writer's commits), and how long it takes to write after the writer is cut off from the database (its sessions
 * ended, so it can neither renew its lease nor release it, as after a SIGKILL). Target: takeover within the lease + 5 s.
 */
final class FollowerBench {
    private static final Duration LEASE = Duration.ofSeconds(2);

    private FollowerBench() {
    }

    static void run() throws Exception {
        try (var cluster = PostgresCluster.start(List.of("fsync=on", "full_page_writes=on", "synchronous_commit=on", "max_connections=200"));
                var writerDirectory = ScratchDirectory.create("auditcover-bench-writer");
                var followerDirectory = ScratchDirectory.create("auditcover-bench-follower")) {
            String url = cluster.newDatabase();
            var committedAt = new ConcurrentHashMap<Long, Long>();
            var lagNanos = new Histogram(3_600_000_000_000L, 3);
            var behind = new Histogram(10_000_000L, 3);
            long[] followerHead = {0};
            Engine writer = Engine.start(EventLogs.openWriter(url + "&ApplicationName=bench-writer", writerDirectory.path(), "writer", "",
                    LEASE), Clock.systemUTC(), Engine.Settings.DEFAULT);
            try (Engine follower = Engine.follow(EventLogs.follow(url, followerDirectory.path(), "follower", "", LEASE, true), Clock.systemUTC(),
                    Engine.Settings.DEFAULT, new Web3SignatureRecovery())) {
                writer.listen(heads(head -> {
                    committedAt.put(head.sequence(), System.nanoTime());
                    synchronized (behind) {
                        behind.recordValue(Math.max(0, head.sequence() - followerHead[0]));
                    }
                })).join();
                follower.listen(heads(head -> {
                    long now = System.nanoTime();
                    long previous = followerHead[0];
                    followerHead[0] = head.sequence();
                    for (long sequence = previous + 1; sequence <= head.sequence(); sequence++) {
                        Long committed = committedAt.remove(sequence);
                        if (committed != null) {
                            synchronized (lagNanos) {
                                lagNanos.recordValue(Math.max(0, now - committed));
                            }
                        }
                    }
                })).join();
                PurchaseBench.setUp(writer);
                PurchaseBench.measure("purchases on the writer, a follower tailing", PurchaseBench.Clients.PLATFORM_THREADS,
                        (client, number) -> {
                            if (!(writer.submit(PurchaseBench.purchase(client, number)).join() instanceof Outcome.Accepted)) {
                                throw new IllegalStateException("purchase refused");
                            }
                        });
                System.out.printf("follower lag: p50 %.1f ms, p99 %.1f ms behind the writer's commit; %,d and %,d sequences behind (p50, p99)"
                        + " at the writer's commits%n", lagNanos.getValueAtPercentile(50) / 1e6, lagNanos.getValueAtPercentile(99) / 1e6,
                        behind.getValueAtPercentile(50), behind.getValueAtPercentile(99));

                long cutOff = System.nanoTime();
                try (var connection = DriverManager.getConnection(url); var sql = connection.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bench-writer'")) {
                    sql.executeQuery().close();
                }
                while (follower.following()) {
                    Thread.sleep(5);
                }
                double seconds = (System.nanoTime() - cutOff) / 1e9;
                System.out.printf("takeover: the follower writes %.2f s after the writer was cut off (lease %d s; target <= lease + 5 s = %d s)%n",
                        seconds, LEASE.toSeconds(), LEASE.toSeconds() + 5);
            } finally {
                try {
                    writer.close();
                } catch (RuntimeException e) {
                    // the cut-off writer cannot close its log cleanly: that is the point
                }
            }
        }
    }

    /** A listener that hears each durable head. */
    private static Engine.BatchListener heads(Consumer<LogHead> durable) {
        return new Engine.BatchListener() {
            @Override
            public void started(State state, LogHead head) {
            }

            @Override
            public Consumer<LogHead> decided(State state, List<Event> events) {
                return durable;
            }
        };
    }
}
