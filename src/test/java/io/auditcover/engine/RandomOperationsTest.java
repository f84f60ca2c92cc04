package io.auditcover.engine;

import io.auditcover.cover.InsurableInterest;
import io.auditcover.claims.LossEvidence;
import io.auditcover.reason.Reason;
import io.auditcover.claims.IncidentCase;
import static io.auditcover.engine.EngineFixtures.ETH;
import static io.auditcover.engine.EngineFixtures.START;
import static io.auditcover.engine.EngineFixtures.USDC;
import static org.assertj.core.api.Assertions.assertThat;

import io.auditcover.Seeds;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.claims.Incident;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.CodeObservation;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Finding;
import io.auditcover.evidence.FindingStatus;
import io.auditcover.evidence.Protocol;
import io.auditcover.evidence.Severity;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.CodeChangePolicy;
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.RiskProfile;
import io.auditcover.store.EventLog;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.SolvencyPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives the engine through thousands of seeded random commands of every kind, many of them invalid, with
 * every invariant checked after each accepted command; then the log is replayed from zero and from its
 * snapshot and must give the same state hash. Seeds: {@link Seeds}.
 */
class RandomOperationsTest {
    static final int COMMANDS = 12_000;
    static final long[] SEEDS = {1, 2};
    /**
     * Votes need a claim the rules could not decide to be open in the right phase at the right moment, which a random
     * book reaches in some seeds only; IncidentSettlementTest accepts each of them on a scripted book. A recovery needs a
     * paid claim and a reopening a pool short at settlement, which these seeds' books never reach: RecoveryTest and
     * ShortfallTest accept them, and a depositors' claim a cover sold on depositor terms, which some seeds never sell:
     * DepositorCoverTest accepts it; a stake withdrawal needs a stake free of open votes and its notice over, which
     * AssessorsAndAppealsTest reaches. Here they are still sent, rejected and replayed in every run.
     */
    static final Set<String> ACCEPTED_IN_SCENARIO_TESTS = Set.of("CastVote", "UndoVotes", "EscalateClaim", "RecordRecovery", "ReopenPool",
            "AppealClaim", "SlashAssessor", "ReverseSlash", "FileDepositorClaim", "RequestStakeWithdrawal", "WithdrawStake");
    static final int BURST = 64;
    static final List<String> POOLS = List.of("alpha", "beta", "gamma");
    static final List<String> PROTOCOLS = List.of("lendwell", "swapline", "bridgeport", "ghost");
    static final List<String> PARTIES = List.of("ada", "bram", "chen", "dara", "Not A Party");

    @TempDir
    Path directory;

