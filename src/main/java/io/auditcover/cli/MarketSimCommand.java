package io.auditcover.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.pricing.Market;
import io.auditcover.pricing.MarketParameters;
import io.auditcover.pricing.MarketState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Replays a list of purchases through one listing's market, with the engine's own market code, so a pool manager can see
 * what bump and decay do to prices.
 */
@Command(name = "market-sim", mixinStandardHelpOptions = true,
        description = "Run purchases (days since previous, amount) through a listing's market; print base price, bumped price and premium."
                + " Cover accumulates (nothing expires), which matters only with a utilisation curve.")
final class MarketSimCommand implements Callable<Integer> {
    static final int PURCHASES_MAX = 100_000;
    static final long FILE_BYTES_MAX = 16L << 20;

    @Parameters(index = "0", description = "JSON: {asset, scale, capacity, periodDays, targetPriceBps, market: {mode, bumpRatioBps,"
            + " decayPerDayBps, surgeFromBps?, surgeMaxBps?}, purchases: [{daysSincePrevious, amount}]}")
    Path file;

    /** The simulation input; amounts and capacity are decimal strings in the asset. */
    record Simulation(String asset, int scale, String capacity, int periodDays, long targetPriceBps, long startingPriceBps,
            MarketTerms market, List<Purchase> purchases) {
    }

    /** Surge fields are optional: a start of 0 (absent) means no utilisation curve. */
    record MarketTerms(MarketParameters.Mode mode, long bumpRatioBps, long decayPerDayBps, long surgeFromBps, long surgeMaxBps) {
        MarketTerms(MarketParameters.Mode mode, long bumpRatioBps, long decayPerDayBps) {
            this(mode, bumpRatioBps, decayPerDayBps, 0, 0);
        }
    }

    record Purchase(double daysSincePrevious, String amount) {
    }

    @Override
    public Integer call() throws IOException {
        if (Files.size(file) > FILE_BYTES_MAX) {
            System.err.println("market-sim: file is larger than " + FILE_BYTES_MAX + " bytes");
            return 2;
        }
        Simulation simulation = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(Files.readAllBytes(file), Simulation.class);
        try {
            run(simulation, System.out);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("market-sim: " + e.getMessage());
            return 2;
        }
    }

    static void run(Simulation simulation, PrintStream out) {
        if (simulation.purchases() == null || simulation.purchases().size() > PURCHASES_MAX || simulation.market() == null) {
            throw new IllegalArgumentException("needs a market and at most " + PURCHASES_MAX + " purchases");
        }
        Asset asset = new Asset(simulation.asset(), simulation.scale());
        Money capacity = Money.parse(asset, simulation.capacity());
        var terms = simulation.market();
        var parameters = new MarketParameters(1, terms.mode(), terms.bumpRatioBps(), terms.decayPerDayBps(),
                terms.surgeFromBps() == 0 ? MarketParameters.BPS_MAX : terms.surgeFromBps(), terms.surgeMaxBps());
        Money active = Money.zero(asset);
        Instant time = Instant.EPOCH;
        var market = new MarketState("sim", "sim", parameters, simulation.startingPriceBps(), time);
        out.printf("%-6s %10s %20s %12s %12s %22s%n", "#", "day", "amount", "base bps", "bumped bps", "premium");
        int number = 0;
        for (Purchase purchase : simulation.purchases()) {
            if (!(purchase.daysSincePrevious() >= 0) || purchase.daysSincePrevious() > 3650) {
                throw new IllegalArgumentException("daysSincePrevious must be 0-3650: " + purchase.daysSincePrevious());
            }
            time = time.plusSeconds(Math.round(purchase.daysSincePrevious() * Market.SECONDS_PER_DAY));
            Money amount = Money.parse(asset, purchase.amount());
            var priced = Market.purchase(parameters, simulation.targetPriceBps(), market, time, amount, capacity, active, simulation.periodDays());
            active = active.plus(amount);
            if (parameters.mode() == MarketParameters.Mode.MARKET) {
                market = market.bumped(priced.bumpedPriceAfterBps(), time);
            }
            out.printf("%-6d %10.3f %20s %12d %12d %22s%n", ++number, (time.getEpochSecond()) / 86_400.0, amount.toDecimalString(),
                    priced.basePriceBps(), priced.bumpedPriceAfterBps(), priced.premium().toDecimalString());
        }
    }
}
