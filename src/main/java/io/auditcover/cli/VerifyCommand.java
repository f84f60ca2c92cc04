package io.auditcover.cli;

import io.auditcover.store.EventLog;
import io.auditcover.store.Verification;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Walks the hash chain and says whether every record is intact. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Walk the log's hash chain; print the record count and head hash, or the first bad record.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    DataDirectory dataDirectory;

    @Override
    public Integer call() {
        try (EventLog log = dataDirectory.openLog()) {
            Verification verification = log.verify();
            if (verification.ok()) {
                System.out.printf("log ok: %d records, head hash %s%n", verification.goodRecords(),
                        HexFormat.of().formatHex(verification.head().hash()));
                return 0;
            }
            var failure = verification.failure().orElseThrow();
            System.out.printf("log BROKEN at record %d: %s (%d records before it verify)%n", failure.sequence(), failure.reason(),
                    verification.goodRecords());
            return 2;
        }
    }
}
