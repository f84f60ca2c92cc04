package io.auditcover.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * Publishes a signed log checkpoint to a chain, so the log's head at a sequence is on record where the operator cannot
 * change it: a transaction from the publishing account to itself, moving no value, whose data is the ABI call
 * {@code logCheckpoint(uint256 sequence, bytes32 hash, bytes32 operatorKey)}. An account has no code, so nothing runs;
 * the transaction's block says by when that head existed, and anyone can read it back.
 */
public final class ChainAnchor {
    static final String FUNCTION = "logCheckpoint";
    /** A self-transfer with this data costs about 23,000 gas; the limit leaves room and bounds what a mistake can spend. */
    static final BigInteger GAS_LIMIT = BigInteger.valueOf(50_000);
    /** How long to wait for the transaction to be mined before saying so (a public chain's block time is seconds). */
    static final Duration RECEIPT_WAIT_MAX = Duration.ofMinutes(2);
    static final Duration RECEIPT_POLL = Duration.ofMillis(200);

    /** Where the checkpoint went. */
    public record Published(long chainId, String transactionHash, long block) {
    }

    private ChainAnchor() {
    }

    /** The transaction's data for a checkpoint: the sequence, the log hash and the operator's Ed25519 public key, each 32 bytes. */
    public static String data(long sequence, String hashHex, String operatorKeyHex) {
        var function = new Function(FUNCTION, List.of(new Uint256(sequence), new Bytes32(HexFormat.of().parseHex(hashHex)),
                new Bytes32(HexFormat.of().parseHex(operatorKeyHex))), List.of());
        return FunctionEncoder.encode(function);
    }

    public static Published publish(String rpcUrl, Credentials account, long sequence, String hashHex, String operatorKeyHex) {
        if (rpcUrl == null || !(rpcUrl.startsWith("http://") || rpcUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("RPC URL must be http:// or https://: " + rpcUrl);
        }
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            var transactions = new RawTransactionManager(web3j, account, chainId);
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
            var sent = transactions.sendTransaction(gasPrice, GAS_LIMIT, account.getAddress(), data(sequence, hashHex, operatorKeyHex),
                    BigInteger.ZERO);
            if (sent.hasError()) {
                throw new ChainUnavailableException("the node refused the checkpoint's transaction: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = awaitReceipt(web3j, sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new ChainUnavailableException("the checkpoint's transaction " + sent.getTransactionHash() + " failed");
            }
            return new Published(chainId, sent.getTransactionHash(), receipt.getBlockNumber().longValueExact());
        } catch (IOException e) {
            throw new ChainUnavailableException("cannot reach " + rpcUrl + ": " + e.getMessage(), e);
        } finally {
            web3j.shutdown();
        }
    }

    private static TransactionReceipt awaitReceipt(Web3j web3j, String transactionHash) throws IOException {
        long deadline = System.nanoTime() + RECEIPT_WAIT_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            var receipt = web3j.ethGetTransactionReceipt(transactionHash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(RECEIPT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ChainUnavailableException("transaction " + transactionHash + " was sent but not mined within " + RECEIPT_WAIT_MAX
                + "; look it up before sending another");
    }
}
