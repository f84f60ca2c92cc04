package io.auditcover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.store.PostgresCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults under load, Jepsen-style, on real processes and a real PostgreSQL, loopback only: two {@code serve --db} instances
 * contend for the writer's lease under a {@link WriteLoad} (registrations and deposits). Rounds alternate two faults: the
 * writer is killed (SIGKILL, its lease never released) and started again; or it is frozen (SIGSTOP) past its lease and thawed, when it must find itself
 * fenced, append nothing and exit ({@code serve}'s fail-stop). After every round {@link WriteLoad#check} holds. {@code mvn verify} runs a few rounds;
 * {@code -Dauditcover.failover.rounds=20} runs the long version.
 */
class FailoverRoundsTest {
    static final int ROUNDS = Integer.getInteger("auditcover.failover.rounds", 4);
    static final String LEASE_SECONDS = "1";

    @TempDir
    Path directory;

    @Test
    void acknowledged_commands_survive_killed_and_frozen_writers_exactly_once_on_one_chain() throws Exception {
        try (var cluster = PostgresCluster.start(); var processes = new ServerProcesses(directory, LEASE_SECONDS)) {
            String url = cluster.newDatabase();
            var names = List.of("a", "b");
            var keys = new ArrayList<String>();
            String key = processes.apiKey(url);
            names.forEach(name -> keys.add(key));
            var servers = new ArrayList<ServerProcesses.Server>();
            for (String name : names) {
                servers.add(processes.serve(name, url));
            }
            try (var load = new WriteLoad(processes, servers, keys)) {
                for (int round = 0; round < ROUNDS; round++) {
                    Thread.sleep(700);
                    int writer = load.writerIndex();
                    var victim = servers.get(writer);
                    if (round % 2 == 0) {
                        victim.process().destroyForcibly().waitFor();
                    } else {
                        signal("STOP", victim.process());
                        Thread.sleep(Duration.ofSeconds(Long.parseLong(LEASE_SECONDS)).multipliedBy(3).toMillis());
                        signal("CONT", victim.process());
                        // fenced: it finds its lease taken over and exits by itself, for its supervisor to start it again
                        assertThat(victim.process().waitFor(20, TimeUnit.SECONDS)).as("round %d: the thawed writer exits", round).isTrue();
                        assertThat(victim.process().exitValue()).isEqualTo(ServeCommand.EXIT_WRITER_STOPPED);
                    }
                    servers.set(writer, processes.serve(names.get(writer), url));
                    load.pause();
                    load.check(round);
                    load.resume();
                }
                assertThat(load.acknowledged.size()).as("registrations acknowledged over %d rounds", ROUNDS).isGreaterThan(ROUNDS);
                assertThat(load.deposited.size()).as("deposits acknowledged over %d rounds", ROUNDS).isGreaterThan(ROUNDS);
            }
        }
    }

    static void signal(String signal, Process process) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
    }
}
