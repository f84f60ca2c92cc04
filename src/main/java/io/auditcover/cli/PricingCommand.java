package io.auditcover.cli;

import io.auditcover.engine.Command.SetPricingParameters;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Outcome;
import io.auditcover.engine.PricingFile;
import io.auditcover.pricing.PricingParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Puts a calibration into service: the parameter file {@code calibrate} wrote becomes the pricing of new quotes. */
@Command(name = "pricing", mixinStandardHelpOptions = true, description = "Put pricing parameters into service.",
        subcommands = {PricingCommand.Apply.class})
final class PricingCommand {

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Issue SetPricingParameters from a parameter file: new quotes use it, existing covers keep the terms they were sold on.")
    static final class Apply implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(paramLabel = "FILE", description = "A parameter file as ./auditcover calibrate writes it.")
        Path file;

        @Override
        public Integer call() throws InterruptedException {
            PricingParameters parameters;
            try {
                parameters = PricingFile.read(file);
            } catch (IOException e) {
                System.err.println("pricing apply: " + file + " is not a parameter file: " + e.getMessage());
                return 1;
            }
            // The command id is the version: applying the same file twice is one change, and a second file under an existing
            // version is refused by the engine (already_exists).
            var command = new SetPricingParameters("cli/pricing-apply/" + parameters.version(), parameters);
            try (Engine engine = Engine.start(dataDirectory.openLog(), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
                Outcome outcome = engine.submit(command).get();
                return switch (outcome) {
                    case Outcome.Accepted accepted -> {
                        System.out.printf("pricing apply: parameters %s in service from log record %d%s%n", parameters.version(),
                                accepted.sequence(), accepted.repeated() ? " (already applied)" : "");
                        yield 0;
                    }
                    case Outcome.Rejected rejected -> {
                        System.err.println("pricing apply: refused: " + rejected.rejection());
                        yield 1;
                    }
                };
            } catch (ExecutionException e) {
                System.err.println("pricing apply: " + e.getCause().getMessage());
                return 1;
            }
        }
    }
}
