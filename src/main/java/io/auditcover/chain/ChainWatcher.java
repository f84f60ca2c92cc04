package io.auditcover.chain;

import io.auditcover.reason.Reason;
import io.auditcover.evidence.ChainCursor;
import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Event;
import io.auditcover.engine.Outcome;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows a chain's confirmed blocks and tells the engine what it sees. A block is acted on only once it
 * is {@code confirmationDepth} blocks deep, so a shallower reorg never reaches the engine; each observed
 * block is named by number and hash, and the hash is read again after the contracts are, so a block that
 * changed under us is retried rather than recorded. Where it got to is the engine's
 * {@link ChainCursor} (in the log), so a restart resumes after the last observed block. RPC failures back
 * off exponentially and never stop the watcher.
 *
 * <p>Each step covers the confirmed blocks after the cursor (at most {@code blocksPerStepMax}): every
 * block in it with an {@code Upgraded} or {@code BeaconUpgraded} log from a registered contract is
 * observed at that exact block, then the step's last block is observed, so an upgrade is dated to its
 * block even when catching up.
 */
public final class ChainWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChainWatcher.class.getName());

    public record Settings(int confirmationDepth, Duration pollInterval, Duration backoffMax, int blocksPerStepMax) {
        public static final int CONFIRMATION_DEPTH_MAX = 1_000;
        public static final Settings DEFAULT = new Settings(12, Duration.ofSeconds(4), Duration.ofMinutes(2), 1_000);

        public Settings {
            if (confirmationDepth < 0 || confirmationDepth > CONFIRMATION_DEPTH_MAX) {
                throw new IllegalArgumentException("confirmation depth must be 0-" + CONFIRMATION_DEPTH_MAX + " blocks");
            }
            if (pollInterval.isNegative() || pollInterval.isZero() || backoffMax.compareTo(pollInterval) < 0) {
                throw new IllegalArgumentException("poll interval must be positive and at most the longest backoff");
            }
            if (blocksPerStepMax < 1 || blocksPerStepMax > ChainReader.LOG_RANGE_BLOCKS_MAX) {
                throw new IllegalArgumentException("a step covers 1-" + ChainReader.LOG_RANGE_BLOCKS_MAX + " blocks");
            }
        }
    }

    /** What one step did: the blocks it observed (empty when nothing new was confirmed) and how many periods opened. */
    public record Step(List<Long> observedBlocks, int changes) {
    }

    private final Engine engine;
    private final ChainReader reader;
    private final ContractInspector inspector;
    private final Settings settings;
    private final AtomicLong failures = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean running;
    private volatile String lastFailure;
    private long chainId;

    /** A watcher with the default settings (12 confirmations, a poll every 4 s). */
    public ChainWatcher(Engine engine, String rpcUrl) {
        this(engine, rpcUrl, Settings.DEFAULT);
    }

    public ChainWatcher(Engine engine, String rpcUrl, Settings settings) {
        this.engine = engine;
        this.reader = ChainReader.connect(rpcUrl);
        this.inspector = new ContractInspector(reader);
        this.settings = settings;
    }

    /** Starts following the chain on a thread of its own. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the watcher is already running");
        }
        running = true;
        thread = Thread.ofPlatform().name("auditcover-chain-watcher").daemon(true).start(this::run);
    }

    /** Stops following and waits for the current step to end. */
    public synchronized void stop() {
        running = false;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public void close() {
        stop();
        reader.close();
    }

    /** How many steps failed since start (RPC errors, node restarts), and the last reason. */
    public long failures() {
        return failures.get();
    }

    public String lastFailure() {
        return lastFailure;
    }

    private void run() {
        Duration wait = settings.pollInterval();
        while (running) {
            if (engine.following()) {
                sleep(settings.pollInterval()); // the writer's watcher observes the chain; this one starts once its engine takes over
                continue;
            }
            try {
                Step step = step();
                wait = settings.pollInterval();
                if (!step.observedBlocks().isEmpty()) {
                    continue;
                }
            } catch (ChainUnavailableException e) {
                if (!running) {
                    return;
                }
                failures.incrementAndGet();
                lastFailure = e.getMessage();
                LOG.log(System.Logger.Level.WARNING, "chain step failed, retrying in " + wait + ": " + e.getMessage());
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : wait.multipliedBy(2);
                continue;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures.incrementAndGet();
                lastFailure = e.toString();
                LOG.log(System.Logger.Level.ERROR, "chain step failed", e);
                sleep(settings.backoffMax());
                continue;
            }
            sleep(wait);
        }
    }

    private void sleep(Duration duration) {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * One step: observe the confirmed blocks after the cursor. Public so tests and tools can drive the
     * watcher block by block without a thread.
     */
    public Step step() {
        if (chainId == 0) {
            chainId = reader.chainId();
        }
        long safe = reader.headBlock() - settings.confirmationDepth();
        ChainCursor cursor = engine.read(state -> state.chainCursors().get(chainId)).join();
        if (cursor != null) {
            checkCursorStillCanonical(cursor);
        }
        long from = cursor == null ? safe : cursor.block() + 1;
        if (safe < 0 || from > safe) {
            return new Step(List.of(), 0);
        }
        long to = Math.min(safe, from + settings.blocksPerStepMax() - 1);
        Watched watched = watched();
        var blocks = new TreeSet<Long>(upgradeBlocks(watched.contracts(), from, to));
        blocks.add(to);
        var observed = new ArrayList<Long>();
        int changes = 0;
        for (long block : blocks) {
            int opened = observe(watched, block);
            if (opened < 0) {
                break;
            }
            observed.add(block);
            changes += opened;
        }
        return new Step(observed, changes);
    }

    /** The registered contracts on this chain, and the audits of their protocols. */
    private record Watched(List<DeployedContract> contracts, Map<String, List<AuditReport>> auditsByProtocol) {
    }

    private Watched watched() {
        return engine.read(state -> {
            List<DeployedContract> contracts = state.contracts().values().stream().filter(c -> c.chainId() == chainId).toList();
            Map<String, List<AuditReport>> audits = state.audits().values().stream()
                    .collect(Collectors.groupingBy(AuditReport::protocolId, TreeMap::new, Collectors.toList()));
            return new Watched(contracts, audits);
        }).join();
    }

    /**
     * Blocks in [from, to] where a watched proxy or the beacon behind one logged an upgrade. Beacons are
     * those the watched contracts point at by the end of the range; a proxy that switched beacons inside
     * the range logs BeaconUpgraded itself.
     */
    private List<Long> upgradeBlocks(List<DeployedContract> contracts, long from, long to) {
        if (contracts.isEmpty()) {
            return List.of();
        }
        var addresses = new TreeSet<String>();
        for (DeployedContract contract : contracts) {
            addresses.add(contract.address());
            ContractInspector.address(reader.storage(contract.address(), ContractInspector.BEACON_SLOT, to)).ifPresent(addresses::add);
        }
        List<Log> logs = reader.logs(List.copyOf(addresses),
                List.of(ContractInspector.UPGRADED_TOPIC, ContractInspector.BEACON_UPGRADED_TOPIC), null, from, to);
        return logs.stream().map(log -> log.getBlockNumber().longValueExact()).toList();
    }

    /** Observes every watched contract at {@code block}; returns the periods opened, or -1 when the block changed under us. */
    private int observe(Watched watched, long block) {
        String hash = reader.blockHash(block).orElseThrow(() -> new ChainUnavailableException("block " + block + " is gone"));
        var observations = new ArrayList<CodeObservation>();
        for (DeployedContract contract : watched.contracts()) {
            var audits = watched.auditsByProtocol().getOrDefault(contract.protocolId(), List.of());
            observations.add(inspector.inspect(contract, block, audits).observation());
        }
        String hashAfter = reader.blockHash(block).orElse(null);
        if (!hash.equals(hashAfter)) {
            LOG.log(System.Logger.Level.WARNING, "block " + block + " changed while it was read; it will be read again");
            return -1;
        }
        var command = new Command.ObserveChain("chain-" + chainId + "-" + block + "-" + hash, chainId, block, hash, observations);
        Outcome outcome = engine.submit(command).join();
        return switch (outcome) {
            case Outcome.Accepted accepted -> accepted.event() instanceof Event.ChainObserved observed
                    ? observed.changes().size() : 0;
            case Outcome.Rejected rejected when rejected.rejection().code() == Reason.CHAIN_BLOCK_ALREADY_OBSERVED -> -1;
            case Outcome.Rejected rejected -> throw new IllegalStateException("the engine refused the observation of block " + block
                    + ": " + rejected.rejection().code().wire() + " " + rejected.rejection().message());
        };
    }

    /** A reorg deeper than the confirmation depth rewrote a block already recorded: say so loudly; later blocks are still read. */
    private void checkCursorStillCanonical(ChainCursor cursor) {
        String canonical = reader.blockHash(cursor.block()).orElse(null);
        if (!cursor.blockHash().equals(canonical)) {
            lastFailure = "block " + cursor.block() + " was recorded as " + cursor.blockHash() + " but the chain now has " + canonical
                    + ": a reorg deeper than " + settings.confirmationDepth() + " blocks";
            LOG.log(System.Logger.Level.ERROR, lastFailure);
        }
    }
}
