package io.auditcover.cli;

import io.auditcover.claims.DepositorCover;
import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.PositionReader;
import io.auditcover.chain.IncidentStatements;
import io.auditcover.claims.AttestationRules;
import io.auditcover.claims.Cause;
import io.auditcover.claims.ClaimTerms;
import io.auditcover.claims.Incident;
import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.ManualClock;
import io.auditcover.engine.Outcome;
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
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.RiskProfile;
import io.auditcover.engine.Quotes;
import io.auditcover.engine.Rejection;
import io.auditcover.engine.SolvencyRuns;
import io.auditcover.reinsurance.ExcessOfLoss;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.SolvencyAssessment;
import io.auditcover.solvency.SolvencyPolicy;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * A scripted business on a fresh log: three audited protocols, two pools (blue-chip sells parametric cover, frontier
 * indemnity), five underwriters, a hundred covers bought over two months, one exploit confirmed by signed oracle statements
 * whose claims the rules (and, for one claim without proof, the assessors) decide and one settlement pays, withdrawals, and a
 * protocol-bought cover that pays a vault's depositors after its exploit.
 * Seeded, so every run tells the same story; used by {@code demo} and {@code serve --demo}.
 */
final class DemoBusiness {
    static final Asset USDC = new Asset("USDC", 6);
    static final Asset ETH = new Asset("ETH", 9);
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final String EXPLOITED = "bridgeport";
    static final String INCIDENT = "bridgeport-signature-bypass";
    static final int COVERS = 100;
    static final List<String> PROTOCOL_IDS = List.of("lendwell", "swapline", EXPLOITED);
    private static final List<ECKeyPair> ORACLES = List.of(ECKeyPair.create(BigInteger.valueOf(7_001)),
            ECKeyPair.create(BigInteger.valueOf(7_002)), ECKeyPair.create(BigInteger.valueOf(7_003)));
    private static final List<String> ASSESSORS = List.of("assessor-ana", "assessor-ben", "assessor-cy");
    private static final long SEED = 20_260_105L;

    /** Pool figures captured before the exploit, for the summary. */
    record Before(Map<String, Money> navPerShare, Map<String, Money> capital, Map<String, Long> shares) {
    }

    /** The recorded solvency run, and the purchase its gate refused: what was asked, on which listing, and the refusal. */
    record SolvencyShown(SolvencyAssessment assessment, String poolId, String protocolId, Money asked, Rejection refusal) {
    }

    /** The pools' minimum solvency ratios (capital over required capital). */
    static final Ratio BLUE_CHIP_MINIMUM_RATIO = Ratio.of(3, 2);
    static final Ratio FRONTIER_MINIMUM_RATIO = Ratio.of(6, 5);
    static final Ratio VENTURE_MINIMUM_RATIO = Ratio.of(3, 2);
    /**
     * Blue-chip's treaty: 150,000 excess of 50,000 per incident, one reinstatement at 100 % (300,000 a year in all), for
     * 6,000 a year to the reinsurer "northsea-re".
     */
    static final ExcessOfLoss BLUE_CHIP_TREATY = new ExcessOfLoss(Money.whole(USDC, 50_000), Money.whole(USDC, 150_000),
            Money.whole(USDC, 6_000), 1, Ratio.ONE, "northsea-re");
    /** A thin pool that writes at the most leverage a pool may: there the capital model, not leverage, limits what it sells. */
    static final String VENTURE = "venture";

    private final Engine engine;
    private final ManualClock clock;
    private final String deploymentId;
    private final Random random = new Random(SEED);
    private long commandNumber;
    private int coversBought;
    private int coversRefused;
    private final List<Money> withdrawn = new ArrayList<>();
    private SolvencyShown solvency;
    private ProtocolCoverShown protocolCover;

    DemoBusiness(Engine engine, ManualClock clock, String deploymentId) {
        this.engine = engine;
        this.clock = clock;
        this.deploymentId = deploymentId;
    }

