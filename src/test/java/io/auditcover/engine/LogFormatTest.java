package io.auditcover.engine;

import static io.auditcover.engine.EngineFixtures.START;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.claims.AttestationRules;
import io.auditcover.money.Money;
import io.auditcover.store.LogRecord;
import io.auditcover.store.SqliteEventLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log format v1: every stored shape reads back equal, older records read with defaults, newer ones are refused by name. */
class LogFormatTest {
    static final Instant AT = Instant.parse("2026-03-02T10:15:30.123456789Z");
    static final Event.CapitalWithdrawn WITHDRAWN = new Event.CapitalWithdrawn(4, "alpha", "ann", 12, Money.whole(USDC, 300), AT, null);

    @TempDir
    Path directory;

    @Test
    void every_record_reachable_from_events_commands_and_snapshots_has_a_binary_encoding() {
        Set<String> types = LogFormat.recordTypeNames();
        for (Class<?> root : List.of(Event.class, Command.class)) {
            for (Class<?> permitted : root.getPermittedSubclasses()) {
                assertThat(types).contains(permitted.getName());
            }
        }
        assertThat(types).contains(StateSnapshot.class.getName(), SnapshotContent.class.getName(), io.auditcover.pricing.Quote.class.getName());
    }

    @Test
    void every_event_of_the_golden_logs_reads_back_equal_from_v1_and_encodes_to_the_same_bytes_again() throws Exception {
        var typesSeen = new TreeSet<String>();
        for (GoldenLogTest.Golden golden : GoldenLogTest.V0_LOGS) {
            Path copy = GoldenLogTest.copy(GoldenLogTest.GOLDEN.resolve(golden.name()), directory.resolve(golden.name()));
            var records = new ArrayList<LogRecord>();
            try (var log = SqliteEventLog.open(copy)) {
                log.replay(0, records::add);
            }
            for (LogRecord record : records) {
                Event event = Codec.decodeJsonEvent(record.type(), record.payload());
                byte[] binary = LogFormat.encodeEvent(event);
                Event decoded = LogFormat.decodeEvent(record.type(), binary);
                assertThat(decoded).as("%s record %d", golden.name(), record.sequence()).isEqualTo(event);
                assertThat(LogFormat.encodeEvent(decoded)).isEqualTo(binary);
                assertThat(Codec.encode(decoded)).as("the same JSON for the API and log show").isEqualTo(Codec.encode(event));
                typesSeen.add(record.type());
            }
        }
        assertThat(typesSeen).as("event types the golden logs exercise").hasSizeGreaterThan(25);
    }

    @Test
    void every_kind_of_command_the_random_operations_send_reads_back_equal() throws Exception {
        var codec = BinaryCodec.of(Command.class);
        var random = new Random(1);
        var clock = new ManualClock(START);
        var sent = new ArrayList<Command>();
        var kinds = new TreeSet<String>();
        try (Engine engine = Engine.start(EngineFixtures.log(directory), clock, Engine.Settings.DEFAULT, EngineFixtures.SIGNATURES)) {
            for (int burst = 0; burst < 40; burst++) {
                var pending = new ArrayList<CompletableFuture<Outcome>>();
                for (int i = 0; i < RandomOperationsTest.BURST; i++) {
                    Command command = RandomOperationsTest.randomCommand(random, clock, sent, burst * RandomOperationsTest.BURST + i, engine);
                    var out = new BinaryWriter();
                    codec.write(out, Command.class, command);
                    var in = new BinaryReader(out.toByteArray(), 0, "command");
                    assertThat(codec.read(in, Command.class)).isEqualTo(command);
                    assertThat(in.remaining()).isZero();
                    kinds.add(command.getClass().getSimpleName());
                    sent.add(command);
                    pending.add(engine.submit(command));
                }
                pending.forEach(CompletableFuture::join);
            }
        }
        assertThat(kinds).hasSize(Command.class.getPermittedSubclasses().length);
    }

    @Test
    void a_snapshot_of_a_golden_state_reads_back_to_the_same_state_hash() throws Exception {
        GoldenLogTest.Golden golden = GoldenLogTest.V0_LOGS.getLast();
        Path copy = GoldenLogTest.copy(GoldenLogTest.GOLDEN.resolve(golden.name()), directory);
        LogMigration.migrate(copy).orElseThrow();
        State state;
        try (var log = SqliteEventLog.open(copy)) {
            state = Engine.rebuild(log);
        }
        var content = new SnapshotContent(StateSnapshot.of(state), List.of(new SnapshotContent.CommandRecord("c-1", "d".repeat(64), 1)));
        byte[] bytes = LogFormat.encodeSnapshot(content);

        SnapshotContent decoded = LogFormat.decodeSnapshot(bytes);

        assertThat(bytes[0]).isEqualTo((byte) LogFormat.VERSION);
        assertThat(decoded.commands()).isEqualTo(content.commands());
        assertThat(StateSnapshot.hash(decoded.state().restore())).isEqualTo(golden.stateHash());
    }

