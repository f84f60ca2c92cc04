package io.auditcover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.cli.Main;
import io.auditcover.store.SqliteEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log format, pinned. Two logs written in format v0 (JSON) by an earlier build (the demo business, and one seed of the
 * random operations) are refused by replay, and migrate to format v1 replaying to the state hashes they had then: the
 * proof that the binary format is wire-compatible with what they held. Two logs written in format v1 must verify and replay
 * to their pinned hashes from zero and through their snapshots. A change that fails this either broke wire compatibility
 * or changed the state deliberately: then migrate the logs, or regenerate the v1 ones with
 * {@code mvn test -Dtest=GoldenLogTest -Dauditcover.golden.write=true} and pin the new hashes, and say why in the commit.
 * (The v0 logs cannot be regenerated: no build writes that format any more.)
 */
class GoldenLogTest {
    static final Path GOLDEN = Paths.get("src/test/resources/golden");
    static final Path GOLDEN_V1 = GOLDEN.resolve("v1");
    static final String DEPLOYMENT = "0x" + "601d".repeat(16);
    static final long RANDOM_OPERATIONS_SEED = 1;

    /**
     * Each golden log: its directory, how many records it holds, and the state hash its replay must reach. The v0 hashes were
     * re-pinned twice, deliberately: the calibration gained a severity tail and a rate variance, and a risk its interval; then
     * parameters gained their fitted factors, a risk profile its listing and a factor its source. The logs decode with those
     * absent and price exactly as before, but the state's encoding names the new fields.
     */
    record Golden(String name, long records, String stateHash) {
    }

    static final List<Golden> V0_LOGS = List.of(
            new Golden("demo", 194, "acab6dc645f6c74ce42a9c5dc01fdf2adf7ecea12494d9511e08087e9c6b4ec6"),
            new Golden("random-operations-seed-1", 4162, "2459b16fcabaeae37932da088ba0c634c66a7364e951e9e8e31bff394eaf0b1b"));
    static final List<Golden> V1_LOGS = List.of(
            new Golden("demo", 194, "091c438d29e1c8e40f1e3d60c2718157be000f4caa85912dc479c67ca82301b1"),
            new Golden("random-operations-seed-1", 4161, "95339f00e8806ed438daeebcfea801904e3ac85077ff394044032286937a2bc3"));
    /** The log file is kept compressed (its snapshots shrink several times); the anchors beside it are kept as they are. */
    static final String LOG_FILE = "auditcover.db";

    @TempDir
    Path directory;

    @Test
    void a_v0_golden_log_is_refused_by_replay_and_start_with_the_command_that_migrates_it() throws IOException {
        Golden golden = V0_LOGS.getFirst();
        Path copy = copy(GOLDEN.resolve(golden.name()), directory);
        try (var log = SqliteEventLog.open(copy)) {
            assertThat(log.verify().ok()).isTrue();
            assertThatThrownBy(() -> Engine.rebuild(log)).isInstanceOf(LogFormatException.class)
                    .hasMessageContaining("log format v0").hasMessageContaining("auditcover log migrate");
        }
        assertThatThrownBy(() -> Engine.start(SqliteEventLog.open(copy), Clock.systemUTC(), Engine.Settings.DEFAULT))
                .isInstanceOf(LogFormatException.class);
    }

    @Test
    void each_v0_golden_log_migrates_to_v1_verifies_and_replays_to_its_pinned_state_hash() throws IOException {
        for (Golden golden : V0_LOGS) {
            Path copy = copy(GOLDEN.resolve(golden.name()), directory.resolve(golden.name()));
            LogMigration.Result result = LogMigration.migrate(copy).orElseThrow();

            assertThat(result.records()).as(golden.name()).isEqualTo(golden.records());
            assertThat(result.stateHash()).as(golden.name() + " migrated").isEqualTo(golden.stateHash());
            assertThat(Files.exists(copy.resolve(LOG_FILE + LogMigration.KEPT_SUFFIX))).as("the v0 log is kept").isTrue();
            assertThat(LogMigration.migrate(copy)).as("a second migration has nothing to do").isEmpty();
            assertReplaysToItsHash(golden, copy);
        }
    }