    Before run() {
        submit(new Command.IdentifyDeployment(id(), deploymentId));
        tick(Duration.ZERO);
        registerEvidence();
        openPools();
        configureClaims();
        List<String> underwriters = List.of("ada", "bram", "chen", "dara", "eli");
        for (int i = 0; i < underwriters.size(); i++) {
            submit(new Command.Deposit(id(), "blue-chip", underwriters.get(i), Money.whole(USDC, 200_000L + 50_000L * i)));
            submit(new Command.Deposit(id(), "frontier", underwriters.get(i), Money.whole(ETH, 40L + 10L * i)));
        }
        buyCovers(COVERS * 3 / 5);
        Before before = capture();
        exploit();
        buyCovers(COVERS - coversBought);
        withdrawals(underwriters);
        tick(Duration.ofDays(30));
        solvency = assessSolvency();
        protocolCover = protocolBoughtCover();
        return before;
    }

    SolvencyShown solvency() {
        return solvency;
    }

    ProtocolCoverShown protocolCover() {
        return protocolCover;
    }

    /** Vaultco, a yield vault, buys one cover for its depositors; what it was quoted, and the claim its exploit filed. */
    record ProtocolCoverShown(long coverId, Money amount, DepositorCover.Recovery quoted, long claimId, List<DepositorLoss> depositors) {
    }

    static final String VAULTCO = "vaultco";
    static final String VAULTCO_INCIDENT = "vaultco-share-inflation";
    /** Vaultco's ERC-4626 vault: its shares are the depositors' position. */
    static final String VAULTCO_VAULT = "0x" + "7a".repeat(20);

    /**
     * Vaultco registers, is audited and seen in scope on chain, and is listed on blue-chip with terms for a protocol's
     * depositors (their vault shares read by {@code convertToAssets}). Before buying, it is quoted what five depositors would
     * recover if an exploit took 98,000 USDC of the 250,000 they hold; it buys 100,000 of cover. The vault is then drained by a
     * share-inflation bug; the oracles confirm it; Vaultco files its depositors' claim with their positions as the edge reads them
     * from chain (recorded here, so the demo runs without a node): under the average clause the claim counts
     * {@code 98,000 × 100,000 ÷ 250,000 = 39,200}, and the settlement pays each depositor's wallet its share.
     */
    private ProtocolCoverShown protocolBoughtCover() {
        submit(new Command.RegisterProtocol(id(), new Protocol(VAULTCO, "Vaultco", "yield")));
        String codeHash = hex(64, 44);
        String contract = "1:" + VAULTCO_VAULT;
        submit(new Command.RegisterContract(id(), new DeployedContract(VAULTCO, 1, VAULTCO_VAULT, codeHash, null)));
        submit(new Command.RegisterAudit(id(), new AuditReport(VAULTCO + "-audit-1", VAULTCO, "Spearbit", LocalDate.of(2025, 11, 1),
                "77ab01c2", List.of(codeHash), List.of(new Finding("f-1", Severity.MEDIUM, FindingStatus.FIXED)))));
        submit(new Command.RegisterRiskProfile(id(), new RiskProfile(VAULTCO, 250_000_000L, 1_000_000L, LocalDate.of(2024, 2, 1), null,
                false, RiskProfile.AdminKey.TIMELOCK_MULTISIG, RiskProfile.AuditKind.FIRM)));
        var observations = new ArrayList<CodeObservation>();
        for (int i = 0; i < 3; i++) {
            observations.add(new CodeObservation(contractKey(i), hex(64, i + 1), true, null, PROTOCOL_IDS.get(i) + "-audit-1", null));
        }
        observations.add(new CodeObservation(contract, codeHash, true, null, VAULTCO + "-audit-1", null));
        submit(new Command.ObserveChain(id(), 1, 21_050_000, hex(64, 98), observations));
        submit(new Command.ListProtocol(id(), "blue-chip", VAULTCO, 300));
        ClaimTerms terms = ClaimTerms.indemnity(Money.zero(USDC)).forDepositors(PositionReader.vault(VAULTCO_VAULT));
        submit(new Command.SetClaimTerms(id(), "blue-chip", VAULTCO, terms));

        List<DepositorLoss> depositors = vaultcoDepositors();
        Money amount = Money.whole(USDC, 100_000);
        var quoted = DepositorCover.recovery(amount, terms.deductible(), DepositorCover.exposedFunds(depositors, Money.zero(USDC)),
                DepositorCover.losses(depositors));
        var bought = submit(new Command.BuyCover(id(), "vaultco-treasury", "blue-chip", VAULTCO, amount, 90));
        if (!(bought instanceof Outcome.Accepted accepted && accepted.event() instanceof io.auditcover.engine.Event.CoverBought purchase)) {
            throw new IllegalStateException("vaultco's cover was not sold: " + bought);
        }
        tick(Duration.ofDays(2));
        var incident = new Incident(VAULTCO_INCIDENT, VAULTCO, List.of(contract), 21_060_000, 21_060_004,
                clock.instant().minus(Duration.ofHours(1)), Cause.ROUNDING, Money.whole(USDC, 98_000), List.of(hex(64, 78)));
        submit(new Command.ReportIncident(id(), incident));
        for (ECKeyPair oracle : ORACLES.subList(0, 2)) {
            submit(new Command.AttestIncident(id(), VAULTCO_INCIDENT, IncidentStatements.sign(deploymentId, incident, true, oracle)));
        }
        tick(Duration.ofDays(2));
        var filed = submit(new Command.FileDepositorClaim(id(), "vaultco-treasury", purchase.cover().id(), VAULTCO_INCIDENT, depositors));
        if (!(filed instanceof Outcome.Accepted claim && claim.event() instanceof io.auditcover.engine.Event.ClaimFiled claimFiled)) {
            throw new IllegalStateException("vaultco's depositors' claim was refused: " + filed);
        }
        submit(new Command.SettleIncident(id(), VAULTCO_INCIDENT));
        return new ProtocolCoverShown(purchase.cover().id(), amount, quoted, claimFiled.claimId(), depositors);
    }

