package io.auditcover.cli;

import io.auditcover.chain.ChainAnchor;
import io.auditcover.chain.ChainReader;
import io.auditcover.chain.ChainWatcher;
import io.auditcover.chain.ContractInspector;
import io.auditcover.engine.Engine;
import io.auditcover.engine.State;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.EligibilityHistory;
import io.auditcover.evidence.EligibilityPeriod;
import io.auditcover.store.Checkpoint;
import io.auditcover.store.EventLog;
import io.auditcover.store.Verification;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Option;

/** {@code chain check} and {@code chain watch}: the registered contracts against a node; {@code chain anchor}: the log's checkpoint onto it. */
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = "Check registered contracts against an Ethereum node, follow it, or publish the log's newest checkpoint to it.",
        subcommands = {ChainCommand.Check.class, ChainCommand.Watch.class, ChainCommand.Anchor.class})
final class ChainCommand {
    /** Exit code of {@code check} when some contract runs code outside every audit's scope. */
    static final int OUT_OF_SCOPE_EXIT = 3;

    private ChainCommand() {
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Print, per registered contract on the node's chain, its code hash, implementation and whether it is in "
                    + "audited scope. Changes nothing unless --record. Exits 3 when any contract is out of scope.")
    static final class Check implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Option(names = "--rpc", required = true, description = "Ethereum JSON-RPC URL (http or https).")
        String rpcUrl;

        @Option(names = "--block", description = "Block number to read at (default: the node's head; an incident's from_block to"
                + " decide its claims' scope).")
        Long block;

        @Option(names = "--record", description = "Also record each contract's observation in the log as a scope check at the block,"
                + " so claims on an incident at that block are decided without a node (the watcher's cursor does not move). With a"
                + " server running, POST /api/code-observations instead.")
        boolean record;

        @Option(names = "--observer", defaultValue = "operator", description = "Who observed, recorded with --record (default: ${DEFAULT-VALUE}).")
        String observer;

        @Override
        public Integer call() {
            State state = dataDirectory.rebuildState();
            var observations = new java.util.ArrayList<CodeObservation>();
            int exit;
            long chainId;
            long at;
            String hash;
            try (ChainReader reader = ChainReader.connect(rpcUrl)) {
                chainId = reader.chainId();
                at = block != null ? block : reader.headBlock();
                hash = reader.blockHash(at).orElse(null);
                exit = print(System.out, state, new ContractInspector(reader), chainId, at, observations);
                if (record && (hash == null || !hash.equals(reader.blockHash(at).orElse(null)))) {
                    System.err.printf("chain check: block %d changed while it was read; nothing recorded, run it again%n", at);
                    return 1;
                }
            }
            if (!record) {
                return exit;
            }
            return record(chainId, at, hash, observations) ? exit : 1;
        }

        /** Each observation as a scope check at the block; the node's URL is not recorded (it may hold a key). */
        private boolean record(long chainId, long at, String hash, List<CodeObservation> observations) {
            boolean allRecorded = true;
            try (Engine engine = Engine.start(dataDirectory.openLog(), Clock.systemUTC(), Engine.Settings.DEFAULT,
                    new io.auditcover.chain.Web3SignatureRecovery())) {
                for (CodeObservation observation : observations) {
                    String evidence = "chain check of chain " + chainId + " at block " + at + " (hash " + hash + "): code hash "
                            + observation.coveredCodeHash() + (observation.matchedAuditId() == null ? ", matched no audit"
                            : ", matched audit " + observation.matchedAuditId());
                    // Idempotent: the same contract at the same block and hash records once however often this is run.
                    var command = new io.auditcover.engine.Command.RecordCodeObservation("observe-" + observation.contractKey() + "-" + at
                            + "-" + hash.substring(2, 18), chainId, at, hash, observation, observer, evidence);
                    switch (engine.submit(command).join()) {
                        case io.auditcover.engine.Outcome.Accepted accepted -> System.out.printf("recorded %s at block %d: %s%n",
                                observation.contractKey(), at, observation.matchedAuditId() == null ? "out of scope" : "in scope");
                        case io.auditcover.engine.Outcome.Rejected rejected -> {
                            allRecorded = false;
                            System.err.printf("not recorded %s: %s %s%n", observation.contractKey(), rejected.rejection().code().wire(),
                                    rejected.rejection().message());
                        }
                    }
                }
            }
            return allRecorded;
        }

