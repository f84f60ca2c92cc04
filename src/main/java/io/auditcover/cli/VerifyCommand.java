package io.auditcover.cli;

import io.auditcover.engine.LogFormat;
import io.auditcover.store.EventLog;
import io.auditcover.store.Verification;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Walks the hash chain, compares its end with the head file and the signed checkpoints, and says whether
 * every record is intact. Exit 0: it verifies (warnings say what could not be checked); 2: it does not (a
 * bad record, a truncated or rewritten tail, an invalid checkpoint); 3: the file is damaged; 4: its records are in a format
 * newer than this build's (both from {@link Main}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Walk the log's hash chain and compare it with its anchored head and signed checkpoints; print the record count"
                + " and head hash, or the first failure. Exit 0 verified, 2 broken/truncated/rewritten, 3 file damaged, 4 newer format.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    DataDirectory dataDirectory;

    @Override
    public Integer call() {
        try (EventLog log = dataDirectory.openToRead()) {
            Verification verification = log.verify();
            verification.warnings().forEach(warning -> System.out.println("warning: " + warning));
            if (verification.ok()) {
                String format = format(LogFormat.versionOf(log));
                System.out.printf("log ok: %d records, head hash %s%n", verification.goodRecords(),
                        HexFormat.of().formatHex(verification.head().hash()));
                System.out.println(anchoring(verification.anchors()));
                System.out.println(format);
                return 0;
            }
            var failure = verification.failure().orElseThrow();
            if (failure.code() == Verification.Code.RECORD_INVALID) {
                System.out.printf("log BROKEN at record %d: %s (%d records before it verify)%n", failure.sequence(), failure.reason(),
                        verification.goodRecords());
            } else {
                String where = failure.sequence() == 0 ? "" : " at record " + failure.sequence();
                System.out.printf("log %s%s (%s): %s (%d records verify as a chain)%n", failure.code().verdict(), where, failure.code().code(),
                        failure.reason(), verification.goodRecords());
            }
            return Main.EXIT_LOG_BROKEN;
        }
    }

    /** The records' format; one newer than this build's is refused (exit 4) by {@link LogFormat#requireReadable}. */
    private static String format(int version) {
        if (version == LogFormat.JSON_VERSION) {
            return "warning: the log is in format v0 (JSON); serve and replay refuse it: run `auditcover log migrate`";
        }
        LogFormat.requireReadable(version, "the log");
        return "format v" + version;
    }

    private static String anchoring(Verification.Anchors anchors) {
        String head = anchors.headFileSequence() == 0 ? "no head file" : "head file at record " + anchors.headFileSequence();
        String checkpoints = anchors.checkpoints() == 0 ? "no signed checkpoint yet"
                : anchors.checkpoints() + " signed checkpoint" + (anchors.checkpoints() == 1 ? "" : "s") + ", newest at record "
                        + anchors.newestCheckpointSequence();
        String key = anchors.publicKey().map(k -> "; operator key ed25519:" + k).orElse("");
        return "anchored: " + head + "; " + checkpoints + key;
    }
}