    static LongStream seeds() {
        return Seeds.of(SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void random_commands_keep_every_invariant_and_replay_to_the_same_state(long seed) throws Exception {
        try {
            run(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("random operations failed with seed " + seed + " " + Seeds.rerun(seed), e);
        }
    }

    /** Writes the log of one seed's run into {@code target} (the golden log's second half, see GoldenLogTest). */
    static void writeLog(long seed, Path target) throws Exception {
        var test = new RandomOperationsTest();
        test.directory = target;
        test.run(seed);
    }

    private void run(long seed) throws Exception {
        INCIDENTS.get().clear();
        var random = new Random(seed);
        var clock = new ManualClock(START);
        var settings = new Engine.Settings(BURST, 1_000, true);
        var kindsAccepted = new HashSet<String>();
        var kindsRejected = new HashSet<String>();
        var codes = new HashSet<Reason>();
        var sent = new ArrayList<Command>();
        String liveHash;
        try (Engine engine = Engine.start(EngineFixtures.log(directory), clock, settings, EngineFixtures.SIGNATURES)) {
            for (int burst = 0; burst < COMMANDS / BURST; burst++) {
                var commands = new ArrayList<Command>();
                for (int i = 0; i < BURST; i++) {
                    commands.add(randomCommand(random, clock, sent, burst * BURST + i, engine));
                }
                var answers = new ArrayList<CompletableFuture<Outcome>>();
                commands.forEach(command -> answers.add(engine.submit(command)));
                for (int i = 0; i < commands.size(); i++) {
                    String kind = commands.get(i).getClass().getSimpleName();
                    Outcome outcome = answers.get(i).get();
                    (outcome instanceof Outcome.Accepted ? kindsAccepted : kindsRejected).add(kind);
                    if (outcome instanceof Outcome.Rejected rejected) {
                        codes.add(rejected.rejection().code());
                    }
                }
                sent.addAll(commands);
            }
            liveHash = engine.stateHash();
            assertThat(engine.read(Invariants::violations).get()).isEmpty();
        }
        Set<String> allKinds = new HashSet<>();
        for (Class<?> kind : Command.class.getPermittedSubclasses()) {
            allKinds.add(kind.getSimpleName());
        }
        try (EventLog log = EngineFixtures.log(directory)) {
            assertThat(Engine.stateHash(Engine.rebuild(log))).as("replay from zero").isEqualTo(liveHash);
        }
        try (Engine restarted = Engine.start(EngineFixtures.log(directory), clock, settings, EngineFixtures.SIGNATURES)) {
            assertThat(restarted.recovery().snapshotSequence()).as("restart uses a snapshot").isPositive();
            assertThat(restarted.stateHash()).as("restart from snapshot").isEqualTo(liveHash);
        }
        if (!Seeds.fresh()) {
            coverage(allKinds, kindsAccepted, kindsRejected, codes);
            return;
        }
        // A fresh seed hunts for broken invariants, replays and crashes; one that happens to leave a kind of command never
        // accepted is not a failure of the engine, so it is said, not failed (the fixed list is chosen to cover every kind).
        try {
            coverage(allKinds, kindsAccepted, kindsRejected, codes);
        } catch (AssertionError uncovered) {
            System.out.println("RandomOperationsTest: this seed's commands did not cover everything: " + uncovered.getMessage().lines()
                    .filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse(""));
        }
    }

    /** Every kind of command accepted (but those only scenario tests reach) and refused at least once, and the paths named. */
    private static void coverage(Set<String> allKinds, Set<String> kindsAccepted, Set<String> kindsRejected, Set<Reason> codes) {
        var mustBeAccepted = new HashSet<>(allKinds);
        mustBeAccepted.removeAll(ACCEPTED_IN_SCENARIO_TESTS);
        assertThat(kindsAccepted).containsAll(mustBeAccepted);
        assertThat(kindsRejected).containsAll(allKinds);
        assertThat(codes).as("claim paths").contains(Reason.UNKNOWN_ORACLE, Reason.DUPLICATE_ATTESTATION,
                Reason.INCIDENT_NOT_FINAL, Reason.INCIDENT_ALREADY_SETTLED);
        assertThat(codes).as("solvency paths").contains(Reason.SOLVENCY_CAPITAL_EXCEEDED, Reason.SOLVENCY_INPUT_INVALID);
        assertThat(codes).as("insured wallets").contains(Reason.INSURABLE_INTEREST_MISSING, Reason.CONSENT_INVALID);
        assertThat(codes).as("pricing paths").contains(Reason.QUOTE_INVALID, Reason.QUOTE_EXPIRED,
                Reason.PRICE_MOVED);
    }

    /** A pool's solvency policy, a protocol's dependencies, or a recorded run of the book as it stands (a short one). */
    private static Command solvencyCommand(Random random, String id, Engine engine) {
        String pool = random.nextInt(8) == 0 ? "no-such-pool" : pick(random, POOLS);
        String protocol = pick(random, PROTOCOLS);
        return switch (random.nextInt(4)) {
            case 0 -> new Command.SetSolvencyPolicy(id, pool, random.nextInt(5) == 0 ? SolvencyPolicy.NONE
                    : new SolvencyPolicy(pick(random, List.of(Ratio.ZERO, Ratio.ONE, Ratio.of(3, 2), Ratio.whole(10))), random.nextBoolean() ? Map.of()
                            : Map.of(pick(random, List.of(DependencyKind.values())), Ratio.of(1 + random.nextInt(4), 4))));
            case 1 -> new Command.RecordDependencies(id, protocol, Map.of(DependencyKind.FORK, random.nextInt(6) == 0 ? " "
                    : pick(random, List.of("Compound V2", "Aave V2")), DependencyKind.ORACLE, "Chainlink"));
            default -> {
                if (random.nextInt(6) == 0) {
                    yield new Command.RecordSolvencyAssessment(id, null);
                }
                try {
                    var result = SolvencyRuns.run(engine.read(Quotes::quoteState).join(), random.nextLong(), 200, 1);
                    yield new Command.RecordSolvencyAssessment(id, result.assessment());
                } catch (SolvencyRuns.Refused empty) {
                    yield new Command.RecordSolvencyAssessment(id, null);
                }
            }
        };
    }

    static Command randomCommand(Random random, ManualClock clock, List<Command> sent, int number, Engine engine) {
        String id = "cmd-" + number;
        if (number == 0 || random.nextInt(500) == 0) {
            return new Command.IdentifyDeployment(id, number == 0 ? EngineFixtures.DEPLOYMENT
                    : pick(random, List.of(EngineFixtures.OTHER_DEPLOYMENT, "0xbad")));
        }
        if (!sent.isEmpty() && random.nextInt(40) == 0) {
            Command earlier = sent.get(random.nextInt(sent.size()));
            return random.nextBoolean() ? earlier : new Command.AdvanceTime(earlier.commandId());
        }
        if (random.nextInt(25) == 0) {
            return chainCommand(random, id, number);
        }
        if (random.nextInt(30) == 0) {
            return solvencyCommand(random, id, engine);
        }
        if (random.nextInt(4) == 0) {
            return claimCommand(random, clock, id, number, engine);
        }
        String pool = pick(random, POOLS);
        String protocol = pick(random, PROTOCOLS);
        String party = pick(random, PARTIES);
        return switch (random.nextInt(25)) {
            case 0 -> new Command.RegisterProtocol(id, new Protocol(protocol, "Protocol " + protocol, "lending"));
            case 1 -> new Command.RegisterContract(id, new DeployedContract(protocol, 1 + random.nextInt(2),
                    "0x" + "%040x".formatted(random.nextInt(8)), "0x" + "%064x".formatted(random.nextInt(8) + 1), null));
            case 2 -> new Command.RegisterAudit(id, new AuditReport("audit-" + random.nextInt(6), protocol, "Auditor",
                    LocalDate.of(2025, 1, 1), "abcdef1", List.of("0x" + "%064x".formatted(random.nextInt(8) + 1)),
                    List.of(new Finding("f1", Severity.MEDIUM, FindingStatus.OPEN))));
            case 3 -> new Command.CreatePool(id, random.nextInt(10) == 0 ? "Bad Id" : pool, pool.equals("gamma") ? ETH : USDC,
                    new PoolRules(Ratio.of(1 + random.nextInt(4), 1), Ratio.of(1 + random.nextInt(3), 4), Duration.ofDays(random.nextInt(20))));
            case 4 -> new Command.ListProtocol(id, pool, protocol, random.nextInt(12) == 0 ? 0 : 50 + random.nextInt(800));
            case 5, 6 -> new Command.Deposit(id, pool, party, amount(random, pool, 50_000));
            case 7 -> new Command.RequestWithdrawal(id, pool, party, random.nextInt(5) == 0 ? -1 : random.nextLong(1, 30_000_000_000L));
            case 8 -> new Command.Withdraw(id, random.nextInt(1, 40), party);
            case 9, 10, 11, 12 -> new Command.BuyCover(id, party, pool, protocol, amount(random, pool, 60_000),
                    random.nextInt(10) == 0 ? random.nextInt(400) : 28 + random.nextInt(338));
            case 13, 14 -> {
                clock.advance(Duration.ofHours(random.nextInt(1, 72)));
                yield new Command.AdvanceTime(id);
            }
            case 20 -> new Command.RegisterRiskProfile(id, random.nextInt(10) == 0 ? null : new RiskProfile(protocol, random.nextLong(1, 2_000_000_000L),
                    random.nextInt(3) == 0 ? 0 : random.nextLong(1, 5_000_000L), LocalDate.of(2020 + random.nextInt(6), 1, 1), null,
                    random.nextBoolean(), pick(random, List.of(RiskProfile.AdminKey.values())),
                    pick(random, List.of(RiskProfile.AuditKind.values()))));
            case 21 -> new Command.SetMarket(id, pool, protocol, random.nextInt(4) == 0 ? MarketParameters.Mode.FIXED : MarketParameters.Mode.MARKET,
                    random.nextInt(12) == 0 ? -1 : random.nextInt(2_000), random.nextInt(400), 5_000 + random.nextInt(5_001),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(3_000));
            case 22 -> new Command.SetPricingParameters(id, PricingFile.bundled().withCalibration(pick(random, List.of("v-a", "v-b")),
                    PricingFile.bundled().calibration()));
            case 23, 24 -> quotedPurchase(random, engine, clock, id, pool, protocol, party);
            case 15 -> insuredPurchase(random, engine, clock, id, pool, protocol, party);
            default -> new Command.BuyCover(id, party, pool, protocol, amount(random, pool, 20_000), 28 + random.nextInt(338));
        };
    }

    /** Chain observations (new or old blocks, known or unknown contracts, backed or unbacked audit matches) and listing policies. */
    private static Command chainCommand(Random random, String id, int number) {
        if (random.nextInt(4) == 0) {
            var policy = random.nextBoolean() ? CodeChangePolicy.DEFAULT
                    : new CodeChangePolicy(CodeChangePolicy.Action.REPRICE, random.nextInt(500));
            return new Command.SetCodeChangePolicy(id, random.nextInt(5) == 0 ? "no-such-pool" : pick(random, POOLS), pick(random, PROTOCOLS),
                    policy);
        }
        if (random.nextInt(3) == 0) {
            return scopeCommand(random, id, number);
        }
        long chain = 1 + random.nextInt(2);
        var observations = new ArrayList<CodeObservation>();
        for (int i = random.nextInt(3); i > 0; i--) {
            String key = chain + ":0x" + "%040x".formatted(random.nextInt(8));
            String codeHash = "0x" + "%064x".formatted(random.nextInt(8) + 1);
            var implementation = random.nextBoolean() ? null
                    : new DeployedContract.ProxyImplementation("0x" + "%040x".formatted(100 + random.nextInt(3)), "0x" + "%064x".formatted(random.nextInt(8) + 1));
            String audit = random.nextInt(3) == 0 ? "audit-" + random.nextInt(6) : null;
            observations.add(new CodeObservation(key, codeHash, true, implementation, audit, null));
        }
        long block = random.nextInt(10) == 0 ? random.nextInt(1, 1_000) : number;
        return new Command.ObserveChain(id, chain, block, "0x" + "%064x".formatted(number), observations);
    }

    /** A code observation read elsewhere or an operator's scope check (known or unknown contracts, backed or not, with or without evidence). */
    private static Command scopeCommand(Random random, String id, int number) {
        long chain = 1 + random.nextInt(2);
        String key = chain + ":0x" + "%040x".formatted(random.nextInt(8));
        long block = random.nextInt(4) == 0 ? 150 : random.nextInt(1, 1_000);
        String evidence = random.nextInt(8) == 0 ? " " : "read at block " + block;
        String audit = random.nextBoolean() ? "audit-" + random.nextInt(6) : null;
        if (random.nextBoolean()) {
            var observation = new CodeObservation(key, "0x" + "%064x".formatted(random.nextInt(8) + 1), true, null, audit, null);
            return new Command.RecordCodeObservation(id, chain, block, "0x" + "%064x".formatted(number), observation, "ops", evidence);
        }
        boolean inScope = random.nextInt(5) == 0 ? audit == null : audit != null;
        return new Command.RecordScopeCheck(id, key, block, inScope, audit, null, "ops", evidence);
    }

    /** Incidents reported so far in this run, so oracles can sign exactly their fields. */
    private static final ThreadLocal<List<Incident>> INCIDENTS = ThreadLocal.withInitial(ArrayList::new);

    /** Claim terms, oracles, incidents with signed (sometimes forged or late) attestations and disputes, reinsurance, settlements. */
    private static Command claimCommand(Random random, ManualClock clock, String id, int number, Engine engine) {
        List<Incident> incidents = INCIDENTS.get();
        String pool = pick(random, POOLS);
        Asset asset = pool.equals("gamma") ? ETH : USDC;
        Incident recent = incidents.isEmpty() ? Business.incident("inc-none", Cause.REENTRANCY, clock.instant())
                : incidents.get(Math.max(0, incidents.size() - 1 - random.nextInt(3)));
        return switch (random.nextInt(20)) {
            case 18 -> recordRecovery(random, id, engine, recent.id());
            case 19 -> {
                String spent = engine.read(state -> state.pools().keySet().stream().filter(state.claimBook()::spent).findFirst().orElse(null))
                        .join();
                yield new Command.ReopenPool(id, spent == null || random.nextInt(4) == 0 ? pool : spent);
            }
            case 11, 12 -> fileClaim(random, clock, id, engine, recent);
            case 13, 14, 15, 16, 17 -> assessmentCommand(random, clock, id, engine);
            case 0 -> new Command.SetClaimTerms(id, pool, pick(random, PROTOCOLS), switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> ClaimTerms.indemnity(Money.zero(asset));
                case 5 -> ClaimTerms.indemnity(Money.zero(asset)).forDepositors(random.nextBoolean() ? VAULT_SHARES : MARKET_SUPPLY);
                case 2 -> new ClaimTerms(io.auditcover.claims.TriggerKind.PARAMETRIC, Ratio.of(1 + random.nextInt(4), 4), Money.zero(asset),
                        Cause.defaultExclusions(), Duration.ZERO, Duration.ofDays(30), ClaimTerms.PayoutBasis.LOSS_SHARE);
                default -> ClaimTerms.parametric(Ratio.of(1 + random.nextInt(4), 4), Money.zero(asset));
            });
            case 1 -> new Command.ConfigureAttestation(id, random.nextInt(4) == 0 ? null
                    : new AttestationRules(Business.rules().oracles(), 2, Duration.ofDays(10), Duration.ofDays(5 + random.nextInt(10))));
            case 2 -> {
                if (random.nextInt(4) != 0) {
                    yield new Command.ReportIncident(id, recent);
                }
                String protocol = pick(random, PROTOCOLS);
                List<String> registered = engine.read(state -> state.contracts().values().stream()
                        .filter(contract -> contract.protocolId().equals(protocol)).map(DeployedContract::key).toList()).join();
                String contract = registered.isEmpty() || random.nextInt(5) == 0 ? "1:0x" + "%040x".formatted(random.nextInt(8))
                        : pick(random, registered);
                var incident = new Incident("inc-" + number, protocol, List.of(contract),
                        random.nextInt(1, number + 2), number + 2, clock.instant().minus(Duration.ofHours(random.nextInt(48))),
                        pick(random, List.of(Cause.REENTRANCY, Cause.FLASH_LOAN, Cause.REENTRANCY, Cause.FLASH_LOAN, Cause.KEY_COMPROMISE)), Money.whole(asset, 1_000),
                        List.of(), random.nextLong(1, 10_001));
                incidents.add(incident);
                yield new Command.ReportIncident(id, incident);
            }
            case 3, 4, 5 -> new Command.AttestIncident(id, recent.id(), Business.signature(recent, true, oracle(random)));
            case 6, 10 -> {
                Incident confirmed = engine.read(state -> state.incidents().values().stream()
                        .filter(c -> c.statusAt(clock.instant()) == io.auditcover.claims.Attestations.Status.CONFIRMED)
                        .map(IncidentCase::incident).findFirst().orElse(recent)).join();
                yield new Command.DisputeIncident(id, confirmed.id(), random.nextInt(8) == 0 ? "0xbad"
                        : Business.signature(confirmed, false, oracle(random)));
            }
            case 7 -> new Command.SetReinsurance(id, random.nextInt(8) == 0 ? "nope" : pool, random.nextInt(3) == 0 ? null
                    : new ExcessOfLoss(Money.whole(asset, random.nextInt(1_000)), Money.whole(asset, 1 + random.nextInt(20_000))));
            default -> {
                Incident settleable = engine.read(state -> state.incidents().values().stream()
                        .filter(c -> c.settledAt() == null && c.statusAt(clock.instant()) == io.auditcover.claims.Attestations.Status.FINAL)
                        .map(IncidentCase::incident).findFirst().orElse(recent)).join();
                yield new Command.SettleIncident(id, random.nextInt(10) == 0 ? "inc-unknown" : random.nextBoolean() ? recent.id() : settleable.id());
            }
        };
    }

    /**
     * A recovery for the incident of a paid claim, mostly within what it may still recover; sometimes above it, on another
     * incident, or without evidence.
     */
    private static Command recordRecovery(Random random, String id, Engine engine, String fallbackIncident) {
        long seed = random.nextLong();
        return engine.read(state -> {
            var pick = new Random(seed);
            var paid = state.claimRecords().values().stream().filter(c -> c.paid().exceeds(c.recoveredToPool())).toList();
            String evidence = pick.nextInt(8) == 0 ? " " : "funds returned, tx 0x" + "a".repeat(64);
            if (paid.isEmpty() || pick.nextInt(5) == 0) {
                return new Command.RecordRecovery(id, fallbackIncident, Money.whole(USDC, 1 + pick.nextInt(100)), evidence);
            }
            var claim = paid.get(pick.nextInt(paid.size()));
            long most = claim.paid().units() - claim.recoveredToPool().units();
            return new Command.RecordRecovery(id, claim.incidentId(), Money.ofUnits(claim.paid().asset(),
                    pick.nextInt(6) == 0 ? Math.multiplyExact(most, 3) + 1 : 1 + pick.nextLong(most)), evidence);
        }).join();
    }

    /** The vault whose shares protocol-bought covers read, or the lending market whose supplied balances they read. */
    static final io.auditcover.claims.PositionReader VAULT_SHARES = io.auditcover.claims.PositionReader.vault("0x" + "7a".repeat(20));
    static final io.auditcover.claims.PositionReader MARKET_SUPPLY = io.auditcover.claims.PositionReader.market("0x" + "c7".repeat(20));

    /** A claim by a cover's holder on an open incident of its protocol when there is one (sometimes with a bad holder or amount). */
    private static Command fileClaim(Random random, ManualClock clock, String id, Engine engine, Incident fallback) {
        long seed = random.nextLong();
        var target = engine.read(state -> {
            var open = state.incidents().values().stream().filter(c -> c.settledAt() == null
                    && c.statusAt(clock.instant()) != io.auditcover.claims.Attestations.Status.REJECTED).toList();
            if (open.isEmpty()) {
                return null;
            }
            var pick = new Random(seed);
            // Mostly a confirmed incident and a cover that may claim on it, so that some claim is accepted in every run, not in
            // 99 runs of 100; the rest still reach the refusals.
            var confirmed = open.stream().filter(c -> c.statusAt(clock.instant()) == io.auditcover.claims.Attestations.Status.CONFIRMED
                    || c.statusAt(clock.instant()) == io.auditcover.claims.Attestations.Status.FINAL).toList();
            var incidents = confirmed.isEmpty() || pick.nextInt(4) == 0 ? open : confirmed;
            var incidentCase = incidents.get(pick.nextInt(incidents.size()));
            var incident = incidentCase.incident();
            var covers = state.covers().values().stream().filter(c -> c.protocolId().equals(incident.protocolId())
                    && (pick.nextInt(4) == 0 || !c.start().isAfter(incident.occurredAt()) && c.end().isAfter(incident.occurredAt()))).toList();
            var mayClaim = covers.stream().filter(c -> state.claimTermsOf(c).trigger() == io.auditcover.claims.TriggerKind.INDEMNITY
                    && !incidentCase.settledFor(c.poolId())).toList();
            var candidates = mayClaim.isEmpty() || pick.nextInt(4) == 0 ? covers : mayClaim;
            if (candidates.isEmpty()) {
                return null;
            }
            var cover = candidates.get(pick.nextInt(candidates.size()));
            var terms = state.claimTermsOf(cover);
            return new Object[] {incident.id(), cover, terms.paysDepositors(), terms.position() != null ? terms.position() : VAULT_SHARES};
        }).join();
        if (target == null) {
            return new Command.FileClaim(id, "ada", random.nextLong(1, 50), fallback.id(), Money.whole(USDC, 10), null);
        }
        var cover = (io.auditcover.cover.Cover) target[1];
        if (random.nextInt(4) == 0) {
            // A reimbursement on the same cover and incident, by its holder, the operator or a stranger.
            return new Command.DeclareReimbursement(id, pick(random, List.of(cover.holder(), io.auditcover.claims.Reimbursement.OPERATOR, "ada")),
                    cover.id(), (String) target[0], Money.ofUnits(cover.amount().asset(), random.nextLong(1, cover.amount().units() / 2 + 2)),
                    pick(random, List.of(io.auditcover.claims.Reimbursement.Source.values())), "reimbursed, see " + id);
        }
        Money loss = random.nextInt(10) == 0 ? Money.zero(cover.amount().asset()) : Money.ofUnits(cover.amount().asset(),
                random.nextLong(1, cover.amount().units() + 1));
        if ((Boolean) target[2] ? random.nextInt(10) != 0 : random.nextInt(8) == 0) {
            // The depositors' claim of a protocol-bought cover (sometimes on another cover): two depositors, the first losing
            // the loss, the second half of it.
            Money zero = Money.zero(loss.asset());
            Money held = loss.plus(Money.ofUnits(loss.asset(), random.nextInt(1_000)));
            var reader = (io.auditcover.claims.PositionReader) target[3];
            var depositors = List.of(new io.auditcover.claims.DepositorLoss("0x" + "a1".repeat(20), position(reader, held, held.minus(loss), zero)),
                    new io.auditcover.claims.DepositorLoss("0x" + "b2".repeat(20), position(reader, held, held.minus(Money.ofUnits(loss.asset(),
                            loss.units() / 2)), zero)));
            return new Command.FileDepositorClaim(id, random.nextInt(10) == 0 ? "ada" : cover.holder(), cover.id(), (String) target[0],
                    random.nextInt(12) == 0 ? List.of() : depositors);
        }
        var evidence = random.nextBoolean() ? null : new LossEvidence(loss.plus(Money.ofUnits(loss.asset(), random.nextInt(1_000))),
                Money.ofUnits(loss.asset(), random.nextInt(1_000)), 1, 2);
        return new Command.FileClaim(id, random.nextInt(10) == 0 ? "ada" : cover.holder(), cover.id(), (String) target[0], loss, evidence);
    }

    /**
     * A depositor's position read by {@code reader}: a lending market's evidence also keeps the balance and exchange rate each
     * value came from (here one cToken unit per base unit of the asset, at a rate of 1e18).
     */
    private static LossEvidence position(io.auditcover.claims.PositionReader reader, Money before, Money after, Money withdrawn) {
        if (reader.kind() != io.auditcover.claims.PositionReader.Kind.COMPOUND_V2) {
            return new LossEvidence(before, after, 1, 2, reader, withdrawn);
        }
        return new LossEvidence(before, after, 1, 2, reader, withdrawn, reading(before), reading(after));
    }

    private static io.auditcover.claims.PositionReading reading(Money value) {
        return value.isZero() ? new io.auditcover.claims.PositionReading("0", null)
                : new io.auditcover.claims.PositionReading(Long.toString(value.units()), "1000000000000000000");
    }

    /** Assessors, assessment rules, and votes, undos and escalations aimed at assessments in the phase that allows them. */
    private static Command assessmentCommand(Random random, ManualClock clock, String id, Engine engine) {
        int kind = random.nextInt(7);
        if (kind >= 5) {
            return assessorCommand(random, id);
        }
        if (kind == 0) {
            return new Command.RegisterAssessor(id, random.nextInt(10) == 0 ? "Bad Id" : "as-" + random.nextInt(6), random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(3),
                    1 + random.nextInt(2));
        }
        if (kind == 1) {
            return new Command.ConfigureAssessment(id, random.nextInt(4) == 0 ? null : new io.auditcover.claims.AssessmentRules(
                    Duration.ofDays(10 + random.nextInt(10)), Duration.ofDays(1), Duration.ofDays(1), 1 + random.nextInt(2),
                    Duration.ofDays(14 + random.nextInt(7)), 1));
        }
        io.auditcover.claims.Assessment.Phase wanted = kind == 2 ? io.auditcover.claims.Assessment.Phase.VOTING
                : io.auditcover.claims.Assessment.Phase.COOLDOWN;
        long seed = random.nextLong();
        var found = engine.read(state -> {
            var candidates = state.assessments().values().stream().filter(a -> a.phaseAt(clock.instant()) == wanted).toList();
            if (candidates.isEmpty()) {
                return null;
            }
            var assessment = candidates.get(new Random(seed).nextInt(candidates.size()));
            return new Object[] {assessment, state.filedClaims().get(assessment.claimId()).holder()};
        }).join();
        if (found == null) {
            return switch (kind) {
                case 2 -> new Command.CastVote(id, "as-1", random.nextLong(1, 100), true);
                case 3 -> new Command.UndoVotes(id, random.nextLong(1, 100), List.of("as-1"));
                default -> new Command.EscalateClaim(id, "ada", random.nextLong(1, 100));
            };
        }
        var assessment = (io.auditcover.claims.Assessment) found[0];
        var panel = List.copyOf(assessment.panel().keySet());
        return switch (kind) {
            case 2 -> new Command.CastVote(id, random.nextInt(8) == 0 ? "as-9" : pick(random, panel), assessment.claimId(), random.nextBoolean());
            case 3 -> new Command.UndoVotes(id, assessment.claimId(), assessment.votes().isEmpty() || random.nextInt(8) == 0 ? List.of("as-9")
                    : List.of(pick(random, List.copyOf(assessment.votes().keySet()))));
            default -> random.nextBoolean() ? new Command.EscalateClaim(id, random.nextInt(8) == 0 ? "ada" : (String) found[1], assessment.claimId())
                    : new Command.AppealClaim(id, (String) found[1], assessment.claimId(), Money.whole(USDC, random.nextInt(200)));
        };
    }

    /** Who decides a listing's claims, removals, stakes, slashes and their reversal, stake withdrawals; mostly refused on a random book. */
    private static Command assessorCommand(Random random, String id) {
        String assessor = "as-" + random.nextInt(8);
        return switch (random.nextInt(8)) {
            case 0 -> new Command.SetListingAssessors(id, pick(random, POOLS), pick(random, PROTOCOLS), random.nextBoolean()
                    ? List.of(assessor, "as-" + random.nextInt(8)) : List.of(), random.nextInt(3) == 0 ? "outside-" + random.nextInt(2) : null);
            case 1 -> new Command.RemoveAssessor(id, random.nextInt(10) == 0 ? "Bad Id" : assessor);
            case 2 -> new Command.StakeAssessor(id, assessor, random.nextInt(6) == 0 ? Money.zero(USDC)
                    : Money.whole(USDC, 1 + random.nextInt(1_000)));
            case 3 -> new Command.SlashAssessor(id, assessor, random.nextLong(1, 100), Money.whole(USDC, 1 + random.nextInt(500)),
                    "evidence");
            case 4 -> new Command.ReverseSlash(id, random.nextLong(1, 5));
            case 5 -> new Command.RequestStakeWithdrawal(id, assessor, Money.whole(USDC, random.nextInt(600)));
            case 6 -> new Command.WithdrawStake(id, assessor);
            default -> new Command.AppealClaim(id, pick(random, PARTIES), random.nextLong(1, 100), Money.whole(USDC, 1 + random.nextInt(200)));
        };
    }

    private static org.web3j.crypto.ECKeyPair oracle(Random random) {
        return random.nextInt(6) == 0 ? Business.STRANGER : Business.ORACLES.get(random.nextInt(Business.ORACLES.size()));
    }

    /** A purchase bound to a quote taken now (it may expire or the price move before it runs), sometimes tampered with. */
    private static Command quotedPurchase(Random random, Engine engine, ManualClock clock, String id, String pool, String protocol,
            String party) {
        Money amount = amount(random, pool, 60_000);
        int period = 28 + random.nextInt(338);
        var answer = engine.read(state -> Quotes.quote(state, pool, protocol, amount, period, clock.instant())).join();
        Instant validUntil = clock.instant().plusSeconds(60);
        var reference = new Command.QuoteReference("0".repeat(32), amount, validUntil, "none");
        if (answer instanceof Quotes.Offered offered) {
            var quote = offered.quote();
            Money premium = random.nextInt(6) == 0 ? quote.premium().plus(Money.ofUnits(quote.premium().asset(), 1)) : quote.premium();
            reference = new Command.QuoteReference(quote.id(), premium, quote.validUntil(), quote.parametersVersion());
        }
        return new Command.BuyCover(id, party, pool, protocol, amount, period, reference);
    }

    /** A purchase insuring the stranger's wallet: with its consent, without, expired, or signed for another buyer. */
    private static Command insuredPurchase(Random random, Engine engine, ManualClock clock, String id, String pool, String protocol,
            String party) {
        Instant validUntil = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(random.nextInt(3) == 0 ? 0 : 3_600);
        var domain = engine.read(state -> state.deploymentId() == null ? null
                : new io.auditcover.chain.SigningDomain(InsurableInterest.consentChainId(state.evidence(), protocol), state.deploymentId())).join();
        String buyer = random.nextInt(6) == 0 ? "mallory" : party;
        Command.WalletConsent consent = domain == null || random.nextInt(5) == 0 ? null
                : new Command.WalletConsent(io.auditcover.chain.InsuranceConsents.sign(domain, new io.auditcover.cover.InsuranceConsent(
                        InsurableInterestTest.STRANGER, buyer, pool, protocol, validUntil), InsurableInterestTest.STRANGER_KEY), validUntil);
        return new Command.BuyCover(id, party, pool, protocol, amount(random, pool, 20_000), 28 + random.nextInt(338), null,
                InsurableInterestTest.STRANGER, consent);
    }

    /** Mostly sensible amounts, sometimes zero, negative, in the wrong asset, or absurdly large. */
    private static Money amount(Random random, String pool, long typicalWhole) {
        Asset asset = pool.equals("gamma") ? ETH : USDC;
        return switch (random.nextInt(25)) {
            case 0 -> Money.zero(asset);
            case 1 -> Money.ofUnits(asset, -random.nextInt(1_000));
            case 2 -> Money.whole(asset == ETH ? USDC : ETH, 10);
            case 3 -> Money.ofUnits(asset, Long.MAX_VALUE / 2);
            default -> Money.ofUnits(asset, random.nextLong(1, typicalWhole * asset.unitsPerWhole() / (asset == ETH ? 1_000 : 1)));
        };
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
