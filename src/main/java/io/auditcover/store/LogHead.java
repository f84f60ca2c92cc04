package io.auditcover.store;

/** The position of the log's last record. */
public record LogHead(long sequence, byte[] hash) {
    /** The head of an empty log: sequence 0 and the genesis hash the first record links to. */
    public static LogHead empty() {
        return new LogHead(0, HashChain.GENESIS.clone());
    }
}
