package io.auditcover.cli;

import io.auditcover.store.OperatorKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The log's own tools besides verify and replay. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "The event log's operator key.",
        subcommands = LogCommand.Key.class)
final class LogCommand {

    /** Prints the public half of the key that signs checkpoints, so the operator can keep it away from the data directory. */
    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "Print the operator key's Ed25519 public key (created in the data directory if there is none yet).")
    static final class Key implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Override
        public Integer call() throws java.io.IOException {
            java.nio.file.Files.createDirectories(dataDirectory.path);
            System.out.println("ed25519:" + OperatorKey.loadOrCreate(dataDirectory.path).publicKeyHex());
            return 0;
        }
    }
}
