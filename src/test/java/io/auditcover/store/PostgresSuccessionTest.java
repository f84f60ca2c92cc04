package io.auditcover.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A follower hears of appends by NOTIFY, reads who writes and where it serves, and takes over only a free lease. */
class PostgresSuccessionTest {
    static final Duration LEASE = Duration.ofSeconds(10);
    /** Far longer than a notice takes: a follower that waited this long heard nothing and would only be polling. */
    static final Duration NO_NOTICE = Duration.ofSeconds(60);
    @RegisterExtension
    static final PostgresPerClass cluster = new PostgresPerClass();

    @TempDir
    Path writerDirectory;
    @TempDir
    Path followerDirectory;

    @Test
    void an_append_wakes_a_follower_waiting_for_one() throws SQLException {
        String url = cluster.newDatabase();
        try (var writer = PostgresEventLog.openWriter(url, writerDirectory, "writer-a", LEASE);
                var follower = EventLogs.follow(url, followerDirectory, "follower-b", "", LEASE, true)) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                follower.log().awaitAppend(Duration.ofMillis(1)); // starts listening
                var appending = CompletableFuture.runAsync(() -> writer.append(PostgresEventLogTest.entries(1, 3)));
                follower.log().awaitAppend(NO_NOTICE);
                appending.join();
            });
            assertThat(follower.log().head().sequence()).isEqualTo(3);
        }
    }

    @Test
    void a_follower_names_the_writer_and_its_url_and_takes_over_only_once_the_lease_is_free() throws SQLException {
        String url = cluster.newDatabase();
        var writer = EventLogs.openWriter(url, writerDirectory, "writer-a", "https://writer-a.example", LEASE);
        try (var follower = EventLogs.follow(url, followerDirectory, "follower-b", "https://follower-b.example", LEASE, true);
                var onlyFollows = EventLogs.follow(url, followerDirectory, "follower-c", "", LEASE, false)) {
            writer.append(PostgresEventLogTest.entries(1, 2));

            assertThat(follower.writer().orElseThrow().holder()).isEqualTo("writer-a");
            assertThat(follower.writer().orElseThrow().url()).contains("https://writer-a.example");
            assertThat(follower.takeOver()).isEmpty();

            writer.close(); // releases the lease
            writer = null;
            assertThat(onlyFollows.takeOver()).isEmpty();
            try (EventLog taken = follower.takeOver().orElseThrow()) {
                assertThat(taken.head().sequence()).isEqualTo(2);
                assertThat(onlyFollows.writer().orElseThrow().holder()).isEqualTo("follower-b");
                assertThat(onlyFollows.writer().orElseThrow().url()).contains("https://follower-b.example");
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
