package io.auditcover.store;

import java.time.Instant;

/**
 * One event to append: the command that caused it (its id is the idempotency key, its digest tells a
 * retry from a conflicting reuse of the id), when the writer recorded it, the event type and its
 * serialized payload.
 */
public record LogEntry(String commandId, String commandDigest, Instant recordedAt, String type, byte[] payload) {
    public LogEntry {
        if (commandId == null || commandDigest == null || recordedAt == null || type == null || payload == null) {
            throw new IllegalArgumentException("every field of a log entry is required");
        }
    }
}
