package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.Cause;
import io.auditcover.claims.Incident;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.store.SqliteEventLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/** {@code serve} and {@code apikey} as real processes: keys work until revoked; SIGTERM drains and closes cleanly. */
class ServeCommandTest {
    static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path directory;

    private Process java(String... args) throws Exception {
        var command = new java.util.ArrayList<String>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.auditcover.cli.Main"));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private String run(String... args) throws Exception {
        Process process = java(args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args)).isZero();
        return out;
    }

    /** Reads serve's output until it says where it serves; returns the port. */
    private static int port(Process server) throws Exception {
        var lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        while (true) {
            String line = lines.readLine();
            assertThat(line).as("serve's output ended before it said where it serves").isNotNull();
            var matcher = SERVING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
    }

    @Test
    void serve_pays_a_final_incidents_parametric_pool_on_its_own_tick_while_the_indemnity_pool_waits() throws Exception {
        String data = directory.toString();
        String key = run("apikey", "create", "ops", "--data", data);
        String deployment = "0x" + "5c".repeat(32);
        Process server = java("serve", "--demo", "--port", "0", "--tick-seconds", "1", "--data", data, "--deployment-id", deployment);
        try {
            int port = port(server);
            var http = HttpClient.newHttpClient();
            var oracles = java.util.List.of(ECKeyPair.create(BigInteger.valueOf(7_001)), ECKeyPair.create(BigInteger.valueOf(7_002)));
            String addresses = oracles.stream().map(k -> "\"0x" + Keys.getAddress(k.getPublicKey()) + "\"").collect(Collectors.joining(","));
            assertThat(post(http, port, key, "/api/oracles", "{\"oracles\":[" + addresses + "],\"threshold\":2,"
                    + "\"attestation_window_hours\":24,\"dispute_window_hours\":0}").statusCode()).isEqualTo(201);
            String protocol = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/protocols/lendwell")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            var address = Pattern.compile("\"address\":\"(0x[0-9a-f]{40})\"").matcher(protocol);
            assertThat(address.find()).as(protocol).isTrue();
            String contract = "1:" + address.group(1);
            var incident = new Incident("lendwell-drain", "lendwell", java.util.List.of(contract), 21_000_500, 21_000_501,
                    Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS), Cause.REENTRANCY, Money.whole(new Asset("USDC", 6), 1_000_000),
                    java.util.List.of());
            var reported = post(http, port, key, "/api/incidents", "{\"id\":\"lendwell-drain\",\"protocol_id\":\"lendwell\",\"contracts\":[\""
                    + contract + "\"],\"from_block\":21000500,\"to_block\":21000501,\"occurred_at\":\"" + incident.occurredAt()
                    + "\",\"cause\":\"reentrancy\",\"estimated_loss\":{\"amount\":\"1000000\",\"asset\":\"USDC\"},\"transactions\":[]}");
            assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
            for (ECKeyPair oracle : oracles) {
                assertThat(post(http, port, null, "/api/incidents/lendwell-drain/attestations", "{\"signature\":\""
                        + IncidentStatements.sign(deployment, incident, true, oracle) + "\"}").statusCode()).isEqualTo(201);
            }
            String settled = "";
            for (int attempt = 0; attempt < 100 && !settled.contains("\"settled_pools\":[\"blue-chip\"]"); attempt++) {
                Thread.sleep(100);
                settled = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/incidents/lendwell-drain")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertThat(settled).as("blue-chip's parametric covers are paid; frontier's indemnity holders may still claim for 30 days")
                    .contains("\"status\":\"final\"", "\"settled_pools\":[\"blue-chip\"]", "\"settled_at\":null");
        } finally {
            server.destroy();
        }
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private static HttpResponse<String> post(HttpClient http, int port, String key, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serve_answers_with_an_operator_key_until_it_is_revoked_and_stops_cleanly_on_sigterm() throws Exception {
        String data = directory.toString();
        String key = run("apikey", "create", "ci-ops", "--data", data);
        assertThat(key).startsWith("ac_");
        Process server = java("serve", "--demo", "--port", "0", "--data", data);
        try {
            int port = port(server);
            assertThat(port).isPositive();
            var http = HttpClient.newHttpClient();
            var verify = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/log/verify"))
                    .header("Authorization", "Bearer " + key).build();
            var answer = http.send(verify, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"ok\":true");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/pools")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("blue-chip", "frontier");
            run("apikey", "revoke", "ci-ops", "--data", data);
            assertThat(http.send(verify, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        } finally {
            server.destroy();
        }
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isIn(0, 143);
        try (var log = SqliteEventLog.open(directory)) {
            assertThat(log.verify().ok()).isTrue();
            assertThat(log.head().sequence()).isPositive();
        }
    }
}
