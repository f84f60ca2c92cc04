package io.auditcover.chain;

import static io.auditcover.chain.ChainFixtures.PROTOCOL;
import static io.auditcover.chain.ChainFixtures.auditOfHashes;
import static io.auditcover.chain.Node.address;
import static io.auditcover.chain.Node.uint;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.cli.Main;
import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.ManualClock;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import io.auditcover.store.SqliteEventLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code auditcover chain check} and {@code chain watch --once} against a real node and a real log. */
class ChainCliTest {
    @TempDir
    Path directory;
    Node node;
    String implementation;
    String proxy;
    String plain;

    @BeforeEach
    void registerContracts() {
        node = Node.start();
        String token = node.deploy("TestToken", uint(1_000));
        implementation = node.deploy("Vault", address(token), uint(1));
        proxy = node.deploy("Proxy1967", address(implementation), address(Node.DEPLOYER.getAddress()));
        plain = node.deploy("VaultV2", address(token));
        String implementationHash;
        try (ChainReader reader = ChainReader.connect(node.anvil.url())) {
            implementationHash = Keccak.hex(reader.code(implementation, reader.headBlock()));
        }
        try (Engine engine = Engine.start(SqliteEventLog.open(directory), new ManualClock(Instant.EPOCH), Engine.Settings.DEFAULT)) {
            engine.submit(new Command.RegisterProtocol("p", new Protocol(PROTOCOL, "Vault Co", "lending"))).join();
            engine.submit(new Command.RegisterContract("c1", new DeployedContract(PROTOCOL, Anvil.CHAIN_ID, proxy,
                    ChainFixtures.UNREAD_HASH, null))).join();
            engine.submit(new Command.RegisterContract("c2", new DeployedContract(PROTOCOL, Anvil.CHAIN_ID, plain,
                    ChainFixtures.UNREAD_HASH, null))).join();
            engine.submit(new Command.RegisterAudit("a", auditOfHashes("audit-1", implementationHash))).join();
        }
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    record Run(int exitCode, String output) {
    }

    static Run run(String... args) {
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        try (var out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = Main.run(args);
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void check_prints_each_contracts_code_hash_implementation_and_scope() {
        var result = run("chain", "check", "--rpc", node.anvil.url(), "--data-dir", directory.toString());

        assertThat(result.output()).contains(proxy, "implementation  " + implementation + " (erc1967 proxy)",
                "IN: audit audit-1, matched by code_hash", plain, "OUT: unknown_code", "none (not a proxy)");
        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    void check_reads_at_the_block_asked_for() {
        var result = run("chain", "check", "--rpc", node.anvil.url(), "--block", "1", "--data-dir", directory.toString());

        assertThat(result.output()).contains("at block 1:", "(no code)");
    }

    @Test
    void check_with_record_keeps_each_contracts_observation_at_the_block_for_claims_without_a_node() {
        long block = node.head();
        var result = run("chain", "check", "--rpc", node.anvil.url(), "--block", Long.toString(block), "--record", "--observer", "ops",
                "--data-dir", directory.toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(result.output()).contains("recorded " + Anvil.CHAIN_ID + ":" + proxy + " at block " + block + ": in scope",
                "recorded " + Anvil.CHAIN_ID + ":" + plain + " at block " + block + ": out of scope");
        var again = run("chain", "check", "--rpc", node.anvil.url(), "--block", Long.toString(block), "--record", "--observer", "ops",
                "--data-dir", directory.toString());
        assertThat(again.exitCode()).as("the same block records the same answer again: idempotent").isEqualTo(3);
        try (var log = SqliteEventLog.open(directory)) {
            var state = Engine.rebuild(log);
            var proxyCheck = state.scopeChecks().get(Anvil.CHAIN_ID + ":" + proxy).get(block);
            assertThat(proxyCheck.inScope()).isTrue();
            assertThat(proxyCheck.auditId()).isEqualTo("audit-1");
            assertThat(proxyCheck.checkedBy()).isEqualTo("ops");
            assertThat(proxyCheck.observation().implementation().address()).isEqualTo(implementation);
            assertThat(proxyCheck.evidence()).contains("at block " + block).doesNotContain(node.anvil.url());
            assertThat(state.scopeChecks().get(Anvil.CHAIN_ID + ":" + plain).get(block).inScope()).isFalse();
            assertThat(state.chainCursors()).as("the watcher's cursor is untouched").isEmpty();
        }
    }

    @Test
    void watch_once_records_the_confirmed_head_in_the_log() {
        node.mine(3);
        var result = run("chain", "watch", "--once", "--confirmations", "2", "--rpc", node.anvil.url(), "--data-dir", directory.toString());

        assertThat(result.exitCode()).isZero();
        try (var log = SqliteEventLog.open(directory)) {
            var state = Engine.rebuild(log);
            assertThat(state.chainCursors().get(Anvil.CHAIN_ID).block()).isEqualTo(node.head() - 2);
            assertThat(state.eligibility().get(Anvil.CHAIN_ID + ":" + proxy).current().inScope()).isTrue();
            assertThat(state.eligibility().get(Anvil.CHAIN_ID + ":" + plain).current().inScope()).isFalse();
        }
    }
}