    /** Five depositors' positions around the drain at blocks 21,059,999 and 21,060,004; the last fled inside it at 60 % of par. */
    private static List<DepositorLoss> vaultcoDepositors() {
        long[][] figures = {{80_000, 48_000, 0}, {60_000, 36_000, 0}, {50_000, 30_000, 0}, {40_000, 24_000, 0}, {20_000, 2_000, 12_000}};
        var depositors = new ArrayList<DepositorLoss>();
        for (int i = 0; i < figures.length; i++) {
            depositors.add(new DepositorLoss("0x" + hex(40, 500 + i).substring(2), new LossEvidence(Money.whole(USDC, figures[i][0]),
                    Money.whole(USDC, figures[i][1]), 21_059_999, 21_060_004, PositionReader.vault(VAULTCO_VAULT),
                    Money.whole(USDC, figures[i][2]))));
        }
        return depositors;
    }

    /**
     * The risk team records what the protocols share (Lendwell is a Compound V2 fork on Chainlink; Bridgeport reads Chainlink
     * too; all run on Ethereum), buys blue-chip a priced reinsurance treaty, opens a thin venture pool at twenty times leverage
     * on Lendwell, sets each pool's minimum
     * solvency ratio (and a cap on any one fork family for blue-chip), and runs the capital model; then a buyer asks the venture
     * pool for all the cover its leverage and Lendwell's cover limit would still sell, and the gate refuses it with the largest
     * amount its capital backs.
     */
    private SolvencyShown assessSolvency() {
        submit(new Command.RecordDependencies(id(), "lendwell", Map.of(DependencyKind.FORK, "Compound V2", DependencyKind.ORACLE, "Chainlink",
                DependencyKind.CHAIN, "Ethereum")));
        submit(new Command.RecordDependencies(id(), "swapline", Map.of(DependencyKind.FORK, "Uniswap V2", DependencyKind.CHAIN, "Ethereum")));
        submit(new Command.RecordDependencies(id(), EXPLOITED, Map.of(DependencyKind.ORACLE, "Chainlink", DependencyKind.CHAIN, "Ethereum",
                DependencyKind.BRIDGE, "Bridgeport")));
        submit(new Command.SetReinsurance(id(), "blue-chip", BLUE_CHIP_TREATY));
        submit(new Command.SetSolvencyPolicy(id(), "blue-chip", new SolvencyPolicy(BLUE_CHIP_MINIMUM_RATIO,
                Map.of(DependencyKind.FORK, Ratio.of(3, 5)))));
        submit(new Command.SetSolvencyPolicy(id(), "frontier", new SolvencyPolicy(FRONTIER_MINIMUM_RATIO, Map.of())));
        submit(new Command.CreatePool(id(), VENTURE, USDC, new PoolRules(PoolRules.LEVERAGE_MAX, Ratio.ONE, Duration.ofDays(30))));
        submit(new Command.ListProtocol(id(), VENTURE, "lendwell", 300));
        submit(new Command.SetClaimTerms(id(), VENTURE, "lendwell", ClaimTerms.parametric(Ratio.of(3, 4), Money.zero(USDC))));
        submit(new Command.Deposit(id(), VENTURE, "fay", Money.whole(USDC, 15_000)));
        submit(new Command.SetSolvencyPolicy(id(), VENTURE, new SolvencyPolicy(VENTURE_MINIMUM_RATIO, Map.of())));
        var run = SolvencyRuns.run(engine.read(Quotes::quoteState).join(), SEED, SolvencyRuns.YEARS_DEFAULT, 2);
        submit(run.command());
        Money asked = engine.read(state -> {
            var pool = state.pools().get(VENTURE);
            var listing = state.listings().get(io.auditcover.pool.Listing.key(VENTURE, "lendwell"));
            Money room = pool.capacity().minus(pool.activeCover()).min(pool.protocolCapacity().minus(listing.activeCover()));
            if (Quotes.quote(state, VENTURE, "lendwell", Money.whole(USDC, 1), 90, state.time()) instanceof Quotes.Offered offered) {
                room = room.min(offered.quote().coverLimit().minus(listing.activeCover()));
            }
            return room;
        }).join();
        var outcome = submit(new Command.BuyCover(id(), "buyer-whale", VENTURE, "lendwell", asked, 90));
        Rejection refusal = outcome instanceof Outcome.Rejected rejected ? rejected.rejection() : null;
        if (outcome instanceof Outcome.Accepted) {
            coversBought++;
        }
        return new SolvencyShown(run.assessment(), VENTURE, "lendwell", asked, refusal);
    }

