package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.store.PostgresCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults under load, Jepsen-style, on real processes and a real PostgreSQL, loopback only: two {@code serve --db} instances
 * contend for the writer's lease while a client registers protocols through whichever writes (a write refused
 * {@code not_leader} or cut off is sent again, with the same Idempotency-Key, to the other). Rounds alternate two faults: the
 * writer is killed (SIGKILL, its lease never released) and started again; or it is frozen (SIGSTOP) past its lease and thawed,
 * when it must find itself fenced and append nothing. After every round: every acknowledged command is in the log exactly
 * once (no retry was applied twice), the chain verifies with one head, and the follower's log head equals the writer's at the
 * same sequence. {@code mvn verify} runs a few rounds; {@code -Dauditcover.failover.rounds=20} runs the long version.
 */
class FailoverRoundsTest {
    static final int ROUNDS = Integer.getInteger("auditcover.failover.rounds", 4);
    static final String LEASE_SECONDS = "1";
    static final Duration SETTLE_MAX = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void acknowledged_commands_survive_killed_and_frozen_writers_exactly_once_on_one_chain() throws Exception {
        try (var cluster = PostgresCluster.start(); var processes = new ServerProcesses(directory, LEASE_SECONDS)) {
            String url = cluster.newDatabase();
            var names = List.of("a", "b");
            var keys = new ArrayList<String>();
            names.forEach(name -> keys.add(processes.apiKey(name)));
            var servers = new ArrayList<ServerProcesses.Server>();
            for (String name : names) {
                servers.add(processes.serve(name, url));
            }
            var acknowledged = new CopyOnWriteArrayList<String>();
            var duplicates = new CopyOnWriteArrayList<String>();
            var paused = new AtomicBoolean();
            var stop = new AtomicBoolean();
            var failure = new AtomicReference<Throwable>();
            var client = Thread.ofPlatform().start(() -> {
                int next = 0;
                try {
                    while (!stop.get()) {
                        if (paused.get()) {
                            Thread.sleep(20);
                            continue;
                        }
                        String id = "p" + next++;
                        register(processes, servers, keys, id, acknowledged, duplicates, stop);
                        Thread.sleep(10);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    Thread.sleep(700);
                    int writer = writerIndex(processes, servers);
                    var victim = servers.get(writer);
                    if (round % 2 == 0) {
                        victim.process().destroyForcibly().waitFor();
                    } else {
                        signal("STOP", victim.process());
                        Thread.sleep(Duration.ofSeconds(Long.parseLong(LEASE_SECONDS)).multipliedBy(3).toMillis());
                        signal("CONT", victim.process());
                        Thread.sleep(300);
                        victim.process().destroyForcibly().waitFor(); // fenced: its engine stopped; start it afresh
                    }
                    servers.set(writer, processes.serve(names.get(writer), url));
                    paused.set(true);
                    Thread.sleep(200);
                    check(processes, servers, keys, acknowledged, duplicates, round);
                    paused.set(false);
                }
            } finally {
                stop.set(true);
                client.join(SETTLE_MAX.toMillis());
            }
            assertThat(failure.get()).isNull();
            assertThat(acknowledged.size()).as("commands acknowledged over %d rounds", ROUNDS).isGreaterThan(ROUNDS);
        }
    }

    /** Sends one registration until some instance acknowledges it, to whichever writes, with one Idempotency-Key. */
    private static void register(ServerProcesses processes, List<ServerProcesses.Server> servers, List<String> keys, String id,
            List<String> acknowledged, List<String> duplicates, AtomicBoolean stop) throws InterruptedException {
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
                // the instance is down or frozen: the other may write
            }
            Thread.sleep(50);
        }
    }

    private static int writerIndex(ServerProcesses processes, List<ServerProcesses.Server> servers) throws Exception {
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

    private static void check(ServerProcesses processes, List<ServerProcesses.Server> servers, List<String> keys, List<String> acknowledged,
            List<String> duplicates, int round) throws Exception {
        int writer = writerIndex(processes, servers);
        int follower = 1 - writer;
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
        var followerHead = processes.read(servers.get(follower).port(), "/api/log/head", head).body();
        assertThat(followerHead.get("sequence")).isEqualTo(writerHead.get("sequence"));
        assertThat(followerHead.get("hash")).as("round %d: one head, no fork", round).isEqualTo(writerHead.get("hash"));
    }

    private static void signal(String signal, Process process) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
    }
}
