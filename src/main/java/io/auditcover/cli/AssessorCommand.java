package io.auditcover.cli;

import io.auditcover.access.AccessStore;
import io.auditcover.access.Addresses;
import io.auditcover.engine.Engine;
import io.auditcover.engine.Event;
import io.auditcover.engine.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Names the wallets that sign in as assessors (they read every cover and claim and move no money). */
@Command(name = "assessor", mixinStandardHelpOptions = true, description = "Add an assessor wallet, remove one from the panels and sign-in,"
        + " or take back part of its stake.",
        subcommands = {AssessorCommand.Add.class, AssessorCommand.Remove.class, AssessorCommand.UnstakeRequest.class,
            AssessorCommand.Unstake.class})
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

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an assessor from the panels (it loses its seats on"
            + " votes not yet final; a vote it cast there stops counting) and stop it signing in as an assessor.")
    static final class Remove implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Override
        public Integer call() throws InterruptedException {
            String wallet = wallet(address);
            if (wallet == null) {
                return 1;
            }
            boolean offPanels = removeFromPanels(wallet);
            try (var store = dataDirectory.openAccess()) {
                boolean signInRevoked = store.removeAssessor(wallet);
                System.err.println(signInRevoked ? "assessor: " + wallet + " no longer signs in as an assessor"
                        : "assessor: " + wallet + " did not sign in as an assessor");
                return offPanels || signInRevoked ? 0 : 1;
            }
        }

        /** Submits the removal to the engine: true when it took the assessor off the panels. */
        private boolean removeFromPanels(String wallet) throws InterruptedException {
            try (Engine engine = Engine.start(dataDirectory.openLog(), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
                Outcome outcome = engine.submit(new io.auditcover.engine.Command.RemoveAssessor("cli/assessor-remove/" + UUID.randomUUID(),
                        wallet)).get();
                return switch (outcome) {
                    case Outcome.Accepted accepted -> {
                        var removed = (Event.AssessorRemoved) accepted.event();
                        System.err.println("assessor: removed " + wallet + " from the panels; seats lost on " + removed.claimIds().size()
                                + " open claim(s)" + (removed.claimIds().isEmpty() ? "" : " " + removed.claimIds()));
                        yield true;
                    }
                    case Outcome.Rejected rejected -> {
                        System.err.println("assessor: " + wallet + " is on no panel (" + rejected.rejection().code().wire() + ")");
                        yield false;
                    }
                };
            } catch (ExecutionException e) {
                System.err.println("assessor: " + e.getCause().getMessage());
                return false;
            }
        }
    }

    @Command(name = "unstake-request", mixinStandardHelpOptions = true, description = "Ask to take part or all of an assessor's stake back;"
            + " it can be withdrawn (unstake) after the assessment cooldown, and only stake free of votes not yet final can go.")
    static final class UnstakeRequest implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Parameters(index = "1", paramLabel = "AMOUNT", description = "A decimal amount in the asset the assessor stakes, e.g. 250.5.")
        String amount;

        @Override
        public Integer call() throws InterruptedException {
            String wallet = wallet(address);
            if (wallet == null) {
                return 1;
            }
            try (Engine engine = Engine.start(dataDirectory.openLog(), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
                io.auditcover.money.Money stake = engine.read(state -> state.claimBook().stakes().get(wallet)).get();
                if (stake == null) {
                    System.err.println("assessor: " + wallet + " has no stake (assessor_not_found)");
                    return 1;
                }
                io.auditcover.money.Money asked = io.auditcover.money.Money.parse(stake.asset(), amount);
                Outcome outcome = engine.submit(new io.auditcover.engine.Command.RequestStakeWithdrawal("cli/unstake-request/" + UUID.randomUUID(),
                        wallet, asked)).get();
                return Outcomes.report("assessor", outcome, accepted -> {
                    var request = ((Event.StakeWithdrawalRequested) accepted.event()).withdrawal();
                    System.err.println("assessor: " + wallet + " asked to withdraw " + request.amount() + " of its stake, withdrawable from "
                            + request.availableAt() + " (assessor unstake)");
                });
            } catch (IllegalArgumentException e) {
                System.err.println("assessor: " + e.getMessage());
                return 1;
            } catch (ExecutionException e) {
                System.err.println("assessor: " + e.getCause().getMessage());
                return 1;
            }
        }
    }

    @Command(name = "unstake", mixinStandardHelpOptions = true, description = "Pay out an assessor's stake withdrawal request whose notice is"
            + " over, to its wallet account in the ledger.")
    static final class Unstake implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Override
        public Integer call() throws InterruptedException {
            String wallet = wallet(address);
            if (wallet == null) {
                return 1;
            }
            try (Engine engine = Engine.start(dataDirectory.openLog(), Clock.systemUTC(), Engine.Settings.DEFAULT)) {
                Outcome outcome = engine.submit(new io.auditcover.engine.Command.WithdrawStake("cli/unstake/" + UUID.randomUUID(), wallet)).get();
                return Outcomes.report("assessor", outcome, accepted -> System.err.println("assessor: withdrew " + ((Event.StakeWithdrawn) accepted.event()).amount()
                        + " of the stake of " + wallet + " to its wallet account"));
            } catch (ExecutionException e) {
                System.err.println("assessor: " + e.getCause().getMessage());
                return 1;
            }
        }
    }

    /** The address normalised, or null after saying on stderr why it is not one. */
    static String wallet(String address) {
        try {
            return Addresses.normalize(address);
        } catch (IllegalArgumentException e) {
            System.err.println("assessor: " + e.getMessage());
            return null;
        }
    }
}
