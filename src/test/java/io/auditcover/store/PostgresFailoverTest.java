package io.auditcover.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database failover: a primary with one synchronous standby, a writer appending through a multi-host URL asking for the
 * primary; the primary is killed under load and the standby promoted; a new writer reaches the promoted standby through the
 * same URL, takes the lease at the next epoch once the old one lapses, and finds every acknowledged append there, on one
 * chain that verifies, and appends after it.
 */
class PostgresFailoverTest {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final String STANDBY = "standby1";

    @TempDir
    Path machineA;
    @TempDir
    Path machineB;

    @Test
    void every_acknowledged_append_survives_the_primarys_loss_and_the_log_continues_on_the_promoted_standby() throws Exception {
        try (var primary = PostgresCluster.startPrimary()) {
            String single = primary.newDatabase();
            String database = single.substring(single.lastIndexOf('/') + 1, single.indexOf('?'));
            try (var standby = primary.startStandby(STANDBY)) {
                primary.requireSynchronousStandby(STANDBY);
                String url = "jdbc:postgresql://" + primary.hostAndPort() + "," + standby.hostAndPort() + "/" + database
                        + "?user=" + PostgresCluster.SUPERUSER + "&targetServerType=primary&connectTimeout=2&socketTimeout=5";
                assertThat(synchronousStandbys(single)).contains(STANDBY);

                var acknowledged = new ArrayList<LogHead>();
                var failed = new AtomicBoolean();
                var writer = PostgresEventLog.openWriter(url, machineA, "writer-a", LEASE);
                var load = new Thread(() -> {
                    int next = 1;
                    while (!failed.get()) {
                        try {
                            LogHead head = writer.append(PostgresEventLogTest.entries(next, next + 4));
                            synchronized (acknowledged) {
                                acknowledged.add(head);
                            }
                            next += 5;
                        } catch (RuntimeException e) {
                            failed.set(true);
                        }
                    }
                });
                load.start();
                waitFor(() -> acknowledgedCount(acknowledged) >= 20);
                primary.kill();
                load.join(Duration.ofSeconds(30).toMillis());
                assertThat(failed).isTrue();
                closeQuietly(writer);
                standby.promote();

                LogHead lastAcknowledged;
                synchronized (acknowledged) {
                    lastAcknowledged = acknowledged.getLast();
                }
                Thread.sleep(LEASE.multipliedBy(2).toMillis());
                try (var successor = PostgresEventLog.openWriter(url, machineB, "writer-b", LEASE)) {
                    assertThat(successor.head().sequence()).isGreaterThanOrEqualTo(lastAcknowledged.sequence());
                    var record = successor.read(lastAcknowledged.sequence()).orElseThrow();
                    assertThat(record.hash()).isEqualTo(lastAcknowledged.hash());
                    long before = successor.head().sequence();
                    LogHead after = successor.append(PostgresEventLogTest.entries((int) before + 1, (int) before + 1));
                    assertThat(after.sequence()).isEqualTo(before + 1);
                    assertThat(successor.writerLease().epoch()).isGreaterThan(1);
                }
                try (var reader = PostgresEventLog.openReader(url, machineB)) {
                    var verification = reader.verify();
                    assertThat(verification.ok()).as(verification.toString()).isTrue();
                }
            }
        }
    }

    private static List<String> synchronousStandbys(String url) throws Exception {
        var names = new ArrayList<String>();
        for (int attempt = 0; attempt < 100 && names.isEmpty(); attempt++) {
            try (var connection = DriverManager.getConnection(url); var sql = connection.createStatement();
                    var rows = sql.executeQuery("SELECT application_name FROM pg_stat_replication WHERE sync_state = 'sync'")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            if (names.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return names;
    }

    private static int acknowledgedCount(List<LogHead> acknowledged) {
        synchronized (acknowledged) {
            return acknowledged.size();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the old writer lost its database; closing it may fail, which is what a crash looks like
        }
    }
}
