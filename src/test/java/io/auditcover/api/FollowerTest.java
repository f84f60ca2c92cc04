package io.auditcover.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.cli.ChainAdapters;
import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.ManualClock;
import io.auditcover.engine.Outcome;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.store.EventLog;
import io.auditcover.store.EventLogs;
import io.auditcover.store.PostgresPerClass;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one real PostgreSQL log, each an engine and a server on port 0: the writer, and a follower that tails the
 * log, serves reads at or after a sequence, refuses writes naming the writer, and takes over once the writer is cut off and
 * its lease lapses.
 */
class FollowerTest {
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final Asset USDC = new Asset("USDC", 6);
    /** Short, so a lapsed writer is replaced quickly; renewed every third of it. */
    static final Duration LEASE = Duration.ofSeconds(1);
    /** What a takeover may take beyond the lease: a poll, the schema check and the lease UPDATE. */
    static final Duration TAKEOVER_MARGIN = Duration.ofSeconds(4);
    static final String LEADER = "leader-a";
    static final String LEADER_URL = "http://leader-a.example:8080";
    @RegisterExtension
    static final PostgresPerClass cluster = new PostgresPerClass();

    @TempDir
    Path leaderDirectory;
    @TempDir
    Path followerDirectory;
    String url;
    final List<AutoCloseable> opened = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    final ManualClock clock = new ManualClock(START);
    Engine leader;
    ApiServer leaderServer;
    Engine follower;
    ApiServer followerServer;
    private int commandNumber;

