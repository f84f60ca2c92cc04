package io.auditcover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.Seeds;
import io.auditcover.store.EventLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills a child JVM running the engine under load with SIGKILL at a random moment, again and again on
 * the same data directory: after each restart every acknowledged command is in the log, the chain
 * verifies, and the books balance. The seed picks the moments; the kill still lands wherever the child happens to be.
 */
class CrashTest {
    static final int ROUNDS = 20;
    /** One seed: each costs twenty child JVMs. */
    static final long[] SEEDS = {1};

    @TempDir
    Path directory;

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void every_acknowledged_command_survives_a_kill_at_a_random_moment(long seed) throws Exception {
        var random = new Random(seed);
        var acknowledged = new HashSet<String>();
        for (int round = 0; round < ROUNDS; round++) {
            acknowledged.addAll(runAndKill(round, 50 + random.nextInt(700)));
            try (EventLog log = EngineFixtures.log(directory)) {
                assertThat(log.verify().ok()).as("chain verifies after round %d (seed %d)", round, seed).isTrue();
                Set<String> logged = new HashSet<>();
                log.replay(0, record -> logged.add(record.commandId()));
                var missing = new HashSet<>(acknowledged);
                missing.removeAll(logged);
                assertThat(missing).as("acknowledged but lost after round %d (seed %d)", round, seed).isEmpty();
                State state = Engine.rebuild(log);
                assertThat(Invariants.violations(state)).as("invariants after round %d", round).isEmpty();
            }
        }
        assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * 10);
    }

    /** Starts the child, waits until it is under load, kills it after {@code millis}, returns what it acknowledged. */
    private Set<String> runAndKill(int round, long millis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                directory.toString(), Integer.toString(round)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<String> acks = ConcurrentHashMap.newKeySet();
        var ready = new java.util.concurrent.CountDownLatch(1);
        var reader = Thread.ofPlatform().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    }
                    List<String> words = List.of(line.split(" "));
                    if (words.size() == 3 && words.get(0).equals("ack") && words.get(2).equals(".")) {
                        acks.add(words.get(1));
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe closes when the child dies; what was read is what was acknowledged
            }
        });
        assertThat(ready.await(60, TimeUnit.SECONDS)).as("child started").isTrue();
        Thread.sleep(millis);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join();
        return acks;
    }
}
