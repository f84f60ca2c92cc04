package io.auditcover.engine;

import io.auditcover.evidence.Protocol;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process the crash test kills: it runs the engine under concurrent load and prints a line for
 * every command the engine acknowledged, the moment it is acknowledged.
 */
public final class CrashChild {
    static final int CLIENTS = 16;

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        String round = args[1];
        var out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        var engine = Engine.start(EngineFixtures.log(directory), Clock.systemUTC(), new Engine.Settings(512, 2_000, false));
        setUp(engine);
        out.println("ready");
        var counter = new AtomicLong();
        for (int client = 0; client < CLIENTS; client++) {
            int clientNumber = client;
            Thread.ofPlatform().start(() -> {
                while (true) {
                    long n = counter.incrementAndGet();
                    String id = "r" + round + "-c" + clientNumber + "-" + n;
                    Command command = switch ((int) (n % 5)) {
                        case 0 -> new Command.Deposit(id, "alpha", "underwriter-" + clientNumber, Money.whole(EngineFixtures.USDC, 100));
                        case 1 -> new Command.AdvanceTime(id);
                        default -> new Command.BuyCover(id, "buyer-" + clientNumber, "alpha", "lendwell",
                                Money.whole(EngineFixtures.USDC, 10), 30);
                    };
                    Outcome outcome = engine.submit(command).join();
                    if (outcome instanceof Outcome.Accepted) {
                        out.println("ack " + id + " .");
                    }
                }
            });
        }
        Thread.sleep(Duration.ofMinutes(5));
    }

    /** Fixed command ids, so after a crash the same set-up is an idempotent retry. */
    private static void setUp(Engine engine) {
        engine.submit(new Command.RegisterProtocol("setup-protocol", new Protocol("lendwell", "Lendwell", "lending"))).join();
        engine.submit(new Command.CreatePool("setup-pool", "alpha", EngineFixtures.USDC,
                new PoolRules(Ratio.whole(5), Ratio.ONE, Duration.ofDays(7)))).join();
        engine.submit(new Command.RegisterContract("setup-contract", new io.auditcover.evidence.DeployedContract("lendwell", 1, "0x00000000000000000000000000000000000000c1", "0x" + "c1".repeat(32), null))).join();
        engine.submit(new Command.ListProtocol("setup-listing", "alpha", "lendwell", 200)).join();
        engine.submit(new Command.Deposit("setup-deposit", "alpha", "founder", Money.whole(EngineFixtures.USDC, 1_000_000_000))).join();
    }
}
