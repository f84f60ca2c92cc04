package io.auditcover.store;

/** The serialized engine state after the record at {@code sequence}, with the log hash at that point. */
public record Snapshot(long sequence, byte[] logHash, String stateHash, byte[] state) {
}