    @BeforeEach
    void start() throws SQLException {
        url = cluster.newDatabase();
        // the writer's sessions carry its name, so a test can cut them off the way a partition or a crash would
        String leaderUrl = url + "&ApplicationName=" + LEADER;
        EventLog log = EventLogs.openWriter(leaderUrl, leaderDirectory, LEADER, LEADER_URL, LEASE);
        leader = opened(Engine.start(log, clock, Engine.Settings.DEFAULT));
        seed();
        leaderServer = opened(ApiServer.start(leader, clock, leaderDirectory, ApiServer.Settings.local(0).withRateLimit(0, 1),
                ChainAdapters.STATEMENTS, LossEvidenceSource.NONE, EventLogs.openToRead(leaderUrl, leaderDirectory)));
        var succession = EventLogs.follow(url, followerDirectory, "follower-b", "", LEASE, true);
        follower = opened(Engine.follow(succession, clock, Engine.Settings.DEFAULT, io.auditcover.engine.SignatureRecovery.NONE));
        followerServer = opened(ApiServer.start(follower, clock, followerDirectory, ApiServer.Settings.local(0).withRateLimit(0, 1),
                ChainAdapters.STATEMENTS, LossEvidenceSource.NONE, EventLogs.openToRead(url, followerDirectory)));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private void seed() {
        submit(new Command.AdvanceTime(id()));
        submit(new Command.RegisterProtocol(id(), new Protocol("lendwell", "Lendwell", "lending")));
        submit(new Command.CreatePool(id(), "blue-chip", USDC, new PoolRules(Ratio.whole(2), Ratio.of(1, 2), Duration.ofDays(14))));
        submit(new Command.Deposit(id(), "blue-chip", "0x" + "33".repeat(20), Money.whole(USDC, 1_000_000)));
    }

    private void submit(Command command) {
        assertThat(leader.submit(command).join()).isInstanceOf(Outcome.Accepted.class);
    }

    private String id() {
        return "seed-" + (++commandNumber);
    }

    record Answer(int status, JsonNode body, long sequence) {
    }

    private Answer send(ApiServer server, HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()),
                    response.headers().firstValue(ApiServer.LOG_SEQUENCE).map(Long::parseLong).orElse(-1L));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(ApiServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private Answer read(ApiServer server, String path, long atLeast) {
        return send(server, request(server, path).GET().header(ApiServer.MIN_SEQUENCE, Long.toString(atLeast)));
    }

    private Answer registerProtocol(ApiServer server, String protocolId) {
        String key = server.accessStore().createKey("ops-" + (++commandNumber), START);
        return send(server, request(server, "/api/protocols").header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + protocolId + "\",\"name\":\"" + protocolId + "\",\"category\":\"dex\"}")));
    }

    @Test
    void a_follower_serves_what_the_writer_wrote_at_or_after_its_sequence_with_the_same_state() {
        var written = registerProtocol(leaderServer, "swapwell");
        assertThat(written.status()).isEqualTo(201);
        long sequence = written.body().get("log_sequence").asLong();

        var onFollower = read(followerServer, "/api/protocols/swapwell", sequence);
        var onLeader = read(leaderServer, "/api/protocols/swapwell", sequence);

        assertThat(onFollower.status()).isEqualTo(200);
        assertThat(onFollower.sequence()).isGreaterThanOrEqualTo(sequence);
        assertThat(onFollower.body()).isEqualTo(onLeader.body());
        assertThat(read(followerServer, "/api/pools", sequence).body()).isEqualTo(read(leaderServer, "/api/pools", sequence).body());
        assertThat(read(followerServer, "/api/log/head", sequence).body()).isEqualTo(read(leaderServer, "/api/log/head", sequence).body());
        assertThat(follower.stateHash()).isEqualTo(leader.stateHash());
    }

    @Test
    void a_write_sent_to_a_follower_is_refused_naming_the_writer_and_where_it_serves() {
        var refused = registerProtocol(followerServer, "swapwell");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("error").asText()).isEqualTo("not_leader");
        assertThat(refused.body().get("details").get("leader").asText()).isEqualTo(LEADER);
        assertThat(refused.body().get("details").get("leader_url").asText()).isEqualTo(LEADER_URL);
        assertThat(read(leaderServer, "/api/protocols/swapwell", 0).status()).isEqualTo(404);
        assertThat(read(followerServer, "/ready", 0).body().get("role").asText()).isEqualTo("follower");
    }

    @Test
    void when_the_writer_is_cut_off_the_follower_takes_over_within_the_lease_and_the_chain_keeps_one_head() throws Exception {
        long before = registerProtocol(leaderServer, "swapwell").body().get("log_sequence").asLong();
        read(followerServer, "/api/protocols/swapwell", before);

        cutOff(LEADER);
        long cut = System.nanoTime();
        while (follower.following() && System.nanoTime() - cut < LEASE.plus(TAKEOVER_MARGIN).toNanos()) {
            Thread.sleep(50);
        }

        assertThat(follower.following()).as("took over within the lease and a margin").isFalse();
        var written = registerProtocol(followerServer, "tradewell");
        assertThat(written.status()).isEqualTo(201);
        assertThat(written.body().get("log_sequence").asLong()).isEqualTo(before + 1);
        assertThat(registerProtocol(leaderServer, "lostwell").status()).as("the old writer stores nothing").isEqualTo(503);
        var retried = follower.submit(new Command.RegisterProtocol("seed-2", new Protocol("lendwell", "Lendwell", "lending"))).join();
        assertThat(retried).as("a retry of the old writer's command is answered from the log").isInstanceOfSatisfying(
                Outcome.Accepted.class, accepted -> assertThat(accepted.repeated()).isTrue());
        try (EventLog log = EventLogs.openToRead(url, followerDirectory)) {
            var verification = log.verify();
            assertThat(verification.ok()).isTrue();
            assertThat(verification.head().sequence()).isEqualTo(before + 1);
            assertThat(Engine.stateHash(Engine.rebuild(log))).isEqualTo(follower.stateHash());
        }
        assertThat(read(followerServer, "/api/protocols/swapwell", 0).status()).isEqualTo(200);
    }

    /** Ends every database session of {@code applicationName}: its lease can no longer be renewed, nor its appends committed. */
    private void cutOff(String applicationName) throws SQLException {
        try (var connection = DriverManager.getConnection(url); var sql = connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            sql.setString(1, applicationName);
            sql.executeQuery().close();
        }
    }
}
