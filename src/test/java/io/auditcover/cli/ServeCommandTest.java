package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.store.SqliteEventLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void serve_answers_with_an_operator_key_until_it_is_revoked_and_stops_cleanly_on_sigterm() throws Exception {
        String data = directory.toString();
        String key = run("apikey", "create", "ci-ops", "--data", data);
        assertThat(key).startsWith("ac_");
        Process server = java("serve", "--demo", "--port", "0", "--data", data);
        try {
            var lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = 0;
            while (port == 0) {
                String line = lines.readLine();
                assertThat(line).as("serve's output ended before it said where it serves").isNotNull();
                var matcher = SERVING.matcher(line);
                if (matcher.find()) {
                    port = Integer.parseInt(matcher.group(1));
                }
            }
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
