package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client's load on contending {@code serve --db} instances, for the failover rounds: it registers protocols one after
 * another through whichever instance writes; a write refused {@code not_leader} or cut off is sent again, with the same
 * Idempotency-Key, to the other, until one acknowledges it. {@link #check} is what must hold after every fault.
 */
final class RegistrationLoad implements AutoCloseable {
    static final Duration SETTLE_MAX = Duration.ofSeconds(60);
    final List<String> acknowledged = new CopyOnWriteArrayList<>();
    final List<String> duplicates = new CopyOnWriteArrayList<>();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ServerProcesses processes;
    private final List<ServerProcesses.Server> servers;
    private final List<String> keys;
    private final Thread client;

    /** Starts the client on {@code servers} (which the rounds replace in place as they restart instances). */
    RegistrationLoad(ServerProcesses processes, List<ServerProcesses.Server> servers, List<String> keys) {
        this.processes = processes;
        this.servers = servers;
        this.keys = keys;
        this.client = Thread.ofPlatform().start(this::run);
    }

    private void run() {
        int next = 0;
        try {
            while (!stop.get()) {
                if (paused.get()) {
                    Thread.sleep(20);
                    continue;
                }
                register("p" + next++);
                Thread.sleep(10);
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private void register(String id) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_MAX.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline && !stop.get(); attempt++) {
            int target = attempt % servers.size();
            try {
                var answer = processes.register(servers.get(target).port(), keys.get(target), id, "key-" + id);
                if (answer.status() == 201) {
                    acknowledged.add(id);
                    return;
                }
                if (answer.status() == 409) {
                    duplicates.add(id + ": " + answer.body());
                    return;
                }
            } catch (IOException e) {
                // the instance is down or frozen: another may write
            }
            Thread.sleep(50);
        }
    }

    /** Holds the client between two commands, so a check sees a quiet log. */
    void pause() throws InterruptedException {
        paused.set(true);
        Thread.sleep(200);
    }

    void resume() {
        paused.set(false);
    }

    /** The instance that writes now, waiting for one. */
    int writerIndex() throws Exception {
        long deadline = System.nanoTime() + SETTLE_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < servers.size(); i++) {
                try {
                    var ready = processes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.get(i).port() + "/ready")));
                    if (ready.status() == 200 && ready.body().get("role").asText().equals("writer")) {
                        return i;
                    }
                } catch (IOException e) {
                    // starting or gone
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no instance became the writer");
    }

    /**
     * After a fault: no retry was applied twice, the writer's chain verifies, every acknowledged command is in the log once
     * (and at most the one in flight besides), and every follower's head and state hash are the writer's at the same sequence.
     */
    void check(int round) throws Exception {
        int writer = writerIndex();
        int port = servers.get(writer).port();
        assertThat(duplicates).as("round %d: retries applied twice", round).isEmpty();
        var verified = processes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/log/verify"))
                .header("Authorization", "Bearer " + keys.get(writer)));
        assertThat(verified.body().get("ok").asBoolean()).as("round %d: %s", round, verified.body()).isTrue();
        long head = verified.body().get("head_sequence").asLong();
        var seen = new ArrayList<String>();
        String after = null;
        do {
            var page = processes.read(port, "/api/protocols?limit=500" + (after == null ? "" : "&after=" + after), head).body();
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            after = page.get("next_after").isNull() ? null : page.get("next_after").asText();
        } while (after != null);
        assertThat(seen).as("round %d: every acknowledged command in the log once", round).containsAll(List.copyOf(acknowledged))
                .doesNotHaveDuplicates();
        assertThat(seen.size()).as("round %d: the log holds acknowledged commands and at most the one in flight", round)
                .isBetween(acknowledged.size(), acknowledged.size() + 1);
        var writerHead = processes.read(port, "/api/log/head", head).body();
        var writerState = stateHash(writer, head);
        for (int i = 0; i < servers.size(); i++) {
            if (i != writer) {
                var followerHead = processes.read(servers.get(i).port(), "/api/log/head", head).body();
                assertThat(followerHead.get("sequence")).isEqualTo(writerHead.get("sequence"));
                assertThat(followerHead.get("hash")).as("round %d: one head, no fork", round).isEqualTo(writerHead.get("hash"));
                assertThat(stateHash(i, head)).as("round %d: the follower's state is the writer's", round).isEqualTo(writerState);
            }
        }
    }

    /** An instance's state hash once its view reflects {@code sequence}. */
    private String stateHash(int server, long sequence) throws Exception {
        var answer = processes.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.get(server).port() + "/api/log/state-hash"))
                .header("Authorization", "Bearer " + keys.get(server)).header("Auditcover-Min-Sequence", Long.toString(sequence)));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(answer.body().get("sequence").asLong()).isEqualTo(sequence);
        return answer.body().get("state_hash").asText();
    }

    /** Stops the client; a failure of its own (not a refused write) fails the test. */
    @Override
    public void close() {
        stop.set(true);
        try {
            client.join(SETTLE_MAX.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(failure.get()).isNull();
    }
}
