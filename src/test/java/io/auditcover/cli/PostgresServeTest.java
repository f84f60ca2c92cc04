package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.store.PostgresPerClass;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --db} as real processes on one PostgreSQL log: the first writes; a second, contending, follows until the first
 * is killed (its lease never released) and then writes; a third, {@code --follower}, only ever follows and reads them both.
 */
class PostgresServeTest {
    static final String LEASE_SECONDS = "1";
    /** A takeover's bound: the lease, a poll, the new writer's schema check and lease UPDATE, and a JVM's first queries. */
    static final Duration TAKEOVER_MAX = Duration.ofSeconds(8);
    static final String LEADER_URL = "http://writer-a.example:8080";
    @RegisterExtension
    static final PostgresPerClass cluster = new PostgresPerClass();
    ServerProcesses processes;

    @TempDir
    Path directory;

    @BeforeEach
    void processes() {
        processes = new ServerProcesses(directory, LEASE_SECONDS);
    }

    @AfterEach
    void stopServers() {
        processes.close();
    }

    @Test
    void a_contending_server_takes_over_from_a_killed_writer_and_a_follower_reads_them_both() throws Exception {
        String url = cluster.newDatabase();
        // one key for every instance: keys, seats and the session secret live in the shared database
        String keyA = processes.apiKey(url);
        String keyB = keyA;
        String keyC = keyA;
        var serverA = processes.serve("a", url, "--advertise-url", LEADER_URL);
        int a = serverA.port();
        Process aProcess = serverA.process();
        int b = processes.serve("b", url).port();
        int c = processes.serve("c", url, "--follower").port();

        long first = processes.register(a, keyA, "swapwell", null).body().get("log_sequence").asLong();
        var onB = processes.read(b, "/api/protocols/swapwell", first);
        var onC = processes.read(c, "/api/protocols/swapwell", first);
        var refused = processes.register(b, keyB, "tradewell", null);

        assertThat(onB.status()).isEqualTo(200);
        assertThat(onB.sequence()).isGreaterThanOrEqualTo(first);
        assertThat(onC.body()).isEqualTo(onB.body());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("error").asText()).isEqualTo("not_leader");
        assertThat(refused.body().get("details").get("leader_url").asText()).isEqualTo(LEADER_URL);

        aProcess.destroyForcibly().waitFor(); // killed: its lease is never released, only lapses
        long killed = System.nanoTime();
        ServerProcesses.Answer written = processes.register(b, keyB, "tradewell", null);
        while (written.status() == 503 && System.nanoTime() - killed < TAKEOVER_MAX.toNanos()) {
            Thread.sleep(100);
            written = processes.register(b, keyB, "tradewell", null);
        }

        assertThat(written.status()).as("the contending server took over: " + written.body()).isEqualTo(201);
        long second = written.body().get("log_sequence").asLong();
        assertThat(second).isEqualTo(first + 1);
        assertThat(processes.read(c, "/api/protocols/tradewell", second).status()).isEqualTo(200);
        var stillFollowing = processes.register(c, keyC, "lostwell", null);
        assertThat(stillFollowing.body().get("error").asText()).isEqualTo("not_leader");
        assertThat(stillFollowing.body().get("details").get("leader").asText()).isNotEqualTo(refused.body().get("details").get("leader").asText());
        assertThat(processes.read(c, "/ready", 0).body().get("role").asText()).isEqualTo("follower");
        String session = processes.signIn(c, WriteLoad.UNDERWRITER);
        var me = processes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b + "/api/me")).header("Authorization", "Bearer " + session));
        assertThat(me.status()).as("a session the follower issued is good on the writer: %s", me.body()).isEqualTo(200);
        assertThat(processes.signIn(c, b, WriteLoad.UNDERWRITER)).as("a nonce the follower issued signs in on the writer").isNotNull();
        var verified = processes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b + "/api/log/verify")).header("Authorization",
                "Bearer " + keyB));
        assertThat(verified.body().get("ok").asBoolean()).as(verified.body().toString()).isTrue();
        assertThat(verified.body().get("head_sequence").asLong()).isEqualTo(second);
    }
}
