package io.auditcover.bench;

import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Outcome;
import io.auditcover.engine.Quotes;
import io.auditcover.engine.State;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.store.SqliteEventLog;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/**
 * Flat cost: the same purchases (64 clients, as {@link PurchaseBench}) and quotes ({@code Quotes.quote} on the published quote
 * state, one thread) on an empty book and on a big one: {@code bench.covers} active covers (default 1,000,000) spread over
 * {@code bench.protocols} protocols (default 10,000), each with a contract and an audit, all listed on one pool with capital
 * for far more. The big book is written straight through the engine, {@value #IN_FLIGHT} commands in flight so commits are
 * large; no snapshots are taken, so the preload and the measured runs pay for none. Also heap per active cover: used heap after
 * full collections with the big book minus with the empty book, over the covers.
 *
 * <p>The big book is measured first, so the empty one runs on a JIT as warm as the big one's. The empty book is one protocol
 * and no covers when measuring starts; its purchases then add covers as they run (as the
 * big book's do), so "empty" is where each run starts.
 */
final class FlatCostBench {
    static final int COVERS = Integer.getInteger("bench.covers", 1_000_000);
    static final int PROTOCOLS = Integer.getInteger("bench.protocols", 10_000);
    /** Distinct holders in the preloaded book: a book has many buyers, most holding a few covers. */
    static final int HOLDERS = 100_000;
    static final int IN_FLIGHT = 8_192;
    static final Duration QUOTE_WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup.seconds", 3));
    static final Duration QUOTE_MEASURE = Duration.ofSeconds(Integer.getInteger("bench.measure.seconds", 5));
    static final String POOL = "alpha";

    private FlatCostBench() {
    }

    /** What one book gave: purchases, quote latencies, and used heap with the book loaded. */
    private record Book(Result purchases, Histogram quoteNanos, long heapBytes) {
    }

    static void run() throws Exception {
        // The big book first: building it warms the purchase and quote paths up, so the empty book, measured second, is not
        // at a disadvantage of a cold JIT.
        var big = measure("%,d covers on %,d protocols".formatted(COVERS, PROTOCOLS), PROTOCOLS, COVERS);
        var empty = measure("empty book", 1, 0);
        double purchaseRatio = big.purchases().perSecond() / empty.purchases().perSecond();
        System.out.printf("flat cost: purchases big / empty %.2f (%,.0f vs %,.0f /s; target within 20 %%, >= 0.80)%n", purchaseRatio,
                big.purchases().perSecond(), empty.purchases().perSecond());
        System.out.printf("flat cost: quote p50 big / empty %.2f, p99 big / empty %.2f (target within 20 %%, <= 1.20)%n",
                ratio(big, empty, 50), ratio(big, empty, 99));
        if (COVERS > 0) {
            System.out.printf("flat cost: heap per active cover %,d bytes ((%,d - %,d) bytes / %,d covers; target <= 500 bytes)%n",
                    (big.heapBytes() - empty.heapBytes()) / COVERS, big.heapBytes(), empty.heapBytes(), COVERS);
        }
    }

    private static double ratio(Book big, Book empty, double percentile) {
        return (double) big.quoteNanos().getValueAtPercentile(percentile) / empty.quoteNanos().getValueAtPercentile(percentile);
    }

    /** Builds a book in a fresh engine, then measures heap, quotes and purchases on it, in that order (purchases add covers). */
    private static Book measure(String label, int protocols, int covers) throws Exception {
        var settings = new Engine.Settings(4096, Long.MAX_VALUE, false);
        try (var directory = ScratchDirectory.create("auditcover-bench-flat");
                Engine engine = Engine.start(SqliteEventLog.open(directory.path()), Clock.systemUTC(), settings)) {
            long started = System.nanoTime();
            register(engine, protocols);
            preload(engine, protocols, covers);
            System.out.printf("flat cost, %s: built in %.1f s%n", label, (System.nanoTime() - started) / 1e9);
            long heap = usedHeapAfterCollection();
            System.out.printf("flat cost, %s: used heap after full collection %,d MiB%n", label, heap >> 20);
            var quotes = quotes(engine, label, protocols);
            var purchases = PurchaseBench.measure("flat cost, " + label + ", purchases", PurchaseBench.Clients.PLATFORM_THREADS,
                    (client, number) -> accept(engine.submit(purchase(client, number, protocols))));
            return new Book(purchases, quotes, heap);
        }
    }

    /** A client's purchase, the clients together going round the protocols. */
    private static Command.BuyCover purchase(int client, long number, int protocols) {
        String protocolId = protocol((int) ((number * PurchaseBench.CLIENTS + client) % protocols));
        return new Command.BuyCover("b-" + client + "-" + number, "buyer-" + client, POOL, protocolId, PurchaseBench.PURCHASE_AMOUNT, 90);
    }