    int coversBought() {
        return coversBought;
    }

    int coversRefused() {
        return coversRefused;
    }

    /** What underwriters took out after their notice period. */
    List<Money> withdrawn() {
        return List.copyOf(withdrawn);
    }

    private void registerEvidence() {
        String[][] protocols = {{"lendwell", "Lendwell", "lending"}, {"swapline", "Swapline", "dex"}, {EXPLOITED, "Bridgeport", "bridge"}};
        for (int i = 0; i < protocols.length; i++) {
            String protocolId = protocols[i][0];
            submit(new Command.RegisterProtocol(id(), new Protocol(protocolId, protocols[i][1], protocols[i][2])));
            String codeHash = hex(64, i + 1);
            submit(new Command.RegisterContract(id(), new DeployedContract(protocolId, 1, address(i), codeHash, null)));
            var findings = List.of(new Finding("f-1", Severity.HIGH, FindingStatus.FIXED),
                    new Finding("f-2", Severity.MEDIUM, i == 2 ? FindingStatus.ACKNOWLEDGED : FindingStatus.FIXED));
            submit(new Command.RegisterAudit(id(), new AuditReport(protocolId + "-audit-1", protocolId, i == 0 ? "Trail of Bits" : "OpenZeppelin",
                    LocalDate.of(2025, 6 + i, 1), "9f2c4e1a" + i, List.of(codeHash), findings)));
        }
        submit(new Command.RegisterRiskProfile(id(), new RiskProfile("lendwell", 450_000_000L, 2_000_000L, LocalDate.of(2022, 3, 1), null,
                true, RiskProfile.AdminKey.TIMELOCK_MULTISIG, RiskProfile.AuditKind.FIRM)));
        submit(new Command.RegisterRiskProfile(id(), new RiskProfile("swapline", 120_000_000L, 500_000L, LocalDate.of(2023, 9, 1), null,
                false, RiskProfile.AdminKey.NONE, RiskProfile.AuditKind.CONTEST)));
        submit(new Command.RegisterRiskProfile(id(), new RiskProfile(EXPLOITED, 60_000_000L, 50_000L, LocalDate.of(2025, 7, 1), null,
                true, RiskProfile.AdminKey.MULTISIG, RiskProfile.AuditKind.SOLO)));
    }

