package io.auditcover.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The log's hash at a sequence, signed with the operator key (Ed25519). The signature covers
 * {@link #signedBytes()}, so a checkpoint cannot be moved to another sequence or hash.
 */
public record Checkpoint(long sequence, String hash, String signature) {
    public Checkpoint {
        if (sequence < 1 || hash == null || signature == null) {
            throw new IllegalArgumentException("a checkpoint needs a sequence of at least 1, a hash and a signature");
        }
    }

    /** The newest readable checkpoint of the log in {@code dataDirectory}; check the log first ({@link EventLog#verify()}). */
    public static Optional<Checkpoint> newest(Path dataDirectory) {
        var checkpoints = Checkpoints.read(dataDirectory).checkpoints();
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.getLast());
    }

    /** What is signed: a fixed label (so no other message of this key reads as a checkpoint), the sequence and the hash. */
    static byte[] signedBytes(long sequence, String hash) {
        return ("auditcover log checkpoint\n" + sequence + "\n" + hash).getBytes(StandardCharsets.UTF_8);
    }
}
