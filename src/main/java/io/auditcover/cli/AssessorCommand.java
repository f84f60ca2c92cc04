package io.auditcover.cli;

import io.auditcover.access.AccessStore;
import io.auditcover.access.Addresses;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Names the wallets that sign in as assessors (they read every cover and claim and move no money). */
@Command(name = "assessor", mixinStandardHelpOptions = true, description = "Add or remove an assessor wallet.",
        subcommands = {AssessorCommand.Add.class, AssessorCommand.Remove.class})
final class AssessorCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Make a wallet an assessor (from its next request).")
    static final class Add implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(paramLabel = "ADDRESS", description = "0x and 40 hex digits, lower case or EIP-55 checksummed.")
        String address;

        @Override
        public Integer call() {
            try (var store = dataDirectory.openAccess()) {
                String wallet = Addresses.normalize(address);
                store.addAssessor(wallet, Instant.now());
                System.err.println("assessor: added " + wallet);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("assessor: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Stop a wallet being an assessor (from its next request).")
    static final class Remove implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Override
        public Integer call() {
            try (var store = dataDirectory.openAccess()) {
                String wallet = Addresses.normalize(address);
                boolean removed = store.removeAssessor(wallet);
                System.err.println(removed ? "assessor: removed " + wallet : "assessor: " + wallet + " was not an assessor");
                return removed ? 0 : 1;
            } catch (IllegalArgumentException e) {
                System.err.println("assessor: " + e.getMessage());
                return 1;
            }
        }
    }
}
