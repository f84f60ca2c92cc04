package io.auditcover.bench;

import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.store.EventLog;
import io.auditcover.store.SqliteEventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/** Writes a log of a million cover purchases, then rebuilds state from it and reports events per second. */
final class ReplayBench {
    static final int EVENTS = Integer.getInteger("auditcover.bench.replayEvents", 1_000_000);
    static final int IN_FLIGHT = 4_096;
    static final Asset USDC = new Asset("USDC", 6);

    private ReplayBench() {
    }

    static void run() throws Exception {
        Path directory = Files.createTempDirectory("auditcover-replay");
        var settings = new Engine.Settings(4096, Long.MAX_VALUE, false);
        try (Engine engine = Engine.start(SqliteEventLog.open(directory), Clock.systemUTC(), settings)) {
            engine.submit(new Command.RegisterProtocol("p", new Protocol("lendwell", "Lendwell", "lending"))).join();
            engine.submit(new Command.CreatePool("c", "alpha", USDC, new PoolRules(Ratio.whole(20), Ratio.ONE, Duration.ZERO))).join();
            engine.submit(new Command.RegisterContract("k", new io.auditcover.evidence.DeployedContract("lendwell", 1, "0x00000000000000000000000000000000000000c1", "0x" + "c1".repeat(32), null))).join();
            engine.submit(new Command.ListProtocol("l", "alpha", "lendwell", 200)).join();
            engine.submit(new Command.Deposit("d", "alpha", "founder", Money.whole(USDC, 100_000_000_000L))).join();
            Money amount = Money.whole(USDC, 1_000);
            var pending = new ArrayList<CompletableFuture<?>>();
            for (int i = 0; i < EVENTS; i++) {
                pending.add(engine.submit(new Command.BuyCover("b-" + i, "buyer-" + (i % 1000), "alpha", "lendwell", amount, 90)));
                if (pending.size() == IN_FLIGHT) {
                    pending.forEach(CompletableFuture::join);
                    pending.clear();
                }
            }
            pending.forEach(CompletableFuture::join);
        }
        for (int run = 1; run <= 3; run++) {
            try (EventLog log = SqliteEventLog.open(directory)) {
                long started = System.nanoTime();
                var state = Engine.rebuild(log);
                double seconds = (System.nanoTime() - started) / 1e9;
                long events = log.head().sequence();
                System.out.printf("replay run %d: %,d events in %.2f s = %,.0f events/s (%d covers)%n", run, events, seconds,
                        events / seconds, state.covers().size());
            }
        }
    }
}
