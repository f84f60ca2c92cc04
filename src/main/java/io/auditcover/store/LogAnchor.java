package io.auditcover.store;

import io.auditcover.store.Verification.Anchors;
import io.auditcover.store.Verification.Code;
import io.auditcover.store.Verification.Failure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Where the log's head is written besides the log, so that cutting or replacing its tail shows: the
 * head file after every commit, and a checkpoint signed with the operator key every
 * {@value #CHECKPOINT_INTERVAL_RECORDS} records and at a clean close. Both are written only after the
 * commit they name is durable, so after a crash they trail the log and never claim more than it holds.
 */
final class LogAnchor implements AutoCloseable {
    /** Records between signed checkpoints: a signature per commit would cost the writer; this many bounds what an undetected rewrite of the head file alone can hide. */
    static final long CHECKPOINT_INTERVAL_RECORDS = 1_000;
    private final Path directory;
    private HeadFile headFile;
    private Checkpoints checkpoints;
    private OperatorKey key;
    private long checkpointedSequence;

    LogAnchor(Path directory) {
        this.directory = directory;
    }

    /** What the anchors said, read before the walk: they only trail the log, so the walk that follows sees at least as much. */
    record Seen(Optional<LogHead> head, boolean headFileExists, Checkpoints.Read checkpoints, Optional<OperatorKey> key,
            Optional<String> keyProblem) {
    }

    /** A sequence and hash the log must hold, and who said so. */
    private record Anchor(long sequence, byte[] hash, String source) {
    }

    Seen read() {
        // The key last: the writer creates it before its first checkpoint, so a checkpoint read here always has its key.
        var head = HeadFile.read(directory);
        boolean headFileExists = HeadFile.exists(directory);
        var checkpoints = Checkpoints.read(directory);
        Optional<OperatorKey> operatorKey = Optional.empty();
        Optional<String> keyProblem = Optional.empty();
        try {
            operatorKey = OperatorKey.load(directory);
        } catch (IllegalStateException e) {
            keyProblem = Optional.of(e.getMessage());
        }
        return new Seen(head, headFileExists, checkpoints, operatorKey, keyProblem);
    }

    /** Writer: the commit that ended at {@code head} is durable; anchor it, and sign a checkpoint when one is due. */
    void committed(LogHead head) {
        try {
            if (headFile == null) {
                headFile = HeadFile.open(directory);
                checkpointedSequence = Checkpoints.read(directory).checkpoints().stream().mapToLong(Checkpoint::sequence).max().orElse(0);
            }
            headFile.write(head);
            if (head.sequence() / CHECKPOINT_INTERVAL_RECORDS > checkpointedSequence / CHECKPOINT_INTERVAL_RECORDS) {
                checkpoint(head);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the log committed up to record " + head.sequence() + " but its head could not be anchored: "
                    + e.getMessage(), e);
        }
    }

    /** Writer, at a clean close: one more checkpoint, of the final head, when this writer committed past the last one. */
    void closing(LogHead head) {
        if (headFile == null || head.sequence() <= checkpointedSequence) {
            return;
        }
        try {
            checkpoint(head);
        } catch (IOException e) {
            throw new IllegalStateException("cannot sign the closing checkpoint: " + e.getMessage(), e);
        }
    }

    private void checkpoint(LogHead head) throws IOException {
        if (key == null) {
            key = OperatorKey.loadOrCreate(directory);
        }
        if (checkpoints == null) {
            checkpoints = Checkpoints.open(directory);
        }
        String hash = HexFormat.of().formatHex(head.hash());
        byte[] signature = key.sign(Checkpoint.signedBytes(head.sequence(), hash));
        checkpoints.append(new Checkpoint(head.sequence(), hash, HexFormat.of().formatHex(signature)));
        checkpointedSequence = head.sequence();
    }

    /** Writer, at open: why the log does not match its head file, if it does not (then appending would overwrite the evidence). */
    Optional<String> mismatch(Optional<LogHead> anchored, LogHead logHead, LongFunction<Optional<byte[]>> hashAt) {
        List<Anchor> anchors = anchored.map(h -> new Anchor(h.sequence(), h.hash(), "the head file")).stream().toList();
        return compare(anchors, logHead, hashAt).map(Failure::reason);
    }

    /** Compares a walk of the chain with the anchors seen before it. */
    Verification check(Seen seen, Verification walked, LongFunction<Optional<byte[]>> hashAt) {
        var readable = seen.checkpoints().checkpoints();
        var anchors = new Anchors(seen.head().map(LogHead::sequence).orElse(0L), readable.size(),
                readable.isEmpty() ? 0 : readable.getLast().sequence(), seen.key().map(OperatorKey::publicKeyHex));
        var warnings = warnings(seen, walked.head());
        if (!walked.ok()) {
            return new Verification(walked.goodRecords(), walked.head(), anchors, warnings, walked.failure());
        }
        var all = new ArrayList<Anchor>();
        seen.head().ifPresent(h -> all.add(new Anchor(h.sequence(), h.hash(), "the head file")));
        Optional<Failure> failure = checkpointFailure(seen);
        if (failure.isEmpty()) {
            for (Checkpoint checkpoint : readable) {
                all.add(new Anchor(checkpoint.sequence(), HexFormat.of().parseHex(checkpoint.hash()), "the signed checkpoint"));
            }
            failure = compare(all, walked.head(), hashAt);
        }
        return new Verification(walked.goodRecords(), walked.head(), anchors, warnings, failure);
    }

    private static List<String> warnings(Seen seen, LogHead logHead) {
        var warnings = new ArrayList<String>();
        if (logHead.sequence() > 0 && !seen.headFileExists()) {
            warnings.add("no head file (" + HeadFile.FILE_NAME + "): a data directory from before the head was anchored, or the file"
                    + " was removed; the log's end is checked against signed checkpoints only, until the next commit writes it");
        } else if (logHead.sequence() > 0 && seen.head().isEmpty()) {
            warnings.add("the head file holds no intact head; the log's end is checked against signed checkpoints only");
        }
        if (seen.checkpoints().tornLastLine()) {
            warnings.add("the last checkpoint line is torn (a crash while it was written) and was skipped");
        }
        return warnings;
    }

    /** Checkpoints are believed only when every one is readable and signed by the operator key. */
    private static Optional<Failure> checkpointFailure(Seen seen) {
        var read = seen.checkpoints();
        if (read.unreadable().isPresent()) {
            return Optional.of(new Failure(Code.CHECKPOINT_INVALID, 0, read.unreadable().get()));
        }
        if (read.checkpoints().isEmpty()) {
            return Optional.empty();
        }
        if (seen.keyProblem().isPresent()) {
            return Optional.of(new Failure(Code.CHECKPOINT_INVALID, 0, seen.keyProblem().get()));
        }
        if (seen.key().isEmpty()) {
            return Optional.of(new Failure(Code.CHECKPOINT_INVALID, 0, "there are signed checkpoints but the operator key ("
                    + OperatorKey.FILE_NAME + ") that signed them is gone"));
        }
        OperatorKey operatorKey = seen.key().get();
        for (Checkpoint checkpoint : read.checkpoints()) {
            if (!signedBy(operatorKey, checkpoint)) {
                return Optional.of(new Failure(Code.CHECKPOINT_INVALID, checkpoint.sequence(), "the checkpoint at record "
                        + checkpoint.sequence() + " is not signed by the operator key " + operatorKey.publicKeyHex()));
            }
        }
        return Optional.empty();
    }

    private static boolean signedBy(OperatorKey operatorKey, Checkpoint checkpoint) {
        try {
            HexFormat.of().parseHex(checkpoint.hash());
            byte[] signature = HexFormat.of().parseHex(checkpoint.signature());
            return operatorKey.verifies(Checkpoint.signedBytes(checkpoint.sequence(), checkpoint.hash()), signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The highest anchor beyond the log's end means records were cut off; otherwise the lowest anchor whose hash the
     * log does not hold is where records were replaced (at or before it, after the last anchor that still matches).
     */
    private static Optional<Failure> compare(List<Anchor> anchors, LogHead logHead, LongFunction<Optional<byte[]>> hashAt) {
        if (anchors.isEmpty()) {
            return Optional.empty();
        }
        var ascending = anchors.stream().sorted(Comparator.comparingLong(Anchor::sequence)).toList();
        Anchor highest = ascending.getLast();
        if (highest.sequence() > logHead.sequence()) {
            long missing = highest.sequence() - logHead.sequence();
            String end = logHead.sequence() == 0 ? "the log is empty" : "the log ends at record " + logHead.sequence();
            return Optional.of(new Failure(Code.LOG_TRUNCATED, logHead.sequence() + 1, end + " but " + sources(ascending, highest)
                    + " record " + highest.sequence() + ": " + missing + (missing == 1 ? " record is" : " records are") + " missing"));
        }
        long matching = 0;
        for (Anchor anchor : ascending) {
            boolean holds = hashAt.apply(anchor.sequence()).map(hash -> Arrays.equals(hash, anchor.hash())).orElse(false);
            if (!holds) {
                return Optional.of(new Failure(Code.LOG_REWRITTEN, anchor.sequence(), "record " + anchor.sequence() + "'s hash is not the"
                        + " one " + sources(ascending, anchor) + ": records were replaced at or before it"
                        + (matching == 0 ? "" : " (the log still matches its anchor at record " + matching + ")")));
            }
            matching = anchor.sequence();
        }
        return Optional.empty();
    }

    /** "the head file and the signed checkpoint anchor": every source that anchors the same sequence and hash as {@code anchor}. */
    private static String sources(List<Anchor> anchors, Anchor anchor) {
        var agreeing = anchors.stream().filter(a -> a.sequence() == anchor.sequence() && Arrays.equals(a.hash(), anchor.hash()))
                .map(Anchor::source).distinct().toList();
        return String.join(" and ", agreeing) + (agreeing.size() == 1 ? " anchors" : " anchor");
    }

    @Override
    public void close() {
        try {
            if (headFile != null) {
                headFile.close();
            }
            if (checkpoints != null) {
                checkpoints.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the log's anchors: " + e.getMessage(), e);
        }
    }
}
