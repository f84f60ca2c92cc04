package io.auditcover.cli;

import io.auditcover.api.ApiServer;
import io.auditcover.api.LossEvidenceSource;
import io.auditcover.chain.AssetToken;
import io.auditcover.chain.ChainWatcher;
import io.auditcover.chain.LossProofs;
import io.auditcover.chain.Web3ChainFacts;
import io.auditcover.chain.Web3SignatureRecovery;
import io.auditcover.engine.Engine;
import io.auditcover.engine.ManualClock;
import io.auditcover.engine.Scheduler;
import io.auditcover.store.EventLog;
import io.auditcover.store.LeaseHeldException;
import io.auditcover.store.Succession;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Serves the REST API and the web console over the data directory's log. Engine time follows the
 * system clock through an {@code AdvanceTime} command every tick. On SIGTERM or Ctrl-C it stops taking
 * requests, lets those in flight finish, drains the writer and closes the log.
 */
@picocli.CommandLine.Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the REST API (/api, /openapi.json), the web console (/), /metrics, /health and /ready.")
final class ServeCommand implements Callable<Integer> {
    /** The exit status of an instance whose writer stopped on a shared log (EX_TEMPFAIL: start it again). */
    static final int EXIT_WRITER_STOPPED = 75;

    @Mixin
    DataDirectory dataDirectory;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (0 picks a free one; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--demo", description = "Seed the demo business first when the data directory is empty.")
    boolean demo;

    @Option(names = "--rate-limit", defaultValue = "200", description = "Requests per second per client; 0 turns limiting off (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--burst", defaultValue = "400", description = "Requests a client may send at once (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--tick-seconds", defaultValue = "60", description = "How often engine time follows the clock (default: ${DEFAULT-VALUE}).")
    long tickSeconds;

    @Option(names = "--domain", description = "A host[:port] sign-in messages may name (their URI over https), besides localhost and 127.0.0.1 at this port.")
    List<String> domains = List.of();

    @Option(names = "--public-url", paramLabel = "URL",
            description = "A URL the console is reached at (e.g. https://cover.example); sign-in messages may name its host and origin (repeatable).")
    List<URI> publicUrls = List.of();

    @Option(names = "--siwe-chain-id", defaultValue = "1", description = "The Chain ID sign-in messages must name (default: ${DEFAULT-VALUE}).")
    long signInChainId;

    @Option(names = "--deployment-id", paramLabel = "0xID",
            description = "This deployment's 32-byte id, recorded once in an unidentified log (default: drawn at random); statements are signed for it.")
    String deploymentId;

    @Option(names = "--rpc", description = "An Ethereum JSON-RPC URL: follow its confirmed blocks and record code eligibility (off when absent).")
    String rpcUrl;

    @Option(names = "--confirmations", defaultValue = "12", description = "How deep a block must be before the chain watcher acts on it (default: ${DEFAULT-VALUE}).")
    int confirmations;

    @Option(names = "--loss-token", paramLabel = "ASSET=0xTOKEN:DECIMALS|ASSET=native",
            description = "Where an asset lives on the --rpc chain, so indemnity claims prove their loss from its balances (repeatable).")
    List<String> lossTokens = List.of();

    @Option(names = "--solvency-after-covers", defaultValue = "100",
            description = "Run the capital model after this many new covers (default: ${DEFAULT-VALUE}).")
    long solvencyAfterCovers;

    @Option(names = "--solvency-every-hours", defaultValue = "24",
            description = "Run the capital model at least this often while covers are in force (default: ${DEFAULT-VALUE}).")
    long solvencyEveryHours;

    @Option(names = "--solvency-years", defaultValue = "" + io.auditcover.engine.SolvencyRuns.YEARS_DEFAULT,
            description = "Years each scheduled run simulates (default: ${DEFAULT-VALUE}).")
    int solvencyYears;

    @Option(names = "--follower", description = "Follow the shared log (--db) and serve its reads; never write it, and answer"
            + " writes 503 not_leader naming the writer. Without it, an instance on --db contends: it writes when the lease is free,"
            + " else follows and takes over once the writer's lease lapses.")
    boolean follower;

    @Option(names = "--lease-seconds", defaultValue = "10", description = "How long the shared log's writer lease lasts unrenewed"
            + " (renewed every third of it): how soon a follower replaces a writer that died, and how long a pause a writer survives"
            + " (default: ${DEFAULT-VALUE}).")
    double leaseSeconds;

    @Option(names = "--advertise-url", paramLabel = "URL", description = "Where this instance's API is reached, recorded in the lease"
            + " while it writes so followers can name it (default: the first --public-url, else http://HOST:PORT for a fixed port).")
    URI advertiseUrl;

    @Override
    public Integer call() throws InterruptedException {
        if (!lossTokens.isEmpty() && rpcUrl == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--loss-token needs --rpc");
        }
        List<AssetToken> tokens;
        try {
            tokens = lossTokens.stream().map(AssetToken::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--loss-token: " + e.getMessage());
        }
        ApiServer.Settings settings;
        String requestedDeployment;
        try {
            settings = new ApiServer.Settings(host, port, rateLimit, burst, Set.copyOf(domains), signInChainId, publicUrls);
            requestedDeployment = deploymentId == null ? null : DeploymentIdentity.requestedOrDrawn(deploymentId);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
        }
        if (!(leaseSeconds >= 1) || leaseSeconds > 3600) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--lease-seconds must be 1 to 3600");
        }
        if (follower && !dataDirectory.shared()) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--follower needs the shared log: --db URL");
        }
        Succession succession = null;
        EventLog log;
        if (follower) {
            succession = dataDirectory.follow(advertised(), lease(), false);
            log = succession.log();
        } else if (dataDirectory.shared()) {
            try {
                log = dataDirectory.openWriter(advertised(), lease());
            } catch (LeaseHeldException e) {
                System.err.printf("serve: %s; following it and taking over when its lease lapses%n", e.getMessage());
                succession = dataDirectory.follow(advertised(), lease(), true);
                log = succession.log();
            }
        } else {
            log = dataDirectory.openLog();
        }
        if (succession != null && demo) {
            System.err.println("serve: following; the writer seeds the demo, not a follower");
        } else if (demo && log.head().sequence() == 0) {
            requestedDeployment = DeploymentIdentity.requestedOrDrawn(requestedDeployment);
            seedDemo(log, requestedDeployment);
            log = dataDirectory.shared() ? dataDirectory.openWriter(advertised(), lease()) : dataDirectory.openLog();
        } else if (demo) {
            System.err.printf("serve: %s already holds %d records; serving them without seeding the demo%n", dataDirectory.path,
                    log.head().sequence());
        }
        Clock clock = Clock.systemUTC();
        Engine engine;
        try {
            engine = succession != null ? Engine.follow(succession, clock, Engine.Settings.DEFAULT, new Web3SignatureRecovery())
                    : Engine.start(log, clock, Engine.Settings.DEFAULT, new Web3SignatureRecovery());
        } catch (RuntimeException e) {
            log.close(); // a log it refuses (say, one to migrate) is left closed for the command that fixes it
            throw e;
        }
        String deployment;
        try {
            deployment = engine.following() ? engine.read(state -> String.valueOf(state.deploymentId())).join()
                    : DeploymentIdentity.ensure(engine, requestedDeployment);
        } catch (IllegalArgumentException e) {
            engine.close();
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--deployment-id: " + e.getMessage());
        }
        Scheduler.SolvencySchedule solvencySchedule;
        try {
            solvencySchedule = new Scheduler.SolvencySchedule(solvencyAfterCovers, Duration.ofHours(solvencyEveryHours), solvencyYears, 1);
        } catch (IllegalArgumentException e) {
            engine.close();
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--solvency-*: " + e.getMessage());
        }
        var scheduler = new Scheduler(engine, clock, line -> System.err.println("serve: " + line)).withSolvency(solvencySchedule)
                .start(Duration.ofSeconds(tickSeconds));
        LossEvidenceSource lossEvidence = rpcUrl == null ? LossEvidenceSource.NONE
                : ChainAdapters.lossEvidence(new LossProofs(new Web3ChainFacts(rpcUrl), tokens));
        ApiServer server = ApiServer.start(engine, clock, dataDirectory.openAccess(), settings, ChainAdapters.STATEMENTS, lossEvidence,
                dataDirectory.openToRead());
        ChainWatcher watcher = rpcUrl == null ? null : new ChainWatcher(engine, rpcUrl, new ChainWatcher.Settings(confirmations,
                ChainWatcher.Settings.DEFAULT.pollInterval(), ChainWatcher.Settings.DEFAULT.backoffMax(),
                ChainWatcher.Settings.DEFAULT.blocksPerStepMax()));
        if (watcher != null) {
            watcher.start();
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (watcher != null) {
                watcher.close();
            }
            server.close();
            scheduler.close();
            engine.close();
            System.err.println("serve: stopped; writer drained and log closed");
            stopped.countDown();
        }, "auditcover-shutdown"));
        if (dataDirectory.shared()) {
            exitWhenWritingStops(engine);
        }
        System.out.printf("Auditcover deployment %s; sign-in on chain %d; %s%n", deployment, signInChainId,
                engine.following() ? "following the log's writer" : "writing the log");
        System.out.printf("Auditcover serving http://%s:%d/ (console), /api, /openapi.json, /metrics; data in %s%n", host, server.port(),
                dataDirectory.path.toAbsolutePath());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * Fail-stop on a shared log: once the engine can write no more (its lease lapsed or was taken over while it was paused or
     * cut off, or its writer failed), the process says why and exits with {@link #EXIT_WRITER_STOPPED}, so its supervisor
     * starts it again, to follow the new writer and contend for the lease; serving stale reads as if still the writer would
     * mislead. Checked a few times a second, so it goes within a fraction of the lease.
     */
    private static void exitWhenWritingStops(Engine engine) {
        Thread.ofPlatform().daemon().name("auditcover-fail-stop").start(() -> {
            while (true) {
                var reason = engine.stoppedWriting();
                if (reason.isPresent()) {
                    System.err.printf("serve: the writer stopped (%s); exiting %d for a restart as a follower%n", reason.get(),
                            EXIT_WRITER_STOPPED);
                    System.exit(EXIT_WRITER_STOPPED);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private Duration lease() {
        return Duration.ofMillis(Math.round(leaseSeconds * 1000));
    }

    /** The URL this instance says it serves at while it writes (empty for none, when it listens on a port drawn at start). */
    private String advertised() {
        if (advertiseUrl != null) {
            return advertiseUrl.toString();
        }
        if (!publicUrls.isEmpty()) {
            return publicUrls.getFirst().toString();
        }
        return port == 0 ? "" : "http://" + host + ":" + port;
    }

    private static void seedDemo(EventLog log, String deploymentId) {
        var clock = new ManualClock(DemoBusiness.START);
        try (Engine engine = Engine.start(log, clock, Engine.Settings.DEFAULT, new Web3SignatureRecovery())) {
            var business = new DemoBusiness(engine, clock, deploymentId);
            business.run();
            System.out.printf("serve: seeded the demo business (%d covers)%n", business.coversBought());
        }
    }
}
