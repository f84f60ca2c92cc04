package io.auditcover.engine;

import static io.auditcover.engine.EngineFixtures.START;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.reason.Reason;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.store.EventLog;
import io.auditcover.store.LogHead;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
    static final Money USDC_1000 = Money.whole(USDC, 1_000);

    @TempDir
    Path directory;

    static void openPool(Engine engine) {
        engine.submit(new Command.RegisterProtocol("p1", new Protocol("lendwell", "Lendwell", "lending"))).join();
        engine.submit(new Command.CreatePool("p2", "alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.ONE, Duration.ofDays(7)))).join();
        engine.submit(new Command.RegisterContract("p1c", new io.auditcover.evidence.DeployedContract("lendwell", 1, "0x00000000000000000000000000000000000000c1", "0x" + "c1".repeat(32), null))).join();
        engine.submit(new Command.ListProtocol("p3", "alpha", "lendwell", 200)).join();
    }

    static Outcome.Rejected rejected(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return (Outcome.Rejected) outcome;
    }

    @Test
    void a_retry_with_the_same_id_and_content_returns_the_first_answer_even_after_a_restart() {
        var deposit = new Command.Deposit("dep-1", "alpha", "ada", USDC_1000);
        Outcome first;
        try (Engine engine = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            openPool(engine);
            first = engine.submit(deposit).join();
            var again = (Outcome.Accepted) engine.submit(deposit).join();
            assertThat(again.repeated()).isTrue();
            assertThat(again.sequence()).isEqualTo(((Outcome.Accepted) first).sequence());
        }
        try (Engine engine = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            var afterRestart = (Outcome.Accepted) engine.submit(deposit).join();
            assertThat(afterRestart.event()).isEqualTo(((Outcome.Accepted) first).event());
            assertThat(engine.read(state -> state.pools().get("alpha").capital()).join()).isEqualTo(USDC_1000);
        }
    }

    @Test
    void the_same_id_with_other_content_is_rejected_and_changes_nothing() {
        try (Engine engine = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            openPool(engine);
            engine.submit(new Command.Deposit("dep-1", "alpha", "ada", USDC_1000)).join();
            String hash = engine.stateHash();
            var outcome = engine.submit(new Command.Deposit("dep-1", "alpha", "ada", Money.whole(USDC, 5))).join();
            assertThat(rejected(outcome).rejection().code()).isEqualTo(Reason.IDEMPOTENCY_KEY_REUSED);
            assertThat(engine.stateHash()).isEqualTo(hash);
        }
    }

    @Test
    void a_retry_sent_while_the_first_is_still_being_committed_gets_the_same_answer() {
        try (Engine engine = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            openPool(engine);
            var deposits = new ArrayList<CompletableFuture<Outcome>>();
            for (int i = 0; i < 200; i++) {
                deposits.add(engine.submit(new Command.Deposit("dep-" + (i % 20), "alpha", "ada", USDC_1000)));
            }
            var firsts = new HashMap<String, Long>();
            for (int i = 0; i < deposits.size(); i++) {
                var accepted = (Outcome.Accepted) deposits.get(i).join();
                assertThat(accepted.repeated()).as("answer %d", i).isEqualTo(i >= 20);
                assertThat(firsts.computeIfAbsent("dep-" + (i % 20), id -> accepted.sequence())).isEqualTo(accepted.sequence());
            }
            var pool = engine.read(state -> state.pools().get("alpha")).join();
            assertThat(pool.capital()).isEqualTo(Money.whole(USDC, 20_000));
        }
    }

    @Test
    void a_listener_publishes_each_batch_once_durable_and_before_its_callers_hear_back() {
        try (Engine engine = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            openPool(engine);
            var published = new AtomicLong();
            var startedAt = new AtomicLong();
            engine.listen(new Engine.BatchListener() {
                @Override
                public void started(State state, LogHead head) {
                    startedAt.set(head.sequence());
                    published.set(head.sequence());
                }

                @Override
                public Consumer<LogHead> decided(State state, List<Event> events) {
                    long capitalUnits = state.pools().get("alpha").capital().units();
                    return head -> {
                        assertThat(capitalUnits).isPositive();
                        published.set(head.sequence());
                    };
                }
            }).join();
            assertThat(startedAt.get()).as("the genesis event and the four set-up commands").isEqualTo(5);
            for (int i = 0; i < 50; i++) {
                var accepted = (Outcome.Accepted) engine.submit(new Command.Deposit("d-" + i, "alpha", "ada", USDC_1000)).join();
                assertThat(published.get()).as("published before answered").isGreaterThanOrEqualTo(accepted.sequence());
            }
        }
    }

    @Test
    void a_new_log_begins_with_the_pricing_parameters_it_runs_on_and_a_restart_adds_none() {
        try (Engine engine = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            assertThat(engine.recovery().headSequence()).isEqualTo(1);
        }
        try (var log = EngineFixtures.log(directory)) {
            var genesis = log.read(1).orElseThrow();
            assertThat(genesis.commandId()).isEqualTo(Engine.GENESIS_COMMAND_ID);
            assertThat(LogFormat.decodeEvent(genesis.type(), genesis.payload()))
                    .isEqualTo(new Event.PricingParametersSet(PricingFile.bundled()));
        }
        try (Engine restarted = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            assertThat(restarted.recovery().headSequence()).isEqualTo(1);
        }
    }

    @Test
    void an_exception_in_a_decider_stops_the_engine_instead_of_answering_it_as_the_callers_error() {
        String durableHash;
        try (Engine engine = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            openPool(engine);
            durableHash = engine.stateHash();
            // No edge sends a deposit without an amount: reaching the decider with one is a bug, not a refusal.
            var broken = engine.submit(new Command.Deposit("d", "alpha", "ada", null));
            assertThatThrownBy(broken::join).hasCauseInstanceOf(EngineStoppedException.class);
            assertThat(engine.failed()).isTrue();
        }
        try (Engine restarted = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            assertThat(restarted.stateHash()).isEqualTo(durableHash);
        }
    }

    @Test
    void each_command_in_a_batch_sees_the_effects_of_those_before_it() {
        try (Engine engine = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            openPool(engine);
            var deposit = engine.submit(new Command.Deposit("d", "alpha", "ada", USDC_1000));
            var cover = engine.submit(new Command.BuyCover("b", "bob", "alpha", "lendwell", Money.whole(USDC, 2_000), 30));
            var tooMuch = engine.submit(new Command.BuyCover("c", "bob", "alpha", "lendwell", Money.ofUnits(USDC, 1), 30));
            assertThat(deposit.join()).isInstanceOf(Outcome.Accepted.class);
            assertThat(cover.join()).isInstanceOf(Outcome.Accepted.class);
            assertThat(rejected(tooMuch.join()).rejection().details()).containsEntry("max_amount", "0.000000");
        }
    }

    @Test
    void when_the_log_cannot_append_the_writer_stops_without_answering_and_a_restart_recovers() {
        EventLog log = EngineFixtures.log(directory);
        Engine engine = Engine.start(log, new ManualClock(START), Engine.Settings.DEFAULT);
        openPool(engine);
        String durableHash = engine.stateHash();
        log.close();
        var lost = engine.submit(new Command.Deposit("d", "alpha", "ada", USDC_1000));
        assertThatThrownBy(lost::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(EngineStoppedException.class);
        assertThat(engine.failed()).isTrue();
        assertThatThrownBy(() -> engine.submit(new Command.AdvanceTime("t")).join()).hasCauseInstanceOf(EngineStoppedException.class);
        try (Engine restarted = Engine.start(EngineFixtures.log(directory), new ManualClock(START), Engine.Settings.DEFAULT)) {
            assertThat(restarted.stateHash()).isEqualTo(durableHash);
            assertThat(restarted.submit(new Command.Deposit("d", "alpha", "ada", USDC_1000)).join()).isInstanceOf(Outcome.Accepted.class);
        }
    }

    @Test
    void time_passing_earns_premium_into_capital_and_expires_covers() {
        var clock = new ManualClock(START);
        try (Engine engine = Engine.start(EngineFixtures.log(directory), clock, Engine.Settings.DEFAULT)) {
            openPool(engine);
            engine.submit(new Command.SetMarket("m", "alpha", "lendwell", MarketParameters.Mode.FIXED, 0, 0)).join();
            engine.submit(new Command.Deposit("d", "alpha", "ada", USDC_1000)).join();
            engine.submit(new Command.BuyCover("b", "bob", "alpha", "lendwell", USDC_1000, 365)).join();
            clock.advance(Duration.ofDays(365));
            engine.submit(new Command.AdvanceTime("t")).join();
            var pool = engine.read(state -> state.pools().get("alpha")).join();
            assertThat(pool.capital()).isEqualTo(Money.whole(USDC, 1_020));
            assertThat(pool.unearnedPremium().isZero()).isTrue();
            assertThat(pool.activeCover().isZero()).isTrue();
            assertThat(engine.read(Invariants::violations).join()).isEmpty();
        }
    }
}
