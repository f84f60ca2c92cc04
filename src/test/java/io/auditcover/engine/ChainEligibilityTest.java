package io.auditcover.engine;

import static io.auditcover.engine.EngineFixtures.START;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.reason.Reason;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.DeployedContract.ProxyImplementation;
import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.evidence.OutOfScopeReason;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.CodeChangePolicy;
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.MarketParameters;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chain observations drive eligibility periods, stop or reprice sales, and survive a restart. */
class ChainEligibilityTest {
    static final long CHAIN = 1;
    static final String PROXY = "0x00000000000000000000000000000000000000a1";
    static final String KEY = CHAIN + ":" + PROXY;
    static final String PROXY_HASH = hash('1');
    static final ProxyImplementation AUDITED = new ProxyImplementation("0x00000000000000000000000000000000000000b1", hash('2'));
    static final ProxyImplementation UNAUDITED = new ProxyImplementation("0x00000000000000000000000000000000000000b2", hash('3'));
    static final Money USDC_1000 = Money.whole(USDC, 1_000);

    @TempDir
    Path directory;

    static String hash(char digit) {
        return "0x" + String.valueOf(digit).repeat(64);
    }

    static AuditReport audit(String id, String codeHash) {
        return new AuditReport(id, "lendwell", "Hashes & Co", LocalDate.parse("2026-01-02"), "abcdef1", List.of(codeHash), List.of());
    }

    static Command.ObserveChain observe(long block, ProxyImplementation implementation, String auditId) {
        var observation = new CodeObservation(KEY, PROXY_HASH, true, implementation, auditId, null);
        return new Command.ObserveChain("chain-" + block, CHAIN, block, hash(Character.forDigit((int) (block % 16), 16)), List.of(observation));
    }

    Engine open() {
        var engine = Engine.start(EngineFixtures.log(directory), new ManualClock(START), new Engine.Settings(64, 100_000, true));
        return engine;
    }

