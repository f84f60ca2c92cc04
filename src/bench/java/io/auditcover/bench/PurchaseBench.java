package io.auditcover.bench;

import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Outcome;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.store.SqliteEventLog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Durable cover purchases with 64 concurrent clients, each waiting for its answer before the next
 * purchase: through the engine (one writer, group commit), and the conventional way (one SQL
 * transaction per purchase on SQLite with the same durability settings).
 */
final class PurchaseBench {
    static final int CLIENTS = 64;
    /** Shorter windows for a smoke run: {@code -Dbench.warmup.seconds=1 -Dbench.measure.seconds=3}. */
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup.seconds", 3));
    static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.measure.seconds", 10));
    static final Asset USDC = new Asset("USDC", 6);
    static final Money PURCHASE_AMOUNT = Money.whole(USDC, 1_000);

    private PurchaseBench() {
    }

    interface Purchase {
        void buy(int client, long number) throws Exception;
    }

    /** Platform threads, as a thread-per-request server has; or virtual threads, as a server on Loom has (cheaper to park and wake). */
    enum Clients {
        PLATFORM_THREADS, VIRTUAL_THREADS
    }

    static Result engine(Clients clients) throws Exception {
        try (var directory = ScratchDirectory.create("auditcover-bench");
                Engine engine = Engine.start(SqliteEventLog.open(directory.path()), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
            setUp(engine);
            String name = "engine purchases, " + clients.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            Result result = measure(name, clients, (client, number) -> {
                var outcome = engine.submit(purchase(client, number)).join();
                if (!(outcome instanceof Outcome.Accepted)) {
                    throw new IllegalStateException("purchase refused: " + outcome);
                }
            });
            var metrics = engine.metrics();
            System.out.printf("  engine: %,d batches of %.1f commands, %.4f ms each deciding and applying; %,d log commits of %.1f events,"
                    + " %.3f ms each (encode, append, fsync), overlapping the deciding%n", metrics.batches(),
                    (double) metrics.commands() / metrics.batches(), metrics.batchNanos() / 1e6 / metrics.batches(), metrics.commits(),
                    (double) metrics.events() / metrics.commits(), metrics.commitNanos() / 1e6 / metrics.commits());
            return result;
        }
    }

    /** One protocol with a contract, listed on pool alpha, which holds far more capital than any run sells. */
    static void setUp(Engine engine) {
        engine.submit(new Command.RegisterProtocol("p", new Protocol("lendwell", "Lendwell", "lending"))).join();
        engine.submit(new Command.CreatePool("c", "alpha", USDC, new PoolRules(Ratio.whole(20), Ratio.ONE, Duration.ZERO))).join();
        engine.submit(new Command.RegisterContract("k", new io.auditcover.evidence.DeployedContract("lendwell", 1, "0x00000000000000000000000000000000000000c1", "0x" + "c1".repeat(32), null))).join();
        engine.submit(new Command.ListProtocol("l", "alpha", "lendwell", 200)).join();
        engine.submit(new Command.Deposit("d", "alpha", "founder", Money.whole(USDC, 100_000_000_000L))).join();
    }

    /** The purchase every client makes: 1,000 USDC of cover on lendwell for 90 days. */
    static Command.BuyCover purchase(int client, long number) {
        return new Command.BuyCover("b-" + client + "-" + number, "buyer-" + client, "alpha", "lendwell", PURCHASE_AMOUNT, 90);
    }

    static Result conventional() throws Exception {
        try (var directory = ScratchDirectory.create("auditcover-bench-sql")) {
            return conventional("jdbc:sqlite:" + directory.path().resolve("conventional.db"));
        }
    }

    private static Result conventional(String url) throws Exception {
        try (Connection setup = DriverManager.getConnection(url); var sql = setup.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("CREATE TABLE pool (id TEXT PRIMARY KEY, capital INTEGER, active_cover INTEGER, leverage INTEGER)");
            sql.execute("CREATE TABLE cover (id INTEGER PRIMARY KEY, holder TEXT, pool_id TEXT, amount INTEGER, premium INTEGER)");
            sql.execute("CREATE TABLE ledger_entry (id INTEGER PRIMARY KEY, account TEXT, amount INTEGER, cover_id INTEGER)");
            sql.execute("INSERT INTO pool VALUES ('alpha', 100000000000000000, 0, 20)");
        }
        var connections = new ArrayList<Connection>();
        for (int i = 0; i < CLIENTS; i++) {
            Connection connection = DriverManager.getConnection(url);
            try (var sql = connection.createStatement()) {
                sql.execute("PRAGMA synchronous=FULL");
                sql.execute("PRAGMA busy_timeout=60000");
            }
            connection.setAutoCommit(true);
            connections.add(connection);
        }
        return measureOn("conventional SQL purchases", connections, PurchaseBench::buyConventionally);
    }

    /** One conventional purchase on a client's own connection. */
    interface ConnectionPurchase {
        void buy(Connection connection, int client) throws SQLException;
    }

    /** Measures purchases with each client on its own connection, closing them all after. */
    static Result measureOn(String name, List<Connection> connections, ConnectionPurchase purchase) throws Exception {
        try {
            return measure(name, Clients.PLATFORM_THREADS, (client, number) -> purchase.buy(connections.get(client), client));
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** Lock the pool, check capacity, insert the cover, update the pool, insert the ledger rows: one transaction. */
    private static void buyConventionally(Connection connection, int client) throws SQLException {
        long amount = 1_000_000_000L;
        long premium = amount * 200 * 90 / (10_000L * 365);
        try (var sql = connection.createStatement()) {
            sql.execute("BEGIN IMMEDIATE");
            try {
                long capital;
                long active;
                long leverage;
                try (var row = sql.executeQuery("SELECT capital, active_cover, leverage FROM pool WHERE id = 'alpha'")) {
                    row.next();
                    capital = row.getLong(1);
                    active = row.getLong(2);
                    leverage = row.getLong(3);
                }
                if (active + amount > capital * leverage) {
                    throw new IllegalStateException("capacity exhausted");
                }
                try (var insert = connection.prepareStatement("INSERT INTO cover (holder, pool_id, amount, premium) VALUES (?, 'alpha', ?, ?)")) {
                    insert.setString(1, "buyer-" + client);
                    insert.setLong(2, amount);
                    insert.setLong(3, premium);
                    insert.executeUpdate();
                }
                long coverId;
                try (var row = sql.executeQuery("SELECT last_insert_rowid()")) {
                    row.next();
                    coverId = row.getLong(1);
                }
                sql.executeUpdate("UPDATE pool SET active_cover = active_cover + " + amount + " WHERE id = 'alpha'");
                sql.executeUpdate("INSERT INTO ledger_entry (account, amount, cover_id) VALUES ('external', " + (-premium) + ", " + coverId + ")");
                sql.executeUpdate("INSERT INTO ledger_entry (account, amount, cover_id) VALUES ('pool/alpha/unearned', " + premium + ", " + coverId + ")");
                sql.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                sql.execute("ROLLBACK");
                throw e;
            }
        }
    }

    /** Runs CLIENTS threads doing purchases back to back: a warm-up, then a measured window. */
    static Result measure(String name, Clients clients, Purchase purchase) throws Exception {
        var histogram = new Histogram(3_600_000_000_000L, 3);
        var measuring = new AtomicBoolean(false);
        var stop = new AtomicBoolean(false);
        var operations = new AtomicLong();
        var failure = new AtomicBoolean(false);
        var done = new CountDownLatch(CLIENTS);
        for (int client = 0; client < CLIENTS; client++) {
            int clientNumber = client;
            Thread.Builder builder = clients == Clients.VIRTUAL_THREADS ? Thread.ofVirtual() : Thread.ofPlatform();
            builder.start(() -> {
                var own = new Histogram(3_600_000_000_000L, 3);
                long number = 0;
                try {
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        purchase.buy(clientNumber, number++);
                        if (measuring.get()) {
                            own.recordValue(System.nanoTime() - started);
                            operations.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failure.set(true);
                    e.printStackTrace();
                } finally {
                    synchronized (histogram) {
                        histogram.add(own);
                    }
                    done.countDown();
                }
            });
        }
        Thread.sleep(WARM_UP);
        measuring.set(true);
        long started = System.nanoTime();
        Thread.sleep(MEASURE);
        measuring.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        done.await();
        if (failure.get()) {
            throw new IllegalStateException(name + " failed");
        }
        var result = new Result(name, operations.get(), seconds, histogram);
        result.print();
        return result;
    }
}
