package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.web3j.crypto.Credentials;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Real {@code serve --db} processes on one PostgreSQL log for the tests, in their own data directories under {@code directory},
 * and HTTP to them: each said where it serves on its first lines; every one is killed by {@link #close}.
 */
final class ServerProcesses implements AutoCloseable {
    static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path directory;
    private final String leaseSeconds;
    private final List<Process> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    ServerProcesses(Path directory, String leaseSeconds) {
        this.directory = directory;
        this.leaseSeconds = leaseSeconds;
    }

    /** A server process and the port it serves on. */
    record Server(Process process, int port) {
    }

    /** An answer: its status, body, and the log sequence the read reflected (-1 when it said none). */
    record Answer(int status, JsonNode body, long sequence) {
    }

    Server serve(String name, String url, String... extra) throws IOException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "io.auditcover.cli.Main", "serve",
                "--db", url, "--data", directory.resolve(name).toString(), "--port", "0", "--tick-seconds", "3600",
                "--lease-seconds", leaseSeconds));
        command.addAll(List.of(extra));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(directory.resolve(name + ".err").toFile()))
                .start();
        servers.add(server);
        var lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        while (true) {
            String line = lines.readLine();
            assertThat(line).as(name + "'s output ended before it said where it serves").isNotNull();
            var matcher = SERVING.matcher(line);
            if (matcher.find()) {
                return new Server(server, Integer.parseInt(matcher.group(1)));
            }
        }
    }

    /** An operator key named {@code ops} in the shared access store of the log at {@code url}: good on every instance. */
    String apiKey(String url) {
        var created = CliRun.of("apikey", "create", "ops", "--data", directory.resolve("cli").toString(), "--db", url);
        assertThat(created.exitCode()).as(created.err()).isZero();
        return created.out().strip();
    }

    Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Auditcover-Log-Sequence").map(Long::parseLong).orElse(-1L));
    }

    /** Registers a protocol as the operator, with {@code idempotencyKey} when given. */
    Answer register(int port, String key, String protocolId, String idempotencyKey) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/protocols")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + protocolId
                        + "\",\"name\":\"" + protocolId + "\",\"category\":\"dex\"}"));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    /** Posts {@code body} with the authorization given, and {@code idempotencyKey} when given. */
    Answer post(int port, String authorization, String path, String body, String idempotencyKey) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    /** Signs {@code wallet} in to the instance at {@code port} (Sign-In with Ethereum); null when it does not answer with a token. */
    String signIn(int port, Credentials wallet) throws IOException, InterruptedException {
        return signIn(port, port, wallet);
    }

    /** Signs in on {@code port} with a nonce fetched from {@code noncePort} (another instance behind the same address, say). */
    String signIn(int noncePort, int port, Credentials wallet) throws IOException, InterruptedException {
        var nonce = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + noncePort + "/api/auth/nonce")));
        if (nonce.status() != 200) {
            return null;
        }
        String domain = "127.0.0.1:" + port;
        java.time.Instant now = java.time.Instant.now();
        String message = io.auditcover.access.SiweMessage.format(domain, org.web3j.crypto.Keys.toChecksumAddress(wallet.getAddress()),
                "Sign in to Auditcover.", "http://" + domain, 1, nonce.body().get("nonce").asText(), now, now.plus(Duration.ofMinutes(30)));
        var body = JSON.createObjectNode().put("message", message).put("signature", io.auditcover.access.PersonalSignatures.sign(wallet, message));
        var answer = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/siwe"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        return answer.status() == 200 ? answer.body().get("token").asText() : null;
    }

    Answer read(int port, String path, long atLeast) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Auditcover-Min-Sequence", Long.toString(atLeast)));
    }

    @Override
    public void close() {
        for (Process server : servers) {
            server.destroyForcibly();
            try {
                server.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