    @Test
    void each_v1_golden_log_verifies_and_replays_to_its_pinned_state_hash_from_zero_and_from_its_snapshots() throws IOException {
        for (Golden golden : V1_LOGS) {
            Path copy = copy(GOLDEN_V1.resolve(golden.name()), directory.resolve(golden.name()));
            try (var log = SqliteEventLog.open(copy)) {
                assertThat(LogFormat.versionOf(log)).isEqualTo(LogFormat.VERSION);
                if (!golden.name().equals("demo")) {
                    assertThat(log.latestSnapshot()).as(golden.name() + " has a snapshot in format v1").isPresent();
                }
            }
            assertReplaysToItsHash(golden, copy);
        }
    }

    @Test
    void a_snapshot_of_another_format_version_is_skipped_and_the_log_replayed_from_zero() throws Exception {
        Golden golden = V1_LOGS.getLast();
        Path copy = copy(GOLDEN_V1.resolve(golden.name()), directory);
        try (var database = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy.resolve(LOG_FILE));
                var sql = database.createStatement()) {
            assertThat(sql.executeUpdate("UPDATE snapshot SET state = X'02' || substr(state, 2)")).isPositive();
        }
        try (Engine engine = Engine.start(SqliteEventLog.open(copy), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
            assertThat(engine.recovery().snapshotSequence()).as("no snapshot used").isZero();
            assertThat(engine.recovery().replayedEvents()).isEqualTo(golden.records());
            assertThat(engine.stateHash()).isEqualTo(golden.stateHash());
        }
    }

    private static void assertReplaysToItsHash(Golden golden, Path copy) {
        try (var log = SqliteEventLog.open(copy)) {
            assertThat(log.verify().ok()).as(golden.name() + " verifies").isTrue();
            assertThat(log.head().sequence()).as(golden.name() + " records").isEqualTo(golden.records());
            State replayed = Engine.rebuild(log);
            assertThat(Engine.stateHash(replayed)).as(golden.name() + " replayed from zero").isEqualTo(golden.stateHash());
            if (golden.name().equals("demo")) {
                // The parameters the log began with still price under this build's model.
                var quote = Quotes.quote(Quotes.quoteState(replayed), "blue-chip", "lendwell", io.auditcover.money.Money.whole(
                        new io.auditcover.money.Asset("USDC", 6), 1_000), 90, replayed.time());
                assertThat(quote).isInstanceOf(Quotes.Offered.class);
            }
        }
        try (Engine engine = Engine.start(SqliteEventLog.open(copy), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
            assertThat(engine.stateHash()).as(golden.name() + " restarted").isEqualTo(golden.stateHash());
        }
    }

    /** Writes the v1 golden logs anew and prints what to pin; run only on purpose. */
    @Test
    @EnabledIfSystemProperty(named = "auditcover.golden.write", matches = "true")
    void write_the_golden_logs() throws Exception {
        Path demo = GOLDEN_V1.resolve("demo");
        Path random = GOLDEN_V1.resolve("random-operations-seed-1");
        for (Path target : List.of(demo, random)) {
            delete(target);
            Files.createDirectories(target);
        }
        assertThat(Main.run("demo", "--data-dir", demo.toString(), "--deployment-id", DEPLOYMENT)).isZero();
        RandomOperationsTest.writeLog(RANDOM_OPERATIONS_SEED, random);
        for (Path target : List.of(demo, random)) {
            try (var log = SqliteEventLog.open(target)) {
                System.out.printf("golden %s: %d records, state hash %s%n", target.getFileName(), log.head().sequence(),
                        Engine.stateHash(Engine.rebuild(log)));
            }
            Path file = target.resolve(LOG_FILE);
            try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(target.resolve(LOG_FILE + ".gz")))) {
                Files.copy(file, out);
            }
            Files.delete(file);
        }
    }

    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals(LOG_FILE + ".gz")) {
                    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                        Files.copy(in, to.resolve(LOG_FILE), StandardCopyOption.REPLACE_EXISTING);
                    }
                } else {
                    Files.copy(file, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    private static void delete(Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> files = Files.list(target)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
