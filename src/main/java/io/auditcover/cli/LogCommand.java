package io.auditcover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditcover.engine.Codec;
import io.auditcover.engine.LogFormat;
import io.auditcover.engine.LogMigration;
import io.auditcover.store.EventLog;
import io.auditcover.store.LogHead;
import io.auditcover.store.LogRecord;
import io.auditcover.store.OperatorKey;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The log's own tools besides verify and replay. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "The event log's operator key, its records, its format.",
        subcommands = {LogCommand.Key.class, LogCommand.Show.class, LogCommand.Migrate.class})
final class LogCommand {

    /** Prints the public half of the key that signs checkpoints, so the operator can keep it away from the data directory. */
    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "Print the operator key's Ed25519 public key (created in the data directory if there is none yet).")
    static final class Key implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Override
        public Integer call() throws IOException {
            java.nio.file.Files.createDirectories(dataDirectory.path);
            System.out.println("ed25519:" + OperatorKey.loadOrCreate(dataDirectory.path).publicKeyHex());
            return 0;
        }
    }

    /** Prints records readably: the binary payloads as the JSON the API shows, one object a line, for grep and jq. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print log records as JSON, one object a line: sequence, recordedAt, type, commandId, event, hash.")
    static final class Show implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Mixin
        DataDirectory dataDirectory;

        @Option(names = "--from", defaultValue = "1", description = "First sequence to print (default: ${DEFAULT-VALUE}).")
        long from;

        @Option(names = "--to", description = "Last sequence to print (default: the head).")
        Long to;

        @Option(names = "--type", description = "Print only events of this type (e.g. CoverBought).")
        String type;

        @Override
        public Integer call() throws IOException {
            if (from < 1 || (to != null && to < from)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--from must be at least 1 and --to at least --from");
            }
            try (EventLog log = dataDirectory.openToRead()) {
                long last = to == null ? log.head().sequence() : Math.min(to, log.head().sequence());
                for (long sequence = from; sequence <= last; sequence++) {
                    LogRecord record = log.read(sequence).orElseThrow();
                    if (type == null || type.equals(record.type())) {
                        System.out.println(line(record));
                    }
                }
            }
            return 0;
        }

        private static String line(LogRecord record) throws IOException {
            var node = JSON.createObjectNode().put("sequence", record.sequence()).put("recordedAt", record.recordedAt().toString())
                    .put("type", record.type()).put("commandId", record.commandId());
            node.set("event", JSON.readTree(Codec.eventJson(record.type(), record.payload())));
            node.put("hash", HexFormat.of().formatHex(record.hash()));
            return JSON.writeValueAsString(node);
        }
    }

    /** Rewrites a log of the JSON format (v0) in the binary format v1, proven equal before anything is replaced. */
    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Re-encode a log of format v0 (JSON) in format v1: verify it, rewrite every record, replay both to the same"
                    + " state hash, verify the new chain, then swap it in (the old log kept as auditcover.db.v0) with a fresh head"
                    + " file and a checkpoint signed by the operator key. Exit 2 when the log does not verify (nothing changed).")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        DataDirectory dataDirectory;

        @Override
        public Integer call() {
            var migrated = LogMigration.migrate(dataDirectory.path);
            if (migrated.isEmpty()) {
                System.out.printf("log migrate: the log in %s is already in format v%d; nothing to migrate%n", dataDirectory.path,
                        LogFormat.VERSION);
                return 0;
            }
            var result = migrated.get();
            if (result.finishedInterruptedSwap()) {
                System.out.println("finished an interrupted migration: moved the new log's anchors into place");
            }
            System.out.printf("migrated %d records from log format v%d to v%d%n", result.records(), LogFormat.JSON_VERSION, LogFormat.VERSION);
            System.out.println("old head: " + head(result.oldHead()));
            System.out.println("new head: " + head(result.newHead()));
            System.out.println("state hash " + result.stateHash() + " (the old and the new log replay to it)");
            System.out.printf("kept the old log as %s%s beside its anchors; head file rewritten; checkpoint signed by ed25519:%s%n",
                    dataDirectory.path.resolve("auditcover.db"), LogMigration.KEPT_SUFFIX,
                    OperatorKey.loadOrCreate(dataDirectory.path).publicKeyHex());
            return 0;
        }

        private static String head(LogHead head) {
            return "record " + head.sequence() + ", hash " + HexFormat.of().formatHex(head.hash());
        }
    }
}