    /** The security oracles (two of three confirm an incident), the assessors, and the contracts seen in audited scope on chain. */
    private void configureClaims() {
        submit(new Command.ConfigureAttestation(id(), new AttestationRules(ORACLES.stream().map(DemoBusiness::address)
                .collect(java.util.stream.Collectors.toSet()), 2, Duration.ofDays(2), Duration.ofDays(1))));
        for (String assessor : ASSESSORS) {
            submit(new Command.RegisterAssessor(id(), assessor, 1, 1));
        }
        var observations = new ArrayList<CodeObservation>();
        for (int i = 0; i < 3; i++) {
            observations.add(new CodeObservation(contractKey(i), hex(64, i + 1), true, null, PROTOCOL_IDS.get(i) + "-audit-1", null));
        }
        submit(new Command.ObserveChain(id(), 1, 21_000_000, hex(64, 99), observations));
        for (String protocol : PROTOCOL_IDS) {
            submit(new Command.SetClaimTerms(id(), "blue-chip", protocol, ClaimTerms.parametric(Ratio.of(3, 4), Money.zero(USDC))));
            submit(new Command.SetClaimTerms(id(), "frontier", protocol, ClaimTerms.indemnity(Money.ofUnits(ETH, 100_000_000))));
        }
    }

    private static String contractKey(int protocol) {
        return "1:" + address(protocol);
    }

    private static String address(int protocol) {
        return "0x" + hex(40, protocol + 11).substring(2);
    }

    private static String address(ECKeyPair key) {
        return ("0x" + Keys.getAddress(key.getPublicKey())).toLowerCase(java.util.Locale.ROOT);
    }

    private void openPools() {
        submit(new Command.CreatePool(id(), "blue-chip", USDC, new PoolRules(Ratio.whole(2), Ratio.of(1, 2), Duration.ofDays(14))));
        submit(new Command.CreatePool(id(), "frontier", ETH, new PoolRules(Ratio.whole(3), Ratio.of(2, 5), Duration.ofDays(30))));
        long[] blueChipRates = {180, 250, 420};
        long[] frontierRates = {260, 390, 650};
        for (int i = 0; i < PROTOCOL_IDS.size(); i++) {
            submit(new Command.ListProtocol(id(), "blue-chip", PROTOCOL_IDS.get(i), blueChipRates[i]));
            submit(new Command.ListProtocol(id(), "frontier", PROTOCOL_IDS.get(i), frontierRates[i]));
        }
    }

    /** Buyers arrive over time, a few a day, on random protocols, pools, amounts and periods. */
    private void buyCovers(int count) {
        int target = coversBought + count;
        for (int i = 0; coversBought < target && i < count * 3; i++) {
            if (i % 4 == 0) {
                tick(Duration.ofDays(1));
            }
            boolean inEth = random.nextInt(3) == 0;
            String holder = "buyer-" + (1 + random.nextInt(40));
            Money amount = inEth ? Money.whole(ETH, 1 + random.nextInt(8)) : Money.whole(USDC, 1_000L * (1 + random.nextInt(40)));
            int period = List.of(28, 30, 60, 90, 180, 365).get(random.nextInt(6));
            var outcome = submit(new Command.BuyCover(id(), holder, inEth ? "frontier" : "blue-chip", PROTOCOL_IDS.get(random.nextInt(PROTOCOL_IDS.size())),
                    amount, period));
            if (outcome instanceof Outcome.Accepted) {
                coversBought++;
            } else {
                coversRefused++;
            }
        }
    }

