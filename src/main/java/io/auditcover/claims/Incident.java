package io.auditcover.claims;

import io.auditcover.money.Money;
import io.auditcover.money.Ratio;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A reported exploit: the protocol, the contracts hit (by their {@code chainId:address} key), the block
 * range of the attack, when it happened, its cause, an estimated loss, the transactions that show it, and
 * the share of the protocol's deposits it took, in basis points (covers whose terms scale by loss share
 * pay that share of their payout ratio). Oracles attest to exactly these fields.
 */
public record Incident(String id, String protocolId, List<String> contractKeys, long fromBlock, long toBlock, Instant occurredAt,
        Cause cause, Money estimatedLoss, List<String> transactionHashes, long lossShareBps) {
    public static final int CONTRACTS_MAX = 50;
    public static final int TRANSACTIONS_MAX = 100;
    private static final Pattern TRANSACTION_HASH = Pattern.compile("0x[0-9a-f]{64}");

    public Incident {
        if (id == null || id.isBlank() || protocolId == null || contractKeys == null || occurredAt == null || cause == null
                || estimatedLoss == null || transactionHashes == null) {
            throw new IllegalArgumentException("every incident field is required");
        }
        if (contractKeys.isEmpty() || contractKeys.size() > CONTRACTS_MAX) {
            throw new IllegalArgumentException("an incident names 1 to " + CONTRACTS_MAX + " contracts");
        }
        if (fromBlock < 0 || toBlock < fromBlock) {
            throw new IllegalArgumentException("block range " + fromBlock + "-" + toBlock + " is not a range");
        }
        if (estimatedLoss.isNegative()) {
            throw new IllegalArgumentException("estimated loss must not be negative");
        }
        if (transactionHashes.size() > TRANSACTIONS_MAX || !transactionHashes.stream().allMatch(hash -> TRANSACTION_HASH.matcher(hash).matches())) {
            throw new IllegalArgumentException("up to " + TRANSACTIONS_MAX + " transaction hashes, each 0x and 64 lowercase hex digits");
        }
        if (lossShareBps < 1 || lossShareBps > Ratio.BPS_PER_ONE) {
            throw new IllegalArgumentException("loss share must be 1 to " + Ratio.BPS_PER_ONE + " basis points: " + lossShareBps);
        }
        contractKeys = List.copyOf(contractKeys);
        transactionHashes = List.copyOf(transactionHashes);
    }

    /** An incident that took everything it hit: a loss share of 100 %. */
    public Incident(String id, String protocolId, List<String> contractKeys, long fromBlock, long toBlock, Instant occurredAt, Cause cause,
            Money estimatedLoss, List<String> transactionHashes) {
        this(id, protocolId, contractKeys, fromBlock, toBlock, occurredAt, cause, estimatedLoss, transactionHashes, Ratio.BPS_PER_ONE);
    }

    public Ratio lossShare() {
        return Ratio.bps(lossShareBps);
    }
}
