package io.auditcover.store;

import java.time.Instant;

/** A stored entry: its 1-based sequence, the entry's fields, and its hash-chain link. */
public record LogRecord(
        long sequence, String commandId, String commandDigest, Instant recordedAt, String type, byte[] payload,
        byte[] hash) {
}
