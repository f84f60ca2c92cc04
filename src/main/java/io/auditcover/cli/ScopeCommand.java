package io.auditcover.cli;

import io.auditcover.engine.Command;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Outcome;
import io.auditcover.evidence.OutOfScopeReason;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scope record}: an operator's judgement of a contract's audited scope at a block, with its evidence, into the log. */
@picocli.CommandLine.Command(name = "scope", mixinStandardHelpOptions = true,
        description = "Record whether a contract's code was in audited scope at a block, without a node.",
        subcommands = {ScopeCommand.Record.class})
final class ScopeCommand {
    private ScopeCommand() {
    }

    @picocli.CommandLine.Command(name = "record", mixinStandardHelpOptions = true,
            description = "Record an operator's scope check with its evidence: claims on an incident at that block read it before the"
                    + " chain watcher's history. With a server running, POST /api/scope-checks instead. Exit 1 when refused.")
    static final class Record implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Option(names = "--contract", required = true, description = "The contract's key, chain id and address: 1:0x....")
        String contractKey;

        @Option(names = "--block", required = true, description = "The block the check speaks of: an incident's from_block.")
        long block;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Verdict verdict;

        /** In scope of an audit, or out of scope (for a reason). */
        static final class Verdict {
            @Option(names = "--in-scope-of", paramLabel = "AUDIT", description = "In scope: the audit whose scope holds the code.")
            String auditId;

            @Option(names = "--out-of-scope", paramLabel = "REASON", arity = "0..1", fallbackValue = "unknown_code",
                    description = "Out of scope: unknown_code (default), upgraded_to_unaudited_implementation or self_destructed.")
            String reason;
        }

        @Option(names = "--evidence", required = true, description = "What shows it: a post-mortem, a review, a transaction.")
        String evidence;

        @Option(names = "--checked-by", defaultValue = "operator", description = "Who checked (default: ${DEFAULT-VALUE}).")
        String checkedBy;

        @Override
        public Integer call() {
            boolean inScope = verdict.auditId != null;
            OutOfScopeReason reason = null;
            if (!inScope) {
                try {
                    reason = OutOfScopeReason.valueOf(verdict.reason.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--out-of-scope must be unknown_code,"
                            + " upgraded_to_unaudited_implementation or self_destructed");
                }
            }
            var command = new Command.RecordScopeCheck("scope-" + contractKey + "-" + block + "-" + System.currentTimeMillis(), contractKey,
                    block, inScope, verdict.auditId, reason, checkedBy, evidence);
            try (Engine engine = Engine.start(dataDirectory.openLog(), Clock.systemUTC(), Engine.Settings.DEFAULT,
                    new io.auditcover.chain.Web3SignatureRecovery())) {
                return switch (engine.submit(command).join()) {
                    case Outcome.Accepted accepted -> {
                        System.out.printf("recorded %s at block %d: %s%n", contractKey, block, inScope ? "in scope of " + verdict.auditId
                                : "out of scope (" + reason.wire() + ")");
                        yield 0;
                    }
                    case Outcome.Rejected rejected -> {
                        System.err.printf("scope record: %s %s%n", rejected.rejection().code().wire(), rejected.rejection().message());
                        yield 1;
                    }
                };
            }
        }
    }
}