        /** Prints each contract's reading and adds its observation to {@code observations}. */
        static int print(PrintStream out, State state, ContractInspector inspector, long chainId, long block,
                List<CodeObservation> observations) {
            List<DeployedContract> contracts = state.contracts().values().stream().filter(c -> c.chainId() == chainId).toList();
            out.printf("chain %d at block %d: %d registered contract(s)%n", chainId, block, contracts.size());
            boolean allInScope = true;
            for (DeployedContract contract : contracts) {
                List<AuditReport> audits = state.audits().values().stream()
                        .filter(audit -> audit.protocolId().equals(contract.protocolId())).toList();
                var reading = inspector.inspect(contract, block, audits);
                var observation = reading.observation();
                observations.add(observation);
                out.printf("%s (%s)%n", contract.address(), contract.protocolId());
                out.printf("  code hash       %s%s%n", observation.codeHash(), observation.hasCode() ? "" : " (no code)");
                if (observation.implementation() == null) {
                    out.printf("  implementation  none (not a proxy)%n");
                } else {
                    out.printf("  implementation  %s (%s proxy), code hash %s%n", observation.implementation().address(),
                            reading.proxyKind().name().toLowerCase(Locale.ROOT), observation.implementation().codeHash());
                }
                if (reading.match() != null) {
                    var match = reading.match();
                    out.printf("  audited scope   IN: audit %s, matched by %s%s%n", match.auditId(), match.by(),
                            match.artifactName() == null ? "" : " (" + match.artifactName() + ")");
                } else {
                    allInScope = false;
                    EligibilityHistory history = state.eligibility().get(contract.key());
                    EligibilityPeriod period = EligibilityHistory.next(history, observation, block).orElse(history == null ? null
                            : history.current());
                    String reason = period == null || period.reason() == null ? "unknown_code" : period.reason().wire();
                    out.printf("  audited scope   OUT: %s%n", reason);
                }
            }
            int elsewhere = state.contracts().size() - contracts.size();
            if (elsewhere > 0) {
                out.printf("(%d contract(s) on other chains not checked)%n", elsewhere);
            }
            return allInScope ? 0 : OUT_OF_SCOPE_EXIT;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Follow the node's confirmed blocks and record eligibility changes in the log until stopped (Ctrl-C).")
    static final class Watch implements Callable<Integer> {
        static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

        @Mixin
        DataDirectory dataDirectory;

        @Option(names = "--rpc", required = true, description = "Ethereum JSON-RPC URL (http or https).")
        String rpcUrl;

        @Option(names = "--confirmations", defaultValue = "12", description = "Blocks deep a block must be before it is acted on (default: ${DEFAULT-VALUE}).")
        int confirmations;

        @Option(names = "--poll-ms", defaultValue = "4000", description = "Milliseconds between polls of the node (default: ${DEFAULT-VALUE}).")
        long pollMillis;

        @Option(names = "--once", description = "Catch up to the confirmed head, then exit.")
        boolean once;

        @Override
        public Integer call() throws InterruptedException {
            var poll = Duration.ofMillis(pollMillis);
            var base = ChainWatcher.Settings.DEFAULT;
            var settings = new ChainWatcher.Settings(confirmations, poll, base.backoffMax().compareTo(poll) < 0 ? poll : base.backoffMax(),
                    base.blocksPerStepMax());
            var closed = new CountDownLatch(1);
            try (Engine engine = Engine.start(dataDirectory.openLog(), Clock.systemUTC(), Engine.Settings.DEFAULT,
                    new io.auditcover.chain.Web3SignatureRecovery());
                    ChainWatcher watcher = new ChainWatcher(engine, rpcUrl, settings)) {
                if (once) {
                    int steps = 0;
                    while (!watcher.step().observedBlocks().isEmpty()) {
                        steps++;
                    }
                    var cursors = engine.read(State::chainCursors).join();
                    System.out.printf("caught up in %d step(s); observed up to %s%n", steps,
                            cursors.isEmpty() ? "nothing yet" : cursors.lastEntry().getValue().block());
                    return 0;
                }
                var stopped = new CountDownLatch(1);
                // On Ctrl-C: stop the watcher, let this thread close the engine (durably), then let the JVM exit.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    watcher.stop();
                    stopped.countDown();
                    try {
                        closed.await(SHUTDOWN_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
                watcher.start();
                System.out.printf("watching %s with %d confirmations; Ctrl-C stops%n", rpcUrl, confirmations);
                stopped.await();
            } finally {
                closed.countDown();
            }
            return 0;
        }
    }

    @Command(name = "anchor", mixinStandardHelpOptions = true,
            description = "Verify the log, then publish its newest signed checkpoint (sequence, hash, operator key) in the data of a"
                    + " transaction from the --key-file account to itself. Exit 2 when the log does not verify.")
    static final class Anchor implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Option(names = "--rpc", required = true, description = "Ethereum JSON-RPC URL (http or https).")
        String rpcUrl;

        @Option(names = "--key-file", required = true,
                description = "A file holding the hex private key of the account that pays for the transaction (not on the command line, where"
                        + " other users could read it).")
        java.nio.file.Path keyFile;

        @Override
        public Integer call() throws java.io.IOException {
            Verification verification;
            try (EventLog log = dataDirectory.openToRead()) {
                verification = log.verify();
            }
            if (!verification.ok()) {
                var failure = verification.failure().orElseThrow();
                System.err.printf("chain anchor: the log does not verify (%s at record %d: %s); nothing published%n", failure.code().code(),
                        failure.sequence(), failure.reason());
                return Main.EXIT_LOG_BROKEN;
            }
            var newest = Checkpoint.newest(dataDirectory.path);
            if (newest.isEmpty() || verification.anchors().publicKey().isEmpty()) {
                System.err.println("chain anchor: no signed checkpoint yet (the writer signs one every 1,000 records and when it closes)");
                return 1;
            }
            Credentials account;
            try {
                account = Credentials.create(java.nio.file.Files.readString(keyFile).strip());
            } catch (NumberFormatException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--key-file " + keyFile
                        + " does not hold a hex private key");
            }
            var checkpoint = newest.get();
            var published = ChainAnchor.publish(rpcUrl, account, checkpoint.sequence(), checkpoint.hash(),
                    verification.anchors().publicKey().get());
            System.out.printf("published the checkpoint at record %d (hash %s) on chain %d: transaction %s in block %d%n",
                    checkpoint.sequence(), checkpoint.hash(), published.chainId(), published.transactionHash(), published.block());
            return 0;
        }
    }
}
