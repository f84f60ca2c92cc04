package io.auditcover.evidence;

/** The last block of a chain the engine has observed, by number and hash: a watcher resumes after it. */
public record ChainCursor(long chainId, long block, String blockHash) {
    public ChainCursor {
        if (chainId <= 0 || block < 0 || !Identifiers.isHash(blockHash)) {
            throw new IllegalArgumentException("a chain cursor needs a chain id, a block and its 0x hash");
        }
    }
}