    static void business(Engine engine) {
        engine.submit(new Command.RegisterProtocol("p1", new Protocol("lendwell", "Lendwell", "lending"))).join();
        engine.submit(new Command.RegisterContract("p2", new DeployedContract("lendwell", CHAIN, PROXY, PROXY_HASH, AUDITED))).join();
        engine.submit(new Command.RegisterAudit("p3", audit("audit-1", AUDITED.codeHash()))).join();
        engine.submit(new Command.CreatePool("p4", "alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.ONE, Duration.ofDays(7)))).join();
        engine.submit(new Command.ListProtocol("p5", "alpha", "lendwell", 200)).join();
        engine.submit(new Command.Deposit("p6", "alpha", "ada", Money.whole(USDC, 100_000))).join();
    }

    static Outcome buy(Engine engine, String id) {
        return engine.submit(new Command.BuyCover(id, "bob", "alpha", "lendwell", USDC_1000, 30)).join();
    }

    @Test
    void an_upgrade_to_an_unaudited_implementation_stops_sales_from_that_block_and_exposes_active_covers() {
        try (Engine engine = open()) {
            business(engine);
            assertThat(engine.submit(observe(100, AUDITED, "audit-1")).join()).isInstanceOf(Outcome.Accepted.class);
            assertThat(buy(engine, "buy-1")).isInstanceOf(Outcome.Accepted.class);

            var upgraded = (Outcome.Accepted) engine.submit(observe(105, UNAUDITED, null)).join();

            var event = (Event.ChainObserved) upgraded.event();
            assertThat(event.exposedCoverIds()).containsExactly(1L);
            var rejection = ((Outcome.Rejected) buy(engine, "buy-2")).rejection();
            assertThat(rejection.code()).isEqualTo(Reason.COVERAGE_SUSPENDED);
            assertThat(rejection.code().wire()).isEqualTo("coverage_suspended");
            assertThat(rejection.details()).containsEntry("since_block", "105")
                    .containsEntry("reason", "upgraded_to_unaudited_implementation");
            assertThat(engine.read(s -> s.eligibilityAt(KEY, 104)).join()).get().extracting(EligibilityPeriod::inScope).isEqualTo(true);
            var at105 = engine.read(s -> s.eligibilityAt(KEY, 105)).join().orElseThrow();
            assertThat(at105.inScope()).isFalse();
            assertThat(at105.reason()).isEqualTo(OutOfScopeReason.UPGRADED_TO_UNAUDITED_IMPLEMENTATION);
            assertThat(engine.read(s -> s.eligibilityAt(KEY, 99)).join()).isEmpty();
            assertThat(engine.read(s -> s.exposedCovers()).join()).containsEntry(1L, 105L);
            assertThat(engine.read(s -> s.contracts().get(KEY).implementation()).join()).isEqualTo(UNAUDITED);
        }
    }

    @Test
    void a_new_audit_of_the_implementation_restores_eligibility_from_the_block_it_is_observed() {
        try (Engine engine = open()) {
            business(engine);
            engine.submit(observe(100, AUDITED, "audit-1")).join();
            engine.submit(observe(105, UNAUDITED, null)).join();
            engine.submit(new Command.RegisterAudit("audit-2", audit("audit-2", UNAUDITED.codeHash()))).join();

            engine.submit(observe(110, UNAUDITED, "audit-2")).join();

            var history = engine.read(s -> s.eligibility().get(KEY)).join();
            assertThat(history.periods()).extracting(EligibilityPeriod::fromBlock).containsExactly(100L, 105L, 110L);
            assertThat(history.at(109).orElseThrow().inScope()).isFalse();
            assertThat(history.at(110).orElseThrow().auditId()).isEqualTo("audit-2");
            assertThat(buy(engine, "buy-after")).isInstanceOf(Outcome.Accepted.class);
        }
    }

    @Test
    void a_listing_set_to_reprice_keeps_selling_at_the_surcharged_rate() {
        try (Engine engine = open()) {
            business(engine);
            engine.submit(new Command.SetMarket("fixed", "alpha", "lendwell", MarketParameters.Mode.FIXED, 0, 0)).join();
            engine.submit(new Command.SetCodeChangePolicy("policy", "alpha", "lendwell",
                    new CodeChangePolicy(CodeChangePolicy.Action.REPRICE, 300))).join();
            engine.submit(observe(100, UNAUDITED, null)).join();

            var bought = (Event.CoverBought) ((Outcome.Accepted) buy(engine, "buy-1")).event();

            assertThat(bought.cover().terms().annualRateBps()).isEqualTo(500);
            assertThat(engine.read(s -> s.eligibilityAt(KEY, 100)).join().orElseThrow().reason()).isEqualTo(OutOfScopeReason.UNKNOWN_CODE);
        }
    }

    @Test
    void an_observation_that_repeats_what_is_known_only_moves_the_cursor() {
        try (Engine engine = open()) {
            business(engine);
            engine.submit(observe(100, AUDITED, "audit-1")).join();

            var again = (Event.ChainObserved) ((Outcome.Accepted) engine.submit(observe(101, AUDITED, "audit-1")).join()).event();

            assertThat(again.changes()).isEmpty();
            assertThat(engine.read(s -> s.chainCursors().get(CHAIN).block()).join()).isEqualTo(101L);
        }
    }

    @Test
    void an_old_block_an_unknown_contract_and_an_unbacked_audit_match_are_refused() {
        try (Engine engine = open()) {
            business(engine);
            engine.submit(observe(100, AUDITED, "audit-1")).join();

            var old = ((Outcome.Rejected) engine.submit(observe(100, AUDITED, "audit-1").withId("again")).join()).rejection();
            var unbacked = ((Outcome.Rejected) engine.submit(observe(101, UNAUDITED, "audit-1")).join()).rejection();
            var unknown = ((Outcome.Rejected) engine.submit(new Command.ObserveChain("x", CHAIN, 102, hash('9'),
                    List.of(new CodeObservation(CHAIN + ":0x00000000000000000000000000000000000000ff", PROXY_HASH, true, null, null, null))))
                    .join()).rejection();
            var missingAudit = ((Outcome.Rejected) engine.submit(observe(103, AUDITED, "audit-9")).join()).rejection();

            assertThat(old.code()).isEqualTo(Reason.CHAIN_BLOCK_ALREADY_OBSERVED);
            assertThat(unbacked.code()).isEqualTo(Reason.INVALID_COMMAND);
            assertThat(unknown.code()).isEqualTo(Reason.CONTRACT_NOT_FOUND);
            assertThat(missingAudit.code()).isEqualTo(Reason.AUDIT_NOT_FOUND);
        }
    }

    @Test
    void eligibility_history_and_the_cursor_survive_a_restart_with_the_same_state_hash() {
        String hash;
        try (Engine engine = open()) {
            business(engine);
            buy(engine, "buy-1");
            engine.submit(new Command.SetCodeChangePolicy("policy", "alpha", "lendwell", CodeChangePolicy.DEFAULT)).join();
            engine.submit(observe(100, AUDITED, "audit-1")).join();
            engine.submit(observe(105, UNAUDITED, null)).join();
            hash = engine.stateHash();
        }
        try (Engine engine = open()) {
            assertThat(engine.stateHash()).isEqualTo(hash);
            assertThat(engine.read(s -> s.chainCursors().get(CHAIN).block()).join()).isEqualTo(105L);
            var snapshot = engine.read(StateSnapshot::of).join();
            assertThat(Engine.stateHash(snapshot.restore())).isEqualTo(hash);
        }
    }
}
