package io.auditcover.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.engine.Command;
import io.auditcover.evidence.Protocol;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every read says the log sequence it reflects, and a read can ask to reflect at least a given one (read-your-writes). */
class ReadSequenceTest {
    @TempDir
    Path directory;
    ServiceFixture service;

    @BeforeEach
    void start() {
        service = new ServiceFixture(directory);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private ServiceFixture.Answer readAt(String path, String sequence) {
        return service.send(HttpRequest.newBuilder(service.uri(path)).GET().header(ApiServer.MIN_SEQUENCE, sequence), null, null);
    }

    private static long sequenceOf(ServiceFixture.Answer answer) {
        return Long.parseLong(answer.headers().firstValue(ApiServer.LOG_SEQUENCE).orElseThrow());
    }

    @Test
    void every_read_names_the_log_sequence_of_the_view_that_answered_it() {
        long head = service.server.view().headSequence();
        var pools = service.get("/api/pools", null);
        var missing = service.get("/api/pools/no-such-pool", null);

        assertThat(sequenceOf(pools)).isEqualTo(head);
        assertThat(sequenceOf(missing)).isEqualTo(head);
        assertThat(service.get("/api/log/head", null).body().get("sequence").asLong()).isEqualTo(head);
    }

    @Test
    void a_read_at_the_sequence_a_write_answered_with_sees_that_write() {
        var written = service.post("/api/protocols", service.operatorKey, "{\"id\":\"swapwell\",\"name\":\"Swapwell\",\"category\":\"dex\"}",
                null);
        long sequence = written.body().get("log_sequence").asLong();

        var read = readAt("/api/protocols/swapwell", Long.toString(sequence));

        assertThat(read.status()).isEqualTo(200);
        assertThat(sequenceOf(read)).isGreaterThanOrEqualTo(sequence);
    }

    @Test
    void a_read_waits_for_a_sequence_the_log_is_about_to_reach() {
        long next = service.server.view().headSequence() + 1;
        CompletableFuture<ServiceFixture.Answer> waiting = CompletableFuture.supplyAsync(() -> readAt("/api/protocols/swapwell", Long.toString(next)));

        service.submit(new Command.RegisterProtocol("late-write", new Protocol("swapwell", "Swapwell", "dex")));

        var read = waiting.join();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("id").asText()).isEqualTo("swapwell");
        assertThat(sequenceOf(read)).isEqualTo(next);
    }

    @Test
    void a_sequence_not_reached_in_time_is_503_with_the_sequence_this_instance_reflects() {
        long head = service.server.view().headSequence();

        var read = readAt("/api/pools", Long.toString(head + 1_000));

        assertThat(read.status()).isEqualTo(503);
        assertThat(read.body().get("error").asText()).isEqualTo("sequence_not_reached");
        assertThat(read.body().get("details").get("current_sequence").asLong()).isEqualTo(head);
        assertThat(sequenceOf(read)).isEqualTo(head);
    }

    @Test
    void a_malformed_sequence_is_a_malformed_request() {
        assertThat(readAt("/api/pools", "-1").status()).isEqualTo(400);
        assertThat(readAt("/api/pools", "12345678901234567890").status()).isEqualTo(400);
        assertThat(readAt("/api/pools", "0").status()).isEqualTo(200);
    }
}
