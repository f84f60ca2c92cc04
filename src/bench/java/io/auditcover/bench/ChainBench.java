package io.auditcover.bench;

import io.auditcover.chain.ArtifactFile;
import io.auditcover.chain.ChainReader;
import io.auditcover.chain.ChainWatcher;
import io.auditcover.chain.CodeMatcher;
import io.auditcover.chain.ContractInspector;
import io.auditcover.chain.Keccak;
import io.auditcover.chain.Node;
import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.ManualClock;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Protocol;
import io.auditcover.store.SqliteEventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The chain adapter against a local anvil node (needs the npm install .ci/run does): one proxy read and
 * matched (code, three proxy slots, implementation code), the watcher observing blocks for ten proxies,
 * and artifact matching alone (no RPC).
 */
final class ChainBench {
    static final int CONTRACTS = 10;
    static final int INSPECTIONS = 2_000;
    static final int BLOCKS = 200;
    static final int MATCHES = 20_000;

    private ChainBench() {
    }

    static void run() throws Exception {
        try (Node node = Node.start(); ChainReader reader = ChainReader.connect(node.anvil.url())) {
            String token = node.deploy("TestToken", Node.uint(1_000));
            String implementation = node.deploy("Vault", Node.address(token), Node.uint(1));
            var proxies = new ArrayList<String>();
            for (int i = 0; i < CONTRACTS; i++) {
                proxies.add(node.deploy("Proxy1967", Node.address(implementation), Node.address(Node.DEPLOYER.getAddress())));
            }
            long head = reader.headBlock();
            String implementationHash = Keccak.hex(reader.code(implementation, head));
            var audit = new AuditReport("audit-1", "vaultco", "Bench Audits", LocalDate.parse("2026-01-01"), "abcdef1",
                    List.of(implementationHash), List.of());
            inspections(reader, proxies.getFirst(), head, audit);
            watcher(node, proxies, audit, implementationHash);
            matches(reader.code(node.deploy("Vault", Node.address(token), Node.uint(2)), reader.headBlock()));
        }
    }

    private static void inspections(ChainReader reader, String proxy, long block, AuditReport audit) {
        var inspector = new ContractInspector(reader);
        var contract = new DeployedContract("vaultco", 31_337, proxy, "0x" + "0".repeat(64), null);
        var latency = new Histogram(3);
        long started = System.nanoTime();
        for (int i = 0; i < INSPECTIONS; i++) {
            long t = System.nanoTime();
            inspector.inspect(contract, block, List.of(audit));
            latency.recordValue(System.nanoTime() - t);
        }
        new Result("chain inspect (proxy)", INSPECTIONS, (System.nanoTime() - started) / 1e9, latency).print();
    }

    private static void watcher(Node node, List<String> proxies, AuditReport audit, String implementationHash) throws Exception {
        Path directory = Files.createTempDirectory("auditcover-chain-bench");
        try (Engine engine = Engine.start(SqliteEventLog.open(directory), new ManualClock(Instant.EPOCH), Engine.Settings.DEFAULT)) {
            engine.submit(new Command.RegisterProtocol("p", new Protocol("vaultco", "Vault Co", "lending"))).join();
            for (String proxy : proxies) {
                engine.submit(new Command.RegisterContract("c-" + proxy, new DeployedContract("vaultco", 31_337, proxy,
                        "0x" + "0".repeat(64), new DeployedContract.ProxyImplementation(proxy, implementationHash)))).join();
            }
            engine.submit(new Command.RegisterAudit("a", audit)).join();
            var settings = new ChainWatcher.Settings(0, Duration.ofMillis(10), Duration.ofSeconds(1), 1);
            try (var watcher = new ChainWatcher(engine, node.anvil.url(), settings)) {
                watcher.step();
                node.mine(BLOCKS);
                var latency = new Histogram(3);
                long started = System.nanoTime();
                long observed = 0;
                while (true) {
                    long t = System.nanoTime();
                    if (watcher.step().observedBlocks().isEmpty()) {
                        break;
                    }
                    latency.recordValue(System.nanoTime() - t);
                    observed++;
                }
                new Result("watcher block (" + proxies.size() + " proxies)", observed, (System.nanoTime() - started) / 1e9, latency).print();
            }
        }
    }

    private static void matches(byte[] redeployedCode) {
        var artifact = ArtifactFile.parse(Node.artifact("Vault"));
        var audit = new AuditReport("audit-a", "vaultco", "Bench Audits", LocalDate.parse("2026-01-01"), "abcdef1", List.of(),
                List.of(), List.of(artifact));
        String hash = Keccak.hex(redeployedCode);
        var latency = new Histogram(3);
        long started = System.nanoTime();
        for (int i = 0; i < MATCHES; i++) {
            long t = System.nanoTime();
            if (CodeMatcher.match(redeployedCode, hash, List.of(audit)) == null) {
                throw new IllegalStateException("the redeploy should match its artifact");
            }
            latency.recordValue(System.nanoTime() - t);
        }
        new Result("artifact match (no RPC)", MATCHES, (System.nanoTime() - started) / 1e9, latency).print();
    }
}
