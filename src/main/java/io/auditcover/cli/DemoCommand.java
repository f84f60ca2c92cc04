package io.auditcover.cli;

import io.auditcover.cover.CoverStatus;
import io.auditcover.chain.Web3SignatureRecovery;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Invariants;
import io.auditcover.engine.ManualClock;
import io.auditcover.engine.State;
import io.auditcover.money.Money;
import io.auditcover.pool.Pool;
import io.auditcover.pricing.Quote;
import io.auditcover.engine.Quotes;
import io.auditcover.solvency.SolvencyGate;
import io.auditcover.store.EventLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the scripted demo business on a fresh data directory and prints what happened. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a scripted business (3 protocols, 2 pools, 5 underwriters, 100 covers, an exploit, withdrawals).")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    DataDirectory dataDirectory;

    @Option(names = "--reset", description = "Delete an existing log in the data directory first.")
    boolean reset;

    @Option(names = "--deployment-id", paramLabel = "0xID",
            description = "The 32-byte id (0x and 64 lower-case hex digits) the demo deployment signs its statements for (default: drawn at random).")
    String deploymentId;

    @Override
    public Integer call() throws IOException {
        if (reset) {
            deleteLog(dataDirectory.path);
        }
        EventLog log = dataDirectory.openLog();
        if (log.head().sequence() > 0) {
            long records = log.head().sequence();
            log.close();
            System.err.printf("demo: %s already holds a log of %d records; the demo needs a fresh one.%n"
                    + "      Run it with --reset to start over, or choose another --data-dir%s.%n", dataDirectory.where(), records,
                    dataDirectory.shared() ? " (a PostgreSQL log is never reset: give the demo a database of its own)" : "");
            return 1;
        }
        String deployment;
        try {
            deployment = DeploymentIdentity.requestedOrDrawn(deploymentId);
        } catch (IllegalArgumentException e) {
            log.close();
            System.err.println("demo: " + e.getMessage());
            return 1;
        }
        var clock = new ManualClock(DemoBusiness.START);
        try (Engine engine = Engine.start(log, clock, Engine.Settings.DEFAULT, new Web3SignatureRecovery())) {
            var business = new DemoBusiness(engine, clock, deployment);
            var before = business.run();
            engine.read(state -> {
                print(System.out, state, before, business);
                return null;
            }).join();
        }
        try (EventLog reopened = dataDirectory.openLog()) {
            var verification = reopened.verify();
            System.out.printf("%nLog: %d records in %s, chain %s, head hash %s%n", verification.goodRecords(),
                    dataDirectory.where(), verification.ok() ? "verified" : "BROKEN",
                    HexFormat.of().formatHex(verification.head().hash()));
            return verification.ok() ? 0 : 2;
        }
    }

    static void print(PrintStream out, State state, DemoBusiness.Before before, DemoBusiness business) {
        out.printf("Auditcover demo, engine time %s, deployment %s%n%n", state.time(), state.deploymentId());
        out.println("Pools");
        out.printf("  %-10s %-5s %18s %18s %18s %14s %14s %16s %16s%n", "pool", "asset", "capital", "locked", "free",
                "NAV/share pre", "NAV/share now", "premium earned", "paid out");
        for (Pool pool : state.pools().values()) {
            out.printf("  %-10s %-5s %18s %18s %18s %14s %14s %16s %16s%n", pool.id(), pool.asset().code(), plain(pool.capital()),
                    plain(pool.locked()), plain(pool.free()), plain(before.navPerShare().get(pool.id())), plain(pool.navPerShare()),
                    plain(pool.premiumsEarned()), plain(pool.paidOut()));
        }
        long active = state.activeCoverIds().size();
        long expired = state.covers().values().stream().filter(c -> c.status() == CoverStatus.EXPIRED).count();
        out.printf("%nCovers: %d bought (%d refused for capacity), %d active, %d expired%n", business.coversBought(),
                business.coversRefused(), active, expired);
        var paid = new TreeMap<String, Money>();
        var decided = state.claimRecords().values().stream().filter(claim -> claim.incidentId().equals(DemoBusiness.INCIDENT)).toList();
        decided.forEach(claim -> paid.merge(claim.paid().asset().code(), claim.paid(), Money::plus));
        long filed = state.filedClaims().values().stream().filter(claim -> claim.incidentId().equals(DemoBusiness.INCIDENT)).count();
        var incident = state.incidents().get(DemoBusiness.INCIDENT);
        out.printf("Exploit of %s: incident %s by %d of %d oracles; %d claims decided (%d parametric, %d filed, %d by assessors), %d paid, %s%n",
                DemoBusiness.EXPLOITED, incident.settledAt() == null ? "unsettled" : "confirmed and settled", incident.signers().size(),
                incident.rules().oracles().size(), decided.size(), decided.size() - filed, filed,
                state.assessments().size(), decided.stream().filter(claim -> claim.paid().isPositive()).count(),
                paid.values().stream().map(Money::toString).toList());
        out.println("Underwriters' shares before the exploit -> now: its loss burned shares held when it happened (ada and bram also withdrew)");
        before.shares().forEach((key, held) -> {
            var position = state.positions().get(key);
            long now = position == null ? 0 : position.shares();
            out.printf("  %-16s %22d -> %22d%n", key, held, now);
        });
        out.printf("Withdrawals: %d paid after the notice period, %s; %d requests still waiting%n", business.withdrawn().size(),
                business.withdrawn().stream().map(Money::toString).toList(), state.withdrawals().size());
        printProtocolCover(out, state, business.protocolCover());
        printRegister(out, state);
        printPrices(out, state);
        printSolvency(out, state, business.solvency());
        List<String> problems = Invariants.violations(state);
        out.printf("%nLedger: %d transfers; balances by asset sum to zero: %s; all invariants hold: %s%n",
                state.ledger().transferCount(), state.ledger().violations().isEmpty() ? "yes" : "NO",
                problems.isEmpty() ? "yes" : "NO " + problems);
        state.ledger().balances().forEach((account, units) -> out.printf("  %-34s %22s%n", account,
                plain(Money.ofUnits(account.asset(), units))));
        out.printf("State hash %s%n", Engine.stateHash(state));
    }

    /** The cover Vaultco bought for its depositors: what it was quoted, what its claim counted, and what each depositor was paid. */
    static void printProtocolCover(PrintStream out, State state, DemoBusiness.ProtocolCoverShown shown) {
        var quoted = shown.quoted();
        out.printf("%nProtocol-bought cover: %s buys %s for its depositors (cover %d)%n", DemoBusiness.VAULTCO, shown.amount(), shown.coverId());
        out.printf("  quoted before purchase: at a loss of %s out of %s exposed, average clause %s: %s counted, %s payable%n",
                quoted.loss(), quoted.exposedFunds(), quoted.averageClause() ? "applies" : "does not apply", quoted.lossCounted(),
                quoted.payable());
        var claim = state.claimRecords().get(shown.claimId());
        out.printf("  incident %s: claim %d, the depositors' loss %s, counted %s, paid %s (%s)%n", DemoBusiness.VAULTCO_INCIDENT,
                shown.claimId(), state.filedClaims().get(shown.claimId()).claimedLoss(), state.filedClaims().get(shown.claimId()).provenLoss(),
                claim == null ? "nothing yet" : claim.paid(), claim == null ? "unsettled" : claim.reasonCode());
        out.printf("  %-44s %16s %16s %16s %16s%n", "depositor", "before", "lost", "quoted", "paid");
        for (int i = 0; i < shown.depositors().size(); i++) {
            var depositor = shown.depositors().get(i);
            Money paid = state.ledger().balance(io.auditcover.ledger.Account.wallet(depositor.wallet(), DemoBusiness.USDC));
            out.printf("  %-44s %16s %16s %16s %16s%n", depositor.wallet(), plain(depositor.evidence().balanceBefore()),
                    plain(depositor.evidence().provenLoss()), plain(quoted.recoveries().get(i)), plain(paid));
        }
    }

    /** The claims register in brief, for the people who audit the insurer: its claims by reason, and the loss development. */
    static void printRegister(PrintStream out, State state) {
        var books = state.claimBooks();
        var entries = io.auditcover.claims.ClaimRegister.all(books);
        var byReason = new java.util.TreeMap<String, Long>();
        entries.forEach(entry -> byReason.merge(entry.reasonCode() == null ? "undecided" : entry.reasonCode(), 1L, Long::sum));
        out.printf("%nClaims register (claims register [--csv] [--triangle]; GET /api/claims/register.csv for operators and auditors): %d claims, %s%n",
                entries.size(), byReason);
        ClaimsCommand.Register.printTriangles(out, "  ", io.auditcover.claims.ClaimRegister.development(books, state.time()));
    }

    /** What a 10,000 USDC / 10 ETH cover for 90 days costs now on each listing, and why (one full breakdown). */
    static void printPrices(PrintStream out, State state) {
        out.printf("%nPrices now (90-day cover of 10000 USDC or 10 ETH; parameters %s)%n", state.pricing().version());
        out.printf("  %-10s %-11s %10s %9s %9s %9s %9s %14s%n", "pool", "protocol", "P(exploit)", "technical", "target", "base",
                "bumped", "premium");
        Quote example = null;
        for (var listing : state.listings().values()) {
            var pool = state.pools().get(listing.poolId());
            Money amount = Money.whole(pool.asset(), pool.asset().code().equals("ETH") ? 10 : 10_000);
            var answer = Quotes.quote(state, listing.poolId(), listing.protocolId(), amount, 90, state.time());
            if (answer instanceof Quotes.Offered offered) {
                Quote quote = offered.quote();
                example = example == null ? quote : example;
                var market = Quotes.marketOf(state, listing);
                out.printf("  %-10s %-11s %9.2f%% %5d bps %5d bps %5d bps %5d bps %14s%n", listing.poolId(), listing.protocolId(),
                        100 * quote.risk().annualProbability(), quote.technicalPriceBps(), quote.targetPriceBps(), quote.basePriceBps(),
                        market.bumpedPriceBps(), quote.premium());
            } else if (answer instanceof Quotes.Refused refused) {
                out.printf("  %-10s %-11s refused: %s%n", listing.poolId(), listing.protocolId(), refused.rejection().code().wire());
            }
        }
        if (example != null) {
            out.printf("%nWhy %s on %s/%s costs %s (quote %s):%n", example.amount(), example.poolId(), example.protocolId(), example.premium(),
                    example.id());
            out.print(QuoteText.explain(example));
        }
    }

    /** Each pool's SCR, solvency ratio and MCR from the recorded run, and the purchase its gate refused. */
    static void printSolvency(PrintStream out, State state, DemoBusiness.SolvencyShown shown) {
        var run = shown.assessment();
        out.printf("%nSolvency (run %s: %d simulated years, seed %d, model %s)%n", run.runId(), run.years(), run.seed(), run.modelVersion());
        out.printf("  %-10s %-5s %16s %16s %16s %16s %10s %10s %8s %16s%n", "pool", "asset", "capital", "SCR (VaR99.5)", "TVaR 99%",
                "required", "cap/SCR", "cap/req'd", "minimum", "MCR (cover/4.8)");
        for (Pool pool : state.pools().values()) {
            var figures = run.pools().get(pool.id());
            if (figures == null) {
                continue;
            }
            out.printf("  %-10s %-5s %16s %16s %16s %16s %10s %10s %8s %16s%n", pool.id(), pool.asset().code(),
                    plain(Money.ofUnits(pool.asset(), figures.capitalUnits())), plain(Money.ofUnits(pool.asset(), figures.scrUnits())),
                    plain(Money.ofUnits(pool.asset(), figures.tvar99Units())), plain(Money.ofUnits(pool.asset(), figures.requiredCapitalUnits())),
                    SolvencyGate.ratioText(figures.capitalUnits(), figures.scrUnits()),
                    SolvencyGate.ratioText(figures.capitalUnits(), figures.requiredCapitalUnits()),
                    SolvencyGate.ratioText(state.solvencyBook().policy(pool.id()).minimumRatio()),
                    plain(Money.ofUnits(pool.asset(), figures.mcrUnits())));
        }
        out.println("  required = the larger of SCR and TVaR 99 %: what the gate holds each pool to; \"unbounded\": no loss at that level");
        for (Pool pool : state.pools().values()) {
            var figures = run.pools().get(pool.id());
            var layer = state.reinsurance().get(pool.id());
            if (figures == null || figures.grossScrUnits() == null || layer == null) {
                continue;
            }
            out.printf("  Reinsurance of %s: %s excess of %s per incident%s, %s a year to %s: required capital %s gross, %s net;"
                    + " it saves %s of capital%n", pool.id(), plain(layer.limit()), plain(layer.retention()),
                    layer.aggregateLimit() == null ? "" : ", " + plain(layer.aggregateLimit()) + " a year in all (" + layer.reinstatements()
                            + " reinstatement" + (layer.reinstatements() == 1 ? "" : "s") + ")",
                    layer.annualPremium() == null ? "free" : plain(layer.annualPremium()), layer.reinsurerName(),
                    plain(Money.ofUnits(pool.asset(), figures.grossRequiredCapitalUnits())),
                    plain(Money.ofUnits(pool.asset(), figures.requiredCapitalUnits())),
                    plain(Money.ofUnits(pool.asset(), figures.capitalSavedUnits())));
        }
        if (shown.refusal() == null) {
            out.printf("  A purchase of %s on %s/%s was accepted: the gate found capital for it%n", shown.asked(), shown.poolId(),
                    shown.protocolId());
            return;
        }
        var details = shown.refusal().details();
        out.printf("  Refused: %s on %s/%s: %s%n", shown.asked(), shown.poolId(), shown.protocolId(), shown.refusal().code().wire());
        out.printf("    %s%n", shown.refusal().message());
        out.printf("    capital %s, required capital %s -> %s after, ratio after %s (minimum %s), capital factor %s; at most %s fits, for %s%n",
                details.get("capital"), details.get("required_capital"), details.get("required_capital_after"),
                details.get("solvency_ratio_after"), details.get("minimum_solvency_ratio"), details.get("capital_factor"),
                details.get("max_amount"), details.get("max_amount_premium"));
    }

    private static String plain(Money money) {
        return money == null ? "-" : money.toDecimalString();
    }

    private static void deleteLog(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("auditcover.db"))
                    .sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
