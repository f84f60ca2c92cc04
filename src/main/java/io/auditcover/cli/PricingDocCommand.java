package io.auditcover.cli;

import io.auditcover.engine.PricingFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes docs/pricing.md from the parameters (bundled by default) with worked examples priced by the engine. */
@Command(name = "pricing-doc", mixinStandardHelpOptions = true, description = "Generate the pricing documentation from the live parameters.")
final class PricingDocCommand implements Callable<Integer> {
    @Option(names = "--out", description = "File to write (default: print to standard output).")
    Path out;

    @Option(names = "--parameters", description = "Parameter file (default: the bundled one).")
    Path parameters;

    @Option(names = "--data", defaultValue = "datasets", description = "Folder of the data files the validation section is run on (default: ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() throws IOException {
        var live = parameters != null ? PricingFile.read(parameters) : PricingFile.bundled();
        CalibrationData files;
        try {
            files = CalibrationData.read(data);
        } catch (CalibrationData.DataFileException e) {
            System.err.println("pricing-doc: " + e.getMessage() + "; nothing written");
            return 1;
        }
        String doc = PricingDoc.render(live, backtest(files, live), fitted(files), trendSensitivity(files, live));
        if (out == null) {
            System.out.print(doc);
        } else {
            Files.writeString(out, doc, StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** The fit from the data files, as calibrate reports it (the joint factors and the one-way ones beside them). */
    static io.auditcover.pricing.Calibrator.Result fitted(CalibrationData files) {
        return io.auditcover.pricing.Calibrator.fit(files.incidents(), files.exposure(), io.auditcover.pricing.CalibrationSettings.defaults(), fraction -> { });
    }

    /** The trend priors the pricing document's sensitivity compares, in changes of zero (1 is the model's). */
    static final java.util.List<Double> TREND_PRIORS = java.util.List.of(0.25, 0.5, 1.0, 2.0, 4.0);

    /** The rolling backtest's summary at each of {@link #TREND_PRIORS}. */
    static java.util.SortedMap<Double, io.auditcover.pricing.Backtest.Summary> trendSensitivity(CalibrationData files,
            io.auditcover.pricing.PricingParameters live) {
        var out = new java.util.TreeMap<Double, io.auditcover.pricing.Backtest.Summary>();
        for (double prior : TREND_PRIORS) {
            out.put(prior, io.auditcover.pricing.Backtest.summary(io.auditcover.pricing.Backtest.run(files.incidents(), files.exposure(),
                    io.auditcover.pricing.CalibrationSettings.defaults().withTrendPrior(prior), live, CalibrateCommand.BOOK_COVER_USD,
                    CalibrateCommand.BOOK_LEVERAGE)));
        }
        return out;
    }

    /** The backtest the document states: the reference book priced under the live parameters' premium terms. */
    static java.util.List<io.auditcover.pricing.Backtest.Year> backtest(CalibrationData files, io.auditcover.pricing.PricingParameters live) {
        return io.auditcover.pricing.Backtest.run(files.incidents(), files.exposure(), io.auditcover.pricing.CalibrationSettings.defaults(), live,
                CalibrateCommand.BOOK_COVER_USD, CalibrateCommand.BOOK_LEVERAGE);
    }
}
