package io.auditcover.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code auditcover} command and its subcommands, wired by hand. */
@Command(name = "auditcover", mixinStandardHelpOptions = true, version = "auditcover 0.1.0",
        description = "Code-audit insurance: pools, covers, claims and a tamper-evident log.",
        subcommands = {DemoCommand.class, VerifyCommand.class, ReplayCommand.class, ServeCommand.class, ApiKeyCommand.class,
            AssessorCommand.class, ChainCommand.class, MarketSimCommand.class, CalibrateCommand.class, PricingDocCommand.class,
            BacktestCommand.class, ClaimsCommand.class, PricingCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
