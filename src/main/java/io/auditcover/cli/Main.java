package io.auditcover.cli;

import io.auditcover.engine.LogFormatException;
import io.auditcover.store.LogCorruptedException;
import io.auditcover.store.LogDamagedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code auditcover} command and its subcommands, wired by hand. */
@Command(name = "auditcover", mixinStandardHelpOptions = true, version = "auditcover 0.1.0",
        description = "Code-audit insurance: pools, covers, claims and a tamper-evident log.",
        subcommands = {DemoCommand.class, VerifyCommand.class, ReplayCommand.class, ServeCommand.class, ApiKeyCommand.class,
            AssessorCommand.class, ChainCommand.class, MarketSimCommand.class, CalibrateCommand.class, PricingDocCommand.class,
            BacktestCommand.class, ClaimsCommand.class, LogCommand.class, PricingCommand.class, SolvencyCommand.class, ScopeCommand.class})
public final class Main {
    /** The log's content does not verify: a bad record, a truncated or rewritten tail, an invalid checkpoint. */
    static final int EXIT_LOG_BROKEN = 2;
    /** The log's file is structurally damaged: SQLite cannot read it as a database. */
    static final int EXIT_LOG_DAMAGED = 3;
    /** The log is in a format this build does not read: v0 JSON (run {@code log migrate}) or a newer build's. */
    static final int EXIT_LOG_FORMAT = 4;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::logVerdict).execute(args);
    }

    /**
     * The one place a log failure becomes an exit code, for every command that reads the log (verify, replay, serve,
     * demo, chain watch, log show and migrate): a verdict in one line on stderr instead of a stack trace. Anything else is a bug and keeps
     * picocli's stack trace.
     */
    private static int logVerdict(Exception failure, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LogDamagedException damaged) {
                command.getErr().printf("%s: %s%n", command.getCommandSpec().qualifiedName(), damaged.getMessage());
                return EXIT_LOG_DAMAGED;
            }
            if (cause instanceof LogFormatException format) {
                command.getErr().printf("%s: %s%n", command.getCommandSpec().qualifiedName(), format.getMessage());
                return EXIT_LOG_FORMAT;
            }
            if (cause instanceof LogCorruptedException corrupted) {
                command.getErr().printf("%s: %s%n", command.getCommandSpec().qualifiedName(), corrupted.getMessage());
                return EXIT_LOG_BROKEN;
            }
        }
        throw failure;
    }
}
