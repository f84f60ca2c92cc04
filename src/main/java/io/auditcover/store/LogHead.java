package io.auditcover.store;

/** The position of the log's last record. */
public record LogHead(long sequence, byte[] hash) {
}
