package io.auditcover.cli;

import io.auditcover.access.AccessStore;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Names the wallets that sign in as assessors (they read every cover and claim and move no money). */
@Command(name = "assessor", mixinStandardHelpOptions = true, description = "Add or remove an assessor wallet.",
        subcommands = {AssessorCommand.Add.class, AssessorCommand.Remove.class})
final class AssessorCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Make a wallet an assessor (from its next sign-in).")
    static final class Add implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(paramLabel = "ADDRESS", description = "0x and 40 hex digits.")
        String address;

        @Override
        public Integer call() {
            try (var store = AccessStore.open(dataDirectory.path)) {
                store.addAssessor(address.toLowerCase(Locale.ROOT), Instant.now());
                System.err.println("assessor: added " + address.toLowerCase(Locale.ROOT));
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("assessor: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop a wallet being an assessor (from its next sign-in).")
    static final class Remove implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Override
        public Integer call() {
            try (var store = AccessStore.open(dataDirectory.path)) {
                boolean removed = store.removeAssessor(address.toLowerCase(Locale.ROOT));
                System.err.println(removed ? "assessor: removed " + address : "assessor: " + address + " was not an assessor");
                return removed ? 0 : 1;
            }
        }
    }
}