    @Test
    void nulls_round_trip() {
        var bought = new Event.CoverBought(null, null, null);
        var filed = new Event.ClaimFiled(1, 2, null, null, null, null, null, null, null, null, null, null, null, null);

        for (Event event : List.of(WITHDRAWN, bought, filed, new Event.DeploymentIdentified(null))) {
            assertThat(LogFormat.decodeEvent(Codec.type(event), LogFormat.encodeEvent(event))).isEqualTo(event);
        }
    }

    @Test
    void sets_and_maps_encode_in_sorted_order_whatever_order_they_were_built_in() {
        var oracles = List.of("0x" + "b".repeat(40), "0x" + "a".repeat(40), "0x" + "c".repeat(40));
        var reversed = new ArrayList<>(oracles);
        java.util.Collections.reverse(reversed);
        var first = new Event.AttestationConfigured(new AttestationRules(new LinkedHashSet<>(oracles), 2, Duration.ofDays(1), Duration.ofDays(2)));
        var second = new Event.AttestationConfigured(new AttestationRules(new LinkedHashSet<>(reversed), 2, Duration.ofDays(1), Duration.ofDays(2)));

        assertThat(LogFormat.encodeEvent(first)).isEqualTo(LogFormat.encodeEvent(second));
    }

    @Test
    void a_record_written_with_fewer_fields_reads_the_missing_ones_as_empty() {
        var time = new Event.TimeAdvanced(AT, List.of(new Event.PremiumEarned("alpha", Money.whole(USDC, 1))), List.of(7L), List.of());
        var settled = new Event.IncidentSettled("inc-1", AT, List.of(), List.of(), List.of(), List.of("alpha"), false);
        var bought = new Event.CoverBought(null, null, null);

        // Each of these ends in a field at its empty value (null, false, an empty list), which an older build did not write.
        for (Event event : List.of(WITHDRAWN, time, settled, bought)) {
            byte[] older = withoutLastField(LogFormat.encodeEvent(event));
            assertThat(LogFormat.decodeEvent(Codec.type(event), older)).as(Codec.type(event)).isEqualTo(event);
        }
    }

    @Test
    void a_record_with_more_fields_than_this_build_knows_is_refused_naming_its_type() {
        byte[] newer = withExtraField(LogFormat.encodeEvent(WITHDRAWN));

        assertThatThrownBy(() -> LogFormat.decodeEvent("CapitalWithdrawn", newer)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("Event.CapitalWithdrawn has 8 fields").hasMessageContaining("this build knows 7")
                .hasMessageContaining("newer build");
    }

    @Test
    void a_payload_of_a_newer_format_version_is_refused_naming_both_versions() {
        byte[] payload = LogFormat.encodeEvent(WITHDRAWN);
        payload[0] = 2;

        assertThatThrownBy(() -> LogFormat.decodeEvent("CapitalWithdrawn", payload)).isInstanceOf(LogFormatException.class)
                .hasMessage("event CapitalWithdrawn is in log format v2, newer than this build's v1: upgrade to read it");
    }

    @Test
    void a_json_payload_of_format_v0_is_refused_with_the_command_that_migrates_it() {
        byte[] json = Codec.encode(WITHDRAWN);

        assertThat(LogFormat.versionOf(json)).isEqualTo(LogFormat.JSON_VERSION);
        assertThatThrownBy(() -> LogFormat.decodeEvent("CapitalWithdrawn", json)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("log format v0").hasMessageContaining("auditcover log migrate");
        assertThatThrownBy(() -> LogFormat.decodeSnapshot(json)).isInstanceOf(LogFormatException.class);
    }

    @Test
    void an_unknown_event_type_a_cut_payload_or_trailing_bytes_are_refused() {
        byte[] payload = LogFormat.encodeEvent(WITHDRAWN);
        byte[] longer = Arrays.copyOf(payload, payload.length + 1);

        assertThatThrownBy(() -> LogFormat.decodeEvent("CapitalTeleported", payload)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("event type CapitalTeleported is unknown");
        assertThatThrownBy(() -> LogFormat.decodeEvent("CapitalWithdrawn", Arrays.copyOf(payload, payload.length - 3)))
                .isInstanceOf(LogFormatException.class).hasMessageContaining("ends early");
        assertThatThrownBy(() -> LogFormat.decodeEvent("CapitalWithdrawn", longer)).isInstanceOf(LogFormatException.class)
                .hasMessageContaining("1 bytes after its last field");
    }

    /** The top-level record's field count is its second byte (fewer than 127 fields); its last field here is one byte. */
    private static byte[] withoutLastField(byte[] payload) {
        byte[] older = Arrays.copyOf(payload, payload.length - 1);
        assertThat(payload[payload.length - 1]).as("the last field is one empty byte").isIn((byte) 0, (byte) 1);
        older[1]--;
        return older;
    }

    private static byte[] withExtraField(byte[] payload) {
        byte[] newer = Arrays.copyOf(payload, payload.length + 1);
        newer[1]++;
        return newer;
    }
}
