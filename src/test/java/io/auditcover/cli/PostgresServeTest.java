package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditcover.store.PostgresCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --db} as real processes on one PostgreSQL log: the first writes; a second, contending, follows until the first
 * is killed (its lease never released) and then writes; a third, {@code --follower}, only ever follows and reads them both.
 */
class PostgresServeTest {
    static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");
    static final String LEASE_SECONDS = "1";
    /** A takeover's bound: the lease, a poll, the new writer's schema check and lease UPDATE, and a JVM's first queries. */
    static final Duration TAKEOVER_MAX = Duration.ofSeconds(8);
    static final String LEADER_URL = "http://writer-a.example:8080";
    static PostgresCluster cluster;
    final List<Process> servers = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = PostgresCluster.start();
    }

    @AfterAll
    static void stopCluster() throws IOException {
        cluster.close();
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process server : servers) {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private int serve(String name, String url, String... extra) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.auditcover.cli.Main", "serve",
                "--db", url, "--data", directory.resolve(name).toString(), "--port", "0", "--tick-seconds", "3600",
                "--lease-seconds", LEASE_SECONDS));
        command.addAll(List.of(extra));
        Process server = new ProcessBuilder(command).redirectError(directory.resolve(name + ".err").toFile()).start();
        servers.add(server);
        var lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        while (true) {
            String line = lines.readLine();
            assertThat(line).as(name + "'s output ended before it said where it serves").isNotNull();
            var matcher = SERVING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
    }

    private String apiKey(String name) {
        var created = CliRun.of("apikey", "create", "ops", "--data", directory.resolve(name).toString());
        assertThat(created.exitCode()).isZero();
        return created.out().strip();
    }

    record Answer(int status, JsonNode body, long sequence) {
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Auditcover-Log-Sequence").map(Long::parseLong).orElse(-1L));
    }

    private Answer register(int port, String key, String protocolId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/protocols")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + protocolId
                        + "\",\"name\":\"" + protocolId + "\",\"category\":\"dex\"}")));
    }

    private Answer read(int port, String path, long atLeast) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Auditcover-Min-Sequence", Long.toString(atLeast)));
    }

    @Test
    void a_contending_server_takes_over_from_a_killed_writer_and_a_follower_reads_them_both() throws Exception {
        String url = cluster.newDatabase();
        String keyA = apiKey("a");
        String keyB = apiKey("b");
        String keyC = apiKey("c");
        int a = serve("a", url, "--advertise-url", LEADER_URL);
        int b = serve("b", url);
        int c = serve("c", url, "--follower");

        long first = register(a, keyA, "swapwell").body().get("log_sequence").asLong();
        var onB = read(b, "/api/protocols/swapwell", first);
        var onC = read(c, "/api/protocols/swapwell", first);
        var refused = register(b, keyB, "tradewell");

        assertThat(onB.status()).isEqualTo(200);
        assertThat(onB.sequence()).isGreaterThanOrEqualTo(first);
        assertThat(onC.body()).isEqualTo(onB.body());
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().get("error").asText()).isEqualTo("not_leader");
        assertThat(refused.body().get("details").get("leader_url").asText()).isEqualTo(LEADER_URL);

        servers.getFirst().destroyForcibly().waitFor(); // killed: its lease is never released, only lapses
        long killed = System.nanoTime();
        Answer written = register(b, keyB, "tradewell");
        while (written.status() == 503 && System.nanoTime() - killed < TAKEOVER_MAX.toNanos()) {
            Thread.sleep(100);
            written = register(b, keyB, "tradewell");
        }

        assertThat(written.status()).as("the contending server took over: " + written.body()).isEqualTo(201);
        long second = written.body().get("log_sequence").asLong();
        assertThat(second).isEqualTo(first + 1);
        assertThat(read(c, "/api/protocols/tradewell", second).status()).isEqualTo(200);
        var stillFollowing = register(c, keyC, "lostwell");
        assertThat(stillFollowing.body().get("error").asText()).isEqualTo("not_leader");
        assertThat(stillFollowing.body().get("details").get("leader").asText()).isNotEqualTo(refused.body().get("details").get("leader").asText());
        assertThat(read(c, "/ready", 0).body().get("role").asText()).isEqualTo("follower");
        var verified = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b + "/api/log/verify")).header("Authorization",
                "Bearer " + keyB));
        assertThat(verified.body().get("ok").asBoolean()).as(verified.body().toString()).isTrue();
        assertThat(verified.body().get("head_sequence").asLong()).isEqualTo(second);
    }
}
