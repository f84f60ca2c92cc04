package io.auditcover.chain;

import io.auditcover.reason.Reason;
import static io.auditcover.chain.ChainFixtures.PROTOCOL;
import static io.auditcover.chain.ChainFixtures.auditOfHashes;
import static io.auditcover.chain.Node.address;
import static io.auditcover.chain.Node.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.ManualClock;
import io.auditcover.engine.Outcome;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.evidence.OutOfScopeReason;
import io.auditcover.evidence.Protocol;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.store.SqliteEventLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher against a real node: upgrades, new audits, reorgs, restarts and RPC failures. */
class ChainWatcherTest {
    static final Asset USDC = new Asset("USDC", 6);
    static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    static final int DEPTH = 3;
    static final ChainWatcher.Settings FAST = new ChainWatcher.Settings(DEPTH, Duration.ofMillis(50), Duration.ofMillis(400), 100);
    static final String KEY_PREFIX = Anvil.CHAIN_ID + ":";

    @TempDir
    Path directory;
    Node node;
    Engine engine;
    ChainReader reader;
    String token;
    String implementation;
    String proxy;

    @BeforeEach
    void start() {
        node = Node.start();
        reader = ChainReader.connect(node.anvil.url());
        engine = openEngine();
        token = node.deploy("TestToken", uint(1_000_000));
        implementation = node.deploy("Vault", address(token), uint(1_000));
        proxy = node.deploy("Proxy1967", address(implementation), address(Node.DEPLOYER.getAddress()));
        long head = reader.headBlock();
        String implementationHash = Keccak.hex(reader.code(implementation, head));
        submit(new Command.RegisterProtocol("protocol", new Protocol(PROTOCOL, "Vault Co", "lending")));
        submit(new Command.RegisterContract("contract", new DeployedContract(PROTOCOL, Anvil.CHAIN_ID, proxy,
                Keccak.hex(reader.code(proxy, head)), new DeployedContract.ProxyImplementation(implementation, implementationHash))));
        submit(new Command.RegisterAudit("audit-1", auditOfHashes("audit-1", implementationHash)));
        submit(new Command.CreatePool("pool", "alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.ONE, Duration.ofDays(7))));
        submit(new Command.ListProtocol("listing", "alpha", PROTOCOL, 200));
        submit(new Command.Deposit("deposit", "alpha", "ada", Money.whole(USDC, 100_000)));
    }

    @AfterEach
    void stop() {
        engine.close();
        reader.close();
        node.close();
    }

    Engine openEngine() {
        return Engine.start(SqliteEventLog.open(directory), new ManualClock(START), Engine.Settings.DEFAULT);
    }

    Outcome submit(Command command) {
        return engine.submit(command).join();
    }

    Outcome buy(String id) {
        return submit(new Command.BuyCover(id, "bob", "alpha", PROTOCOL, Money.whole(USDC, 1_000), 30));
    }

    EligibilityPeriod eligibilityAt(long block) {
        return engine.read(state -> state.eligibilityAt(KEY_PREFIX + proxy, block)).join().orElseThrow();
    }

    @Test
    void an_upgrade_to_an_unaudited_implementation_is_detected_once_confirmed_at_its_exact_block_and_stops_sales() {
        try (var watcher = new ChainWatcher(engine, node.anvil.url(), FAST)) {
            node.mine(DEPTH);
            long firstObserved = watcher.step().observedBlocks().getFirst();
            assertThat(eligibilityAt(firstObserved).inScope()).isTrue();
            assertThat(buy("before")).isInstanceOf(Outcome.Accepted.class);

            String unaudited = node.deploy("VaultV2", address(token));
            long upgradeBlock = node.transact(proxy, "upgradeTo", address(unaudited)).getBlockNumber().longValueExact();
            node.mine(DEPTH - 1);
            watcher.step();
            assertThat(engine.read(s -> s.eligibility().get(KEY_PREFIX + proxy).periods()).join()).hasSize(1);
            assertThat(buy("not-yet-confirmed")).isInstanceOf(Outcome.Accepted.class);

            node.mine(1);
            var step = watcher.step();

            assertThat(step.observedBlocks()).contains(upgradeBlock);
            assertThat(eligibilityAt(upgradeBlock - 1).inScope()).isTrue();
            EligibilityPeriod after = eligibilityAt(upgradeBlock);
            assertThat(after.fromBlock()).isEqualTo(upgradeBlock);
            assertThat(after.inScope()).isFalse();
            assertThat(after.reason()).isEqualTo(OutOfScopeReason.UPGRADED_TO_UNAUDITED_IMPLEMENTATION);
            assertThat(after.implementation().address()).isEqualTo(unaudited);
            var refused = ((Outcome.Rejected) buy("after")).rejection();
            assertThat(refused.code()).isEqualTo(Reason.COVERAGE_SUSPENDED);
            assertThat(refused.details()).containsEntry("since_block", Long.toString(upgradeBlock));
            assertThat(engine.read(s -> s.exposedCovers().keySet()).join()).containsExactly(1L, 2L);
        }
    }

    @Test
    void a_new_audit_of_the_upgraded_implementation_restores_eligibility_from_the_next_observed_block() {
        try (var watcher = new ChainWatcher(engine, node.anvil.url(), FAST)) {
            node.mine(DEPTH);
            watcher.step();
            String unaudited = node.deploy("VaultV2", address(token));
            long upgradeBlock = node.transact(proxy, "upgradeTo", address(unaudited)).getBlockNumber().longValueExact();
            node.mine(DEPTH);
            watcher.step();
            assertThat(eligibilityAt(upgradeBlock).inScope()).isFalse();

            String unauditedHash = Keccak.hex(reader.code(unaudited, reader.headBlock()));
            submit(new Command.RegisterAudit("audit-2", auditOfHashes("audit-2", unauditedHash)));
            node.mine(1);
            long restoredAt = watcher.step().observedBlocks().getLast();

            assertThat(eligibilityAt(restoredAt - 1).inScope()).isFalse();
            assertThat(eligibilityAt(restoredAt).inScope()).isTrue();
            assertThat(eligibilityAt(restoredAt).auditId()).isEqualTo("audit-2");
            assertThat(buy("restored")).isInstanceOf(Outcome.Accepted.class);
        }
    }

    @Test
    void a_reorg_shallower_than_the_confirmation_depth_never_produces_a_change() {
        try (var watcher = new ChainWatcher(engine, node.anvil.url(), FAST)) {
            node.mine(DEPTH);
            watcher.step();
            String beforeFork = node.snapshot();
            String unaudited = node.deploy("VaultV2", address(token));
            long upgradeBlock = node.transact(proxy, "upgradeTo", address(unaudited)).getBlockNumber().longValueExact();
            node.mine(DEPTH - 1);
            watcher.step();
            assertThat(engine.read(s -> s.chainCursors().get(Anvil.CHAIN_ID).block()).join()).isLessThan(upgradeBlock);

            node.revert(beforeFork);
            node.mine(DEPTH * 3);
            while (!watcher.step().observedBlocks().isEmpty()) {
                // catch up to the confirmed head
            }

            var history = engine.read(s -> s.eligibility().get(KEY_PREFIX + proxy).periods()).join();
            assertThat(history).hasSize(1);
            assertThat(history.getFirst().inScope()).isTrue();
            var cursor = engine.read(s -> s.chainCursors().get(Anvil.CHAIN_ID)).join();
            assertThat(cursor.block()).isEqualTo(reader.headBlock() - DEPTH);
            assertThat(cursor.blockHash()).isEqualTo(reader.blockHash(cursor.block()).orElseThrow());
            assertThat(buy("still-selling")).isInstanceOf(Outcome.Accepted.class);
        }
    }

    @Test
    void after_a_restart_the_watcher_resumes_after_the_last_block_in_the_log() {
        long recorded;
        try (var watcher = new ChainWatcher(engine, node.anvil.url(), FAST)) {
            node.mine(DEPTH);
            recorded = watcher.step().observedBlocks().getLast();
        }
        engine.close();
        engine = openEngine();
        node.mine(5);
        try (var watcher = new ChainWatcher(engine, node.anvil.url(), FAST)) {
            long resumedAt = engine.read(s -> s.chainCursors().get(Anvil.CHAIN_ID).block()).join();
            var step = watcher.step();

            assertThat(resumedAt).isEqualTo(recorded);
            assertThat(step.observedBlocks()).containsExactly(recorded + 5);
            assertThat(watcher.step().observedBlocks()).isEmpty();
        }
    }

    @Test
    void the_running_watcher_survives_an_unreachable_node_and_catches_up_once_it_answers() throws Exception {
        int port = Anvil.freePort();
        try (var watcher = new ChainWatcher(engine, "http://127.0.0.1:" + port, FAST)) {
            watcher.start();
            awaitTrue(() -> watcher.failures() >= 2);
            try (var second = new Node(Anvil.start(port))) {
                second.mine(DEPTH + 2);
                awaitTrue(() -> engine.read(s -> s.chainCursors().containsKey(Anvil.CHAIN_ID)).join());
                assertThat(engine.read(s -> s.chainCursors().get(Anvil.CHAIN_ID).block()).join()).isGreaterThanOrEqualTo(2L);
                watcher.stop();
            }
            assertThat(watcher.lastFailure()).contains("127.0.0.1:" + port);
        }
    }

    @Test
    void a_redeploy_of_audited_source_registered_later_is_in_scope_through_the_audits_artifact() {
        String redeployed = node.deploy("Vault", address(token), uint(5_000));
        submit(new Command.RegisterContract("redeploy", new DeployedContract(PROTOCOL, Anvil.CHAIN_ID, redeployed,
                ChainFixtures.UNREAD_HASH, null)));
        submit(new Command.RegisterAudit("audit-artifact",
                ChainFixtures.auditOfArtifacts("audit-artifact", ArtifactFile.parse(Node.artifact("Vault")))));
        try (var watcher = new ChainWatcher(engine, node.anvil.url(), FAST)) {
            node.mine(DEPTH);
            long block = watcher.step().observedBlocks().getLast();

            var period = engine.read(s -> s.eligibilityAt(KEY_PREFIX + redeployed, block)).join().orElseThrow();
            assertThat(period.inScope()).isTrue();
            assertThat(period.auditId()).isEqualTo("audit-artifact");
            assertThat(engine.read(s -> s.contracts().get(KEY_PREFIX + redeployed).codeHash()).join())
                    .isEqualTo(Keccak.hex(reader.code(redeployed, block)));
        }
    }

    @Test
    void code_removed_from_an_address_is_out_of_scope_as_self_destructed() {
        try (var watcher = new ChainWatcher(engine, node.anvil.url(), FAST)) {
            node.mine(DEPTH);
            watcher.step();
            node.raw("anvil_setCode", proxy, "0x");
            node.mine(1);
            long removedAt = node.head();
            node.mine(DEPTH);
            watcher.step();

            EligibilityPeriod period = eligibilityAt(removedAt);
            assertThat(period.inScope()).isFalse();
            assertThat(period.reason()).isEqualTo(OutOfScopeReason.SELF_DESTRUCTED);
            assertThat(period.codeHash()).isEqualTo(Keccak.EMPTY);
        }
    }

    @Test
    void an_upgrade_of_the_beacon_behind_a_beacon_proxy_is_dated_to_its_block() {
        String beacon = node.deploy("Beacon", address(implementation));
        String beaconProxy = node.deploy("BeaconProxy", address(beacon));
        submit(new Command.RegisterContract("beacon-proxy", new DeployedContract(PROTOCOL, Anvil.CHAIN_ID, beaconProxy,
                ChainFixtures.UNREAD_HASH, null)));
        try (var watcher = new ChainWatcher(engine, node.anvil.url(), FAST)) {
            node.mine(DEPTH);
            watcher.step();
            String unaudited = node.deploy("VaultV2", address(token));
            long upgradeBlock = node.transact(beacon, "upgradeTo", address(unaudited)).getBlockNumber().longValueExact();
            node.mine(DEPTH + 5);

            assertThat(watcher.step().observedBlocks()).contains(upgradeBlock);

            var history = engine.read(s -> s.eligibility().get(KEY_PREFIX + beaconProxy)).join();
            assertThat(history.at(upgradeBlock - 1).orElseThrow().inScope()).isTrue();
            assertThat(history.at(upgradeBlock).orElseThrow().fromBlock()).isEqualTo(upgradeBlock);
            assertThat(history.at(upgradeBlock).orElseThrow().reason()).isEqualTo(OutOfScopeReason.UPGRADED_TO_UNAUDITED_IMPLEMENTATION);
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
