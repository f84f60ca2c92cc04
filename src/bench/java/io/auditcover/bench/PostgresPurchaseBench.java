package io.auditcover.bench;

import io.auditcover.engine.Engine;
import io.auditcover.engine.Outcome;
import io.auditcover.store.PostgresCluster;
import io.auditcover.store.PostgresEventLog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable purchases with 64 clients on one local PostgreSQL server with {@code fsync=on} and {@code synchronous_commit=on}:
 * through the engine (one fenced writer, group commit, the log in PostgreSQL), and the conventional design on the same server
 * (one transaction per purchase: lock the pool row, check capacity, insert the cover, update the pool, insert the ledger
 * rows), in the same run. Target: the engine at 20 times the conventional design (issue 14).
 */
final class PostgresPurchaseBench {
    private static final List<String> DURABLE = List.of("fsync=on", "full_page_writes=on", "synchronous_commit=on", "max_connections=200");

    private PostgresPurchaseBench() {
    }

    static void run() throws Exception {
        try (var cluster = PostgresCluster.start(DURABLE)) {
            Result engine;
            try (var directory = ScratchDirectory.create("auditcover-bench-pg");
                    Engine running = Engine.start(PostgresEventLog.openWriter(cluster.newDatabase(), directory.path(), "bench",
                            PostgresEventLog.LEASE_DEFAULT), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
                PurchaseBench.setUp(running);
                engine = PurchaseBench.measure("engine purchases on PostgreSQL", PurchaseBench.Clients.PLATFORM_THREADS,
                        (client, number) -> {
                            if (!(running.submit(PurchaseBench.purchase(client, number)).join() instanceof Outcome.Accepted)) {
                                throw new IllegalStateException("purchase refused");
                            }
                        });
            }
            Result conventional = conventional(cluster.newDatabase());
            System.out.printf("summary (target: >= 20x conventional on PostgreSQL):%n  %-36s %,12.0f purchases/s, p99 %.3f ms, %.1fx"
                    + " conventional%n  %-36s %,12.0f purchases/s, p99 %.3f ms%n", engine.name(), engine.perSecond(),
                    engine.latencyNanos().getValueAtPercentile(99) / 1e6, engine.perSecond() / conventional.perSecond(),
                    conventional.name(), conventional.perSecond(), conventional.latencyNanos().getValueAtPercentile(99) / 1e6);
        }
    }

    private static Result conventional(String url) throws Exception {
        try (Connection setup = DriverManager.getConnection(url); var sql = setup.createStatement()) {
            sql.execute("CREATE TABLE pool (id TEXT PRIMARY KEY, capital BIGINT, active_cover BIGINT, leverage BIGINT)");
            sql.execute("CREATE TABLE cover (id BIGSERIAL PRIMARY KEY, holder TEXT, pool_id TEXT, amount BIGINT, premium BIGINT)");
            sql.execute("CREATE TABLE ledger_entry (id BIGSERIAL PRIMARY KEY, account TEXT, amount BIGINT, cover_id BIGINT)");
            sql.execute("INSERT INTO pool VALUES ('alpha', 100000000000000000, 0, 20)");
        }
        var connections = new ArrayList<Connection>();
        for (int i = 0; i < PurchaseBench.CLIENTS; i++) {
            Connection connection = DriverManager.getConnection(url);
            connection.setAutoCommit(false);
            connections.add(connection);
        }
        return PurchaseBench.measureOn("conventional SQL purchases on PostgreSQL", connections, PostgresPurchaseBench::buy);
    }

    /** Lock the pool row, check capacity, insert the cover, update the pool, insert the ledger rows: one transaction. */
    private static void buy(Connection connection, int client) throws SQLException {
        long amount = 1_000_000_000L;
        long premium = amount * 200 * 90 / (10_000L * 365);
        try {
            long capital;
            long active;
            long leverage;
            try (var sql = connection.createStatement();
                    var row = sql.executeQuery("SELECT capital, active_cover, leverage FROM pool WHERE id = 'alpha' FOR UPDATE")) {
                row.next();
                capital = row.getLong(1);
                active = row.getLong(2);
                leverage = row.getLong(3);
            }
            if (active + amount > capital * leverage) {
                throw new IllegalStateException("capacity exhausted");
            }
            long coverId;
            try (var insert = connection.prepareStatement("INSERT INTO cover (holder, pool_id, amount, premium) VALUES (?, 'alpha', ?, ?) RETURNING id")) {
                insert.setString(1, "buyer-" + client);
                insert.setLong(2, amount);
                insert.setLong(3, premium);
                try (var row = insert.executeQuery()) {
                    row.next();
                    coverId = row.getLong(1);
                }
            }
            try (var sql = connection.createStatement()) {
                sql.executeUpdate("UPDATE pool SET active_cover = active_cover + " + amount + " WHERE id = 'alpha'");
                sql.executeUpdate("INSERT INTO ledger_entry (account, amount, cover_id) VALUES ('external', " + (-premium) + ", " + coverId + ")");
                sql.executeUpdate("INSERT INTO ledger_entry (account, amount, cover_id) VALUES ('pool/alpha/unearned', " + premium + ", " + coverId + ")");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }
}
