package io.auditcover.cli;

import io.auditcover.engine.PricingFile;
import io.auditcover.money.Ratio;
import io.auditcover.pricing.Backtest;
import io.auditcover.pricing.CalibrationSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prices a book of hypothetical covers over past years (out of sample) and reports predicted against observed losses. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Price a book of one-year covers over 2021-2024, each year calibrated on the years before; print predicted vs observed losses and loss ratio.")
final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "datasets/exploits.csv", description = "The exploit CSV (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--cover", defaultValue = "1000000", description = "Cover per protocol in USD (default: ${DEFAULT-VALUE}).")
    double coverUsd;

    @Option(names = "--history-from", defaultValue = "2020", description = "First year of history each year is priced on (default: ${DEFAULT-VALUE}).")
    int historyFrom;

    @Option(names = "--leverage", defaultValue = "2", description = "Pool leverage for the capital cost (default: ${DEFAULT-VALUE}).")
    String leverage;

    @Override
    public Integer call() throws IOException {
        var years = Backtest.run(ExploitCsv.read(data), CalibrationSettings.defaults(), PricingFile.bundled(), historyFrom, coverUsd,
                Ratio.parse(leverage));
        print(System.out, years, coverUsd);
        return 0;
    }

    static void print(PrintStream out, List<Backtest.Year> years, double coverUsd) {
        out.printf(Locale.ROOT, "Book: one 365-day cover of %,.0f USD on every live protocol (assumed counts), reference TVL, average factors;%n"
                + "each year priced on the years before it (out of sample).%n%n", coverUsd);
        out.printf(Locale.ROOT, "%-5s %-10s %9s %9s %9s %16s %16s %16s %10s %10s%n", "year", "priced on", "protocols", "base rate",
                "incidents", "predicted loss", "observed loss", "premium", "obs/pred", "loss ratio");
        double predicted = 0;
        double observed = 0;
        double premium = 0;
        for (var year : years) {
            out.printf(Locale.ROOT, "%-5d %-10s %9.0f %9.4f %9d %,16.0f %,16.0f %,16.0f %10.2f %10.2f%n", year.year(), year.calibratedOn(),
                    year.protocols(), year.baseRate(), year.incidents(), year.predictedLossUsd(), year.observedLossUsd(), year.premiumUsd(),
                    year.observedOverPredicted(), year.lossRatio());
            predicted += year.predictedLossUsd();
            observed += year.observedLossUsd();
            premium += year.premiumUsd();
        }
        out.printf(Locale.ROOT, "%-5s %-10s %9s %9s %9s %,16.0f %,16.0f %,16.0f %10.2f %10.2f%n", "all", "", "", "", "", predicted, observed,
                premium, observed / predicted, observed / premium);
    }
}