    static String protocol(int index) {
        return "protocol-" + index;
    }

    /** One pool; each protocol with one contract, an audit of its code, and a listing on the pool. */
    private static void register(Engine engine, int protocols) {
        var rules = new PoolRules(Ratio.whole(20), Ratio.ONE, Duration.ZERO);
        accept(engine.submit(new Command.CreatePool("c", POOL, PurchaseBench.USDC, rules)));
        accept(engine.submit(new Command.Deposit("d", POOL, "founder", Money.whole(PurchaseBench.USDC, 100_000_000_000L))));
        var pending = new ArrayList<CompletableFuture<Outcome>>();
        for (int i = 0; i < protocols; i++) {
            String id = protocol(i);
            String codeHash = "0x%064x".formatted(i + 1);
            pending.add(engine.submit(new Command.RegisterProtocol("p-" + i, new Protocol(id, "Protocol " + i, "lending"))));
            var contract = new DeployedContract(id, 1, "0x%040x".formatted(i + 1), codeHash, null);
            pending.add(engine.submit(new Command.RegisterContract("k-" + i, contract)));
            pending.add(engine.submit(new Command.RegisterAudit("a-" + i, new AuditReport("audit-" + i, id, "Hashes & Co",
                    LocalDate.parse("2025-12-01"), "abcdef1", List.of(codeHash), List.of()))));
            pending.add(engine.submit(new Command.ListProtocol("l-" + i, POOL, id, 200)));
            if (pending.size() >= IN_FLIGHT) {
                pending.forEach(FlatCostBench::accept);
                pending.clear();
            }
        }
        pending.forEach(FlatCostBench::accept);
    }

    /** {@code covers} purchases of 1,000 USDC for 90 days, round robin over the protocols. */
    private static void preload(Engine engine, int protocols, int covers) {
        long started = System.nanoTime();
        var pending = new ArrayList<CompletableFuture<Outcome>>(IN_FLIGHT);
        for (int i = 0; i < covers; i++) {
            pending.add(engine.submit(new Command.BuyCover("pre-" + i, "holder-" + (i % HOLDERS), POOL, protocol(i % protocols),
                    PurchaseBench.PURCHASE_AMOUNT, 90)));
            if (pending.size() == IN_FLIGHT) {
                pending.forEach(FlatCostBench::accept);
                pending.clear();
            }
        }
        pending.forEach(FlatCostBench::accept);
        if (covers > 0) {
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("flat cost: preloaded %,d covers in %.1f s (%,.0f /s)%n", covers, seconds, covers / seconds);
        }
    }

    /** Quote latency on one thread on the published quote state, as the HTTP edge quotes; protocol, amount and period vary. */
    private static Histogram quotes(Engine engine, String label, int protocols) {
        long copyStarted = System.nanoTime();
        State state = engine.read(Quotes::quoteState).join();
        System.out.printf("flat cost, %s: quote state published in %.3f ms%n", label, (System.nanoTime() - copyStarted) / 1e6);
        Instant now = Clock.systemUTC().instant();
        long warmEnd = System.nanoTime() + QUOTE_WARM_UP.toNanos();
        long i = 0;
        long sink = 0;
        while (System.nanoTime() < warmEnd) {
            sink += quote(state, protocols, i++, now);
        }
        var latency = new Histogram(3_600_000_000_000L, 3);
        long end = System.nanoTime() + QUOTE_MEASURE.toNanos();
        long before = System.nanoTime();
        while (before < end) {
            sink += quote(state, protocols, i++, now);
            long after = System.nanoTime();
            latency.recordValue(after - before);
            before = after;
        }
        System.out.printf("flat cost, %s, quotes: p50 %.2f us, p99 %.2f us, p99.9 %.2f us (%,d quotes; sink %d)%n", label,
                latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3,
                latency.getTotalCount(), sink % 10);
        return latency;
    }

    private static long quote(State state, int protocols, long i, Instant now) {
        var answer = Quotes.quote(state, POOL, protocol((int) (i % protocols)), Money.ofUnits(PurchaseBench.USDC, 1_000_000_000L
                + (i & 1023) * 1_000_000L), 28 + (int) (i % 338), now);
        if (!(answer instanceof Quotes.Offered offered)) {
            throw new IllegalStateException("quote refused: " + answer);
        }
        return offered.quote().premium().units();
    }

    /** Used heap after full collections until it stops falling (at most five), so garbage left by building is not counted. */
    static long usedHeapAfterCollection() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return used;
            }
            used = now;
        }
        return used;
    }

    private static void accept(CompletableFuture<Outcome> pending) {
        var outcome = pending.join();
        if (!(outcome instanceof Outcome.Accepted)) {
            throw new IllegalStateException("refused: " + outcome);
        }
    }
}