    /**
     * Bridgeport is exploited. The operator reports the incident, two of the three oracles sign it, and while it waits out its
     * dispute window the frontier pool's indemnity holders file claims: most with balances before and after the incident (as the
     * edge reads them from the chain), one without proof, which the assessors accept. A month later, with every claim window
     * closed, one settlement pays the blue-chip pool's parametric covers and the approved indemnity claims.
     */
    private void exploit() {
        tick(Duration.ofHours(6));
        var incident = new Incident(INCIDENT, EXPLOITED, List.of(contractKey(2)), 21_000_100, 21_000_102, clock.instant().minus(Duration.ofHours(1)),
                Cause.SIGNATURE_VERIFICATION, Money.whole(USDC, 2_400_000), List.of(hex(64, 77)));
        submit(new Command.ReportIncident(id(), incident));
        tick(Duration.ofHours(2));
        for (ECKeyPair oracle : ORACLES.subList(0, 2)) {
            submit(new Command.AttestIncident(id(), INCIDENT, IncidentStatements.sign(deploymentId, incident, true, oracle)));
        }
        var indemnityCovers = engine.read(state -> state.activeCoverIds().stream().map(state.covers()::get)
                .filter(cover -> cover.protocolId().equals(EXPLOITED) && cover.poolId().equals("frontier")).toList()).join();
        for (int i = 0; i < indemnityCovers.size(); i++) {
            var cover = indemnityCovers.get(i);
            Money lost = Money.ofUnits(ETH, cover.amount().units() * (50 + random.nextInt(60)) / 100);
            LossEvidence evidence = i == 0 ? null : new LossEvidence(lost.plus(Money.whole(ETH, 2)), Money.whole(ETH, 2),
                    incident.fromBlock() - 1, incident.toBlock());
            submit(new Command.FileClaim(id(), cover.holder(), cover.id(), INCIDENT, lost, evidence));
        }
        tick(Duration.ofHours(1));
        var assessed = engine.read(state -> List.copyOf(state.assessments().keySet())).join();
        for (long claimId : assessed) {
            for (String assessor : ASSESSORS) {
                submit(new Command.CastVote(id(), assessor, claimId, true, "the exploit transactions drained the insured wallet"));
            }
        }
        tick(Duration.ofDays(31));
        submit(new Command.SettleIncident(id(), INCIDENT));
    }

    private void withdrawals(List<String> underwriters) {
        var requests = new ArrayList<Long>();
        for (String underwriter : underwriters.subList(0, 2)) {
            var outcome = submit(new Command.RequestWithdrawal(id(), "blue-chip", underwriter, Money.whole(USDC, 50_000).units()));
            if (outcome instanceof Outcome.Accepted accepted
                    && accepted.event() instanceof io.auditcover.engine.Event.WithdrawalRequested requested) {
                requests.add(requested.request().id());
            }
        }
        tick(Duration.ofDays(15));
        for (int i = 0; i < requests.size(); i++) {
            if (submit(new Command.Withdraw(id(), requests.get(i), underwriters.get(i))) instanceof Outcome.Accepted accepted
                    && accepted.event() instanceof io.auditcover.engine.Event.CapitalWithdrawn capitalWithdrawn) {
                withdrawn.add(capitalWithdrawn.amount());
            }
        }
    }

    private Before capture() {
        return engine.read(state -> {
            var nav = new TreeMap<String, Money>();
            var capital = new TreeMap<String, Money>();
            state.pools().values().forEach(pool -> {
                nav.put(pool.id(), pool.navPerShare());
                capital.put(pool.id(), pool.capital());
            });
            var shares = new TreeMap<String, Long>();
            state.positions().forEach((key, position) -> shares.put(key, position.shares()));
            return new Before(nav, capital, shares);
        }).join();
    }

    private void tick(Duration duration) {
        clock.advance(duration);
        submit(new Command.AdvanceTime(id()));
    }

    private Outcome submit(Command command) {
        return engine.submit(command).join();
    }

    private String id() {
        return "demo-" + (++commandNumber);
    }

    private static String hex(int digits, int seed) {
        var text = new StringBuilder("0x");
        var generator = new Random(seed);
        while (text.length() < digits + 2) {
            text.append(Character.forDigit(generator.nextInt(16), 16));
        }
        return text.toString();
    }
}
