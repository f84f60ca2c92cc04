package io.auditcover.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One writer at a time, fenced by the lease's epoch: a stalled writer that lost its lease stores nothing after its successor took over. */
class PostgresWriterLeaseTest {
    /** Short, so a stalled writer's lease lapses within the test; the shortest a writer accepts is 300 ms. */
    static final Duration SHORT_LEASE = Duration.ofMillis(800);
    /** A renewal interval no test outlives: the writer stalls, as a process paused by the operating system would. */
    static final Duration NEVER = Duration.ofHours(1);
    static final Duration TAKEOVER_WAIT_MAX = Duration.ofSeconds(10);
    @RegisterExtension
    static final PostgresPerClass cluster = new PostgresPerClass();

    /** Each writer on its own machine: its own data directory, so its anchors are its own. */
    @TempDir
    Path machineA;
    @TempDir
    Path machineB;
    String url;

    @BeforeEach
    void freshDatabase() throws SQLException {
        url = cluster.newDatabase();
    }

    /** Opens B as soon as A's lease lapses, polling as a follower would. */
    private PostgresEventLog takeOver(String holder, Path directory) throws InterruptedException {
        long deadline = System.nanoTime() + TAKEOVER_WAIT_MAX.toNanos();
        while (true) {
            try {
                return PostgresEventLog.openWriter(url, directory, holder, PostgresEventLog.LEASE_DEFAULT);
            } catch (LeaseHeldException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private long storedRecords() throws SQLException {
        try (var database = DriverManager.getConnection(url); var sql = database.createStatement();
                var row = sql.executeQuery("SELECT count(*) FROM log_record")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void a_second_writer_is_refused_while_the_first_holds_the_lease() {
        try (var a = PostgresEventLog.openWriter(url, machineA, "writer-a", PostgresEventLog.LEASE_DEFAULT)) {
            assertThatThrownBy(() -> PostgresEventLog.openWriter(url, machineB, "writer-b", PostgresEventLog.LEASE_DEFAULT))
                    .isInstanceOfSatisfying(LeaseHeldException.class, e -> {
                        assertThat(e.lease().holder()).isEqualTo("writer-a");
                        assertThat(e.lease().epoch()).isEqualTo(a.epoch().orElseThrow());
                    })
                    .hasMessageContaining("held by writer-a (epoch 1)");
        }
    }

    @Test
    void a_stalled_writer_cannot_append_after_its_successor_took_over() throws InterruptedException, SQLException {
        try (var a = PostgresEventLog.openWriter(url, machineA, "writer-a", SHORT_LEASE, NEVER)) {
            a.append(PostgresEventLogTest.entries(1, 2));
            long epochA = a.epoch().orElseThrow();
            try (var b = takeOver("writer-b", machineB)) {
                assertThat(b.epoch()).hasValue(epochA + 1);
                assertThat(b.writerLease().holder()).isEqualTo("writer-b");
                assertThat(b.head().sequence()).isEqualTo(2);

                assertThatThrownBy(() -> a.append(PostgresEventLogTest.entries(3, 4))).isInstanceOf(LeaseLostException.class)
                        .hasMessageContaining("writer-a lost the log's writer lease (epoch " + epochA + "): writer-b took it over at epoch "
                                + (epochA + 1));
                assertThat(storedRecords()).as("nothing of A's refused append is stored").isEqualTo(2);
                assertThatThrownBy(() -> a.saveSnapshot(new Snapshot(2, a.head().hash(), "state-2", new byte[] {2})))
                        .isInstanceOf(LeaseLostException.class);

                assertThat(b.append(PostgresEventLogTest.entries(3, 3)).sequence()).isEqualTo(3);
                assertThatThrownBy(() -> a.append(PostgresEventLogTest.entries(4, 4))).as("A refuses every later append")
                        .isInstanceOf(LeaseLostException.class);
                var verification = b.verify();
                assertThat(verification.ok()).isTrue();
                assertThat(verification.goodRecords()).isEqualTo(3);
            }
        }
        try (var reader = PostgresEventLog.openReader(url, machineB)) {
            var commands = new ArrayList<String>();
            reader.replay(0, record -> commands.add(record.commandId()));
            assertThat(commands).as("one chain, one head").containsExactly("command-1", "command-2", "command-3");
        }
    }

    /**
     * Writer A's append stalls inside its transaction, after its fence and insert and before its commit (a raw transaction
     * plays it, with the log's own fence statement). Its lease lapses meanwhile, yet B's takeover waits for that
     * transaction, and then reads a head that includes the record.
     */
    @Test
    void a_takeover_waits_for_an_append_in_flight_then_reads_a_head_that_includes_it() throws Exception {
        try (var a = PostgresEventLog.openWriter(url, machineA, "writer-a", SHORT_LEASE, NEVER);
                var stalled = DriverManager.getConnection(url)) {
            stalled.setAutoCommit(false);
            try (var fence = stalled.prepareStatement(PostgresLease.FENCE)) {
                fence.setString(1, "writer-a");
                fence.setLong(2, a.epoch().orElseThrow());
                assertThat(fence.executeQuery().next()).as("A's lease is current when its append starts").isTrue();
            }
            try (var insert = stalled.prepareStatement("INSERT INTO log_record (" + LogTables.RECORD_COLUMNS + ", previous_hash)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                LogTables.addBatch(insert, new LogHead(0, HashChain.GENESIS), PostgresEventLogTest.entries(1, 1), true);
                insert.executeBatch();
            }
            Thread.sleep(SHORT_LEASE.multipliedBy(2).toMillis());
            var takeover = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return takeOver("writer-b", machineB);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(SHORT_LEASE.toMillis());
            assertThat(takeover).as("B waits while A's append is in flight").isNotDone();
            stalled.commit();
            try (var b = takeover.get(TAKEOVER_WAIT_MAX.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                assertThat(b.head().sequence()).isEqualTo(1);
                assertThat(b.append(PostgresEventLogTest.entries(2, 2)).sequence()).isEqualTo(2);
                assertThat(b.verify().ok()).isTrue();
            }
        }
    }

    @Test
    void a_writer_whose_lease_lapsed_unrenewed_fails_stop_even_with_no_successor() throws InterruptedException {
        try (var a = PostgresEventLog.openWriter(url, machineA, "writer-a", SHORT_LEASE, NEVER)) {
            Thread.sleep(SHORT_LEASE.multipliedBy(2).toMillis());
            assertThatThrownBy(() -> a.append(PostgresEventLogTest.entries(1, 1))).isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining("it expired at");
            assertThat(a.head().sequence()).isZero();
        }
    }

    @Test
    void a_renewing_writer_keeps_its_lease_past_its_duration() throws InterruptedException {
        try (var a = PostgresEventLog.openWriter(url, machineA, "writer-a", SHORT_LEASE)) {
            Thread.sleep(SHORT_LEASE.multipliedBy(3).toMillis());
            assertThat(a.append(PostgresEventLogTest.entries(1, 1)).sequence()).isEqualTo(1);
            assertThatThrownBy(() -> PostgresEventLog.openWriter(url, machineB, "writer-b", SHORT_LEASE))
                    .isInstanceOf(LeaseHeldException.class);
        }
    }

    @Test
    void closing_releases_the_lease_so_the_next_writer_takes_it_at_once_at_the_next_epoch() {
        long epochA;
        try (var a = PostgresEventLog.openWriter(url, machineA, "writer-a", PostgresEventLog.LEASE_DEFAULT)) {
            a.append(PostgresEventLogTest.entries(1, 1));
            epochA = a.epoch().orElseThrow();
        }
        try (var b = PostgresEventLog.openWriter(url, machineB.resolve("new"), "writer-b", PostgresEventLog.LEASE_DEFAULT)) {
            assertThat(b.epoch()).hasValue(epochA + 1);
            assertThat(b.append(PostgresEventLogTest.entries(2, 2)).sequence()).isEqualTo(2);
            var lease = b.writerLease();
            assertThat(lease.holder()).isEqualTo("writer-b");
            assertThat(lease.epoch()).isEqualTo(epochA + 1);
        }
        assertThat(HeadFile.read(machineB.resolve("new"))).as("a new data directory is created for B's anchors")
                .hasValueSatisfying(head -> assertThat(head.sequence()).isEqualTo(2));
    }
}
