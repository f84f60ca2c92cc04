package io.auditcover.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The log format, pinned: two logs written by an earlier build (the demo business, and one seed of the random operations)
 * must verify and replay to the state hashes they had then, from zero and through their snapshots. A change that fails this
 * either broke wire compatibility or changed the state deliberately: then migrate the logs, or regenerate them with
 * {@code mvn test -Dtest=GoldenLogTest -Dauditcover.golden.write=true} and pin the new hashes, and say why in the commit.
 */
class GoldenLogTest {
    static final Path GOLDEN = Paths.get("src/test/resources/golden");
    static final String DEPLOYMENT = "0x" + "601d".repeat(16);
    static final long RANDOM_OPERATIONS_SEED = 1;

    /**
     * Each golden log: its directory, how many records it holds, and the state hash its replay must reach. Re-pinned once,
     * deliberately: the calibration gained a severity tail and a rate variance, and a risk its interval; the logs written
     * before decode with those absent (no tail, no variance, a point interval) and still price, but the state's encoding
     * now names the new fields, so its hash moved. Their snapshots, of the earlier shape, no longer match and are replayed past.
     * Re-pinned a second time, deliberately: parameters gained their fitted factors, a risk profile its listing and a factor its
     * source; the logs decode with those absent (no fitted factors, an unknown listing, no source) and price exactly as before,
     * but the state's encoding names the new fields.
     */
    record Golden(String name, long records, String stateHash) {
    }

    static final List<Golden> LOGS = List.of(
            new Golden("demo", 194, "acab6dc645f6c74ce42a9c5dc01fdf2adf7ecea12494d9511e08087e9c6b4ec6"),
            new Golden("random-operations-seed-1", 4162, "2459b16fcabaeae37932da088ba0c634c66a7364e951e9e8e31bff394eaf0b1b"));
    /** The log file is kept compressed (its snapshots' JSON shrinks ten to one); the anchors beside it are kept as they are. */
    static final String LOG_FILE = "auditcover.db";

    @TempDir
    Path directory;

    @Test
    void each_golden_log_verifies_and_replays_to_its_pinned_state_hash_from_zero_and_from_its_snapshots() throws IOException {
        for (Golden golden : LOGS) {
            Path copy = copy(GOLDEN.resolve(golden.name()), directory.resolve(golden.name()));
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
                assertThat(engine.stateHash()).as(golden.name() + " restored from its snapshot").isEqualTo(golden.stateHash());
            }
        }
    }

    /** Writes the golden logs anew and prints what to pin; run only on purpose. */
    @Test
    @EnabledIfSystemProperty(named = "auditcover.golden.write", matches = "true")
    void write_the_golden_logs() throws Exception {
        Path demo = GOLDEN.resolve("demo");
        Path random = GOLDEN.resolve("random-operations-seed-1");
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

    private static Path copy(Path from, Path to) throws IOException {
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
