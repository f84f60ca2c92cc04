package io.auditcover.store;

import java.util.List;
import java.util.Optional;

/**
 * The result of walking the chain and comparing it with its anchors: how many records are good, the
 * head, the anchors seen, warnings (nothing is wrong, but less could be checked), and the first failure if any.
 */
public record Verification(long goodRecords, LogHead head, Anchors anchors, List<String> warnings, Optional<Failure> failure) {
    public Verification {
        warnings = List.copyOf(warnings);
    }

    /** Why the log does not verify; stable snake_case codes, each with its verdict word for operators. */
    public enum Code {
        /** A record's stored hash does not match its contents and the previous link, or a record is missing or torn. */
        RECORD_INVALID("record_invalid", "BROKEN"),
        /** The log ends before a head it once had (the head file or a signed checkpoint). */
        LOG_TRUNCATED("log_truncated", "TRUNCATED"),
        /** The log's hash at an anchored sequence is not the anchored hash: records were replaced. */
        LOG_REWRITTEN("log_rewritten", "REWRITTEN"),
        /** A checkpoint is unreadable, unsigned by the operator key, or its key is gone. */
        CHECKPOINT_INVALID("checkpoint_invalid", "CHECKPOINT INVALID");

        private final String code;
        private final String verdict;

        Code(String code, String verdict) {
            this.code = code;
            this.verdict = verdict;
        }

        public String code() {
            return code;
        }

        public String verdict() {
            return verdict;
        }
    }

    /** The first thing that does not verify, where, and why, in words an operator can act on. */
    public record Failure(Code code, long sequence, String reason) {
    }

    /**
     * What the log was compared with: the head file's sequence (0 when there is none), the signed checkpoints, the
     * newest one's sequence (0 when none), and the operator key's public key (empty before the first checkpoint).
     */
    public record Anchors(long headFileSequence, int checkpoints, long newestCheckpointSequence, Optional<String> publicKey) {
        public static final Anchors NONE = new Anchors(0, 0, 0, Optional.empty());
    }

    public boolean ok() {
        return failure.isEmpty();
    }
}
