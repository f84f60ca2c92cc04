package io.auditcover.bench;

import io.auditcover.engine.Applier;
import io.auditcover.engine.Event;
import io.auditcover.engine.PricingFile;
import io.auditcover.engine.Quotes;
import io.auditcover.engine.State;
import io.auditcover.evidence.AuditReport;
import io.auditcover.evidence.DeployedContract;
import io.auditcover.evidence.Finding;
import io.auditcover.evidence.FindingStatus;
import io.auditcover.evidence.Protocol;
import io.auditcover.evidence.Severity;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import io.auditcover.pool.PoolRules;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.MarketState;
import io.auditcover.pricing.PricingInput;
import io.auditcover.pricing.PricingParameters;
import io.auditcover.pricing.QuoteRequest;
import io.auditcover.pricing.Quoter;
import io.auditcover.pricing.RiskProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import io.auditcover.engine.SolvencyRuns;
import io.auditcover.solvency.DependencyKind;
import io.auditcover.solvency.SolvencyPolicy;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * Quotes in process on one thread (target: 1,000,000 a second per core). Three levels: the pricing function alone (model,
 * breakdown, market), the same plus the quote id (SHA-256), and the engine's {@code Quotes.quote} on a state (the purchase's
 * checks, evidence gathered from state, pricing).
 */
final class QuoteBench {
    static final Asset USDC = new Asset("USDC", 6);
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String CODE = "0x" + "1".repeat(64);
    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final Duration MEASURE = Duration.ofSeconds(5);

    private QuoteBench() {
    }

    static void run() {
        PricingParameters parameters = PricingFile.bundled();
        var protocol = new Protocol("lendwell", "Lendwell", "lending");
        var audits = List.of(new AuditReport("a1", "lendwell", "Trail of Bits", LocalDate.of(2025, 9, 1), "abcdef1", List.of(CODE),
                List.of(new Finding("f1", Severity.MEDIUM, FindingStatus.ACKNOWLEDGED), new Finding("f2", Severity.HIGH, FindingStatus.FIXED))));
        var contract = new DeployedContract("lendwell", 1, "0x" + "a".repeat(40), CODE, null);
        var profile = new RiskProfile("lendwell", 400_000_000L, 5_000_000L, LocalDate.of(2022, 4, 1), null, true,
                RiskProfile.AdminKey.TIMELOCK_MULTISIG, RiskProfile.AuditKind.FIRM);
        var input = new PricingInput(protocol, List.of(contract), audits, profile, LocalDate.of(2026, 1, 1));
        var market = new MarketState("alpha", "lendwell", new MarketParameters(1, MarketParameters.Mode.MARKET, 500, 200), 400, NOW);
        Money capacity = Money.whole(USDC, 10_000_000);
        LongUnaryOperator priceOnly = i -> Quoter.quote(parameters, input, new QuoteRequest("alpha", "lendwell",
                Money.ofUnits(USDC, 1_000_000_000L + (i & 1023) * 1_000_000L), 28 + (int) (i % 338), Ratio.whole(2), capacity,
                Money.zero(USDC), 100, market, NOW, NOW)).premium().units();
        LongUnaryOperator withId = i -> Quoter.quote(parameters, input, new QuoteRequest("alpha", "lendwell",
                Money.ofUnits(USDC, 1_000_000_000L + (i & 1023) * 1_000_000L), 28 + (int) (i % 338), Ratio.whole(2), capacity,
                Money.zero(USDC), 100, market, NOW, NOW)).id().length();
        State state = state(protocol, contract, audits.get(0), profile);
        LongUnaryOperator engine = i -> ((Quotes.Offered) Quotes.quote(state, "alpha", "lendwell",
                Money.ofUnits(USDC, 1_000_000_000L + (i & 1023) * 1_000_000L), 28 + (int) (i % 338), NOW)).quote().premium().units();
        State gated = state(protocol, contract, audits.get(0), profile);
        Applier.apply(gated, new Event.SolvencyPolicySet("alpha", new SolvencyPolicy(Ratio.of(3, 2), Map.of(DependencyKind.FORK, Ratio.of(1, 2)))));
        Applier.apply(gated, new Event.DependenciesRecorded("lendwell", Map.of(DependencyKind.FORK, "Compound V2", DependencyKind.ORACLE, "Chainlink")));
        Applier.apply(gated, new Event.SolvencyAssessed(SolvencyRuns.run(Quotes.quoteState(gated), 1, 10_000, 1).assessment()));
        LongUnaryOperator engineGated = i -> ((Quotes.Offered) Quotes.quote(gated, "alpha", "lendwell",
                Money.ofUnits(USDC, 1_000_000_000L + (i & 1023) * 1_000_000L), 28 + (int) (i % 338), NOW)).quote().premium().units();
        measure("quotes: pricing function", priceOnly);
        measure("quotes: pricing + quote id", withId);
        measure("quotes: engine Quotes.quote", engine);
        // the purchase's decision with the solvency gate on (a minimum ratio and a fork cap, a recorded run), against the line above
        measure("quotes: engine, solvency gate on", engineGated);
    }

    static State state(Protocol protocol, DeployedContract contract, AuditReport audit, RiskProfile profile) {
        var state = new State();
        List<Event> events = List.of(new Event.ProtocolRegistered(protocol), new Event.ContractRegistered(contract),
                new Event.AuditRegistered(audit), new Event.RiskProfileRegistered(profile),
                new Event.PoolCreated("alpha", USDC, new PoolRules(Ratio.whole(2), Ratio.ONE, Duration.ofDays(7))),
                new Event.ProtocolListed("alpha", "lendwell", 100),
                new Event.CapitalDeposited("alpha", "ada", Money.whole(USDC, 100_000_000), 100_000_000_000_000L, java.time.Instant.EPOCH),
                new Event.TimeAdvanced(NOW, List.of(), List.of()));
        events.forEach(event -> Applier.apply(state, event));
        return state;
    }

    private static void measure(String name, LongUnaryOperator quote) {
        long sink = 0;
        long i = 0;
        long warmEnd = System.nanoTime() + WARM_UP.toNanos();
        while (System.nanoTime() < warmEnd) {
            sink += quote.applyAsLong(i++);
        }
        long count = 0;
        long start = System.nanoTime();
        long end = start + MEASURE.toNanos();
        while (true) {
            for (int k = 0; k < 1_000; k++) {
                sink += quote.applyAsLong(i++);
            }
            count += 1_000;
            if (System.nanoTime() >= end) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-32s %,12.0f quotes/s on one thread (%,d in %.1f s, %.0f ns each; sink %d)%n", name, count / seconds, count, seconds,
                seconds * 1e9 / count, sink % 10);
    }
}
