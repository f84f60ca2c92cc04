package io.auditcover.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Reads one chain over JSON-RPC, always at an explicit block number so every answer is reproducible. Any
 * transport failure or node error becomes a {@link ChainUnavailableException}.
 */
public final class ChainReader implements AutoCloseable {
    /** A log query spans at most this many blocks; nodes refuse wider ranges. */
    public static final long LOG_RANGE_BLOCKS_MAX = 10_000;

    private final Web3j web3j;
    private final String url;

    private ChainReader(Web3j web3j, String url) {
        this.web3j = web3j;
        this.url = url;
    }

    public static ChainReader connect(String rpcUrl) {
        if (rpcUrl == null || !(rpcUrl.startsWith("http://") || rpcUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("RPC URL must be http:// or https://: " + rpcUrl);
        }
        return new ChainReader(Web3j.build(new HttpService(rpcUrl)), rpcUrl);
    }

    public String url() {
        return url;
    }

    public long chainId() {
        return send(web3j.ethChainId(), "eth_chainId").getChainId().longValueExact();
    }

    public long headBlock() {
        return send(web3j.ethBlockNumber(), "eth_blockNumber").getBlockNumber().longValueExact();
    }

    /** The canonical hash of a block, or empty when the chain is not that long. */
    public Optional<String> blockHash(long block) {
        EthBlock.Block found = send(web3j.ethGetBlockByNumber(at(block), false), "eth_getBlockByNumber").getBlock();
        return Optional.ofNullable(found).map(b -> b.getHash().toLowerCase(Locale.ROOT));
    }

    public byte[] code(String address, long block) {
        return Numeric.hexStringToByteArray(send(web3j.ethGetCode(address, at(block)), "eth_getCode").getCode());
    }

    /** One 32-byte storage word. */
    public byte[] storage(String address, String slot, long block) {
        String data = send(web3j.ethGetStorageAt(address, Numeric.toBigInt(slot), at(block)), "eth_getStorageAt").getData();
        return Numeric.toBytesPadded(Numeric.toBigInt(data), 32);
    }

    /** eth_call; empty when the call reverts. */
    public Optional<byte[]> call(String to, byte[] data, long block) {
        var transaction = Transaction.createEthCallTransaction(null, to, Numeric.toHexString(data));
        org.web3j.protocol.core.methods.response.EthCall response;
        try {
            response = web3j.ethCall(transaction, at(block)).send();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("eth_call to " + url + " failed: " + e.getMessage(), e);
        }
        if (response.hasError() && !response.isReverted()) {
            throw new ChainUnavailableException("eth_call to " + url + " answered: " + response.getError().getMessage());
        }
        if (response.isReverted() || response.getValue() == null) {
            return Optional.empty();
        }
        return Optional.of(Numeric.hexStringToByteArray(response.getValue()));
    }

    /** Native balance in wei. */
    public BigInteger balance(String address, long block) {
        return send(web3j.ethGetBalance(address, at(block)), "eth_getBalance").getBalance();
    }

    /**
     * Logs from {@code addresses} (all when empty) whose first topic is one of {@code firstTopics}, and whose
     * second topic is {@code secondTopic} when given, in [fromBlock, toBlock].
     */
    public List<Log> logs(List<String> addresses, List<String> firstTopics, String secondTopic, long fromBlock, long toBlock) {
        if (toBlock < fromBlock || toBlock - fromBlock >= LOG_RANGE_BLOCKS_MAX) {
            throw new IllegalArgumentException("a log query spans 1-" + LOG_RANGE_BLOCKS_MAX + " blocks: " + fromBlock + "-" + toBlock);
        }
        var filter = new EthFilter(at(fromBlock), at(toBlock), addresses);
        filter.addOptionalTopics(firstTopics.toArray(String[]::new));
        if (secondTopic != null) {
            filter.addSingleTopic(secondTopic);
        }
        var logs = new ArrayList<Log>();
        for (EthLog.LogResult<?> result : send(web3j.ethGetLogs(filter), "eth_getLogs").getLogs()) {
            if (result.get() instanceof Log log) {
                logs.add(log);
            }
        }
        return logs;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    static DefaultBlockParameter at(long block) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
    }

    private <T extends Response<?>> T send(Request<?, T> request, String method) {
        T response;
        try {
            response = request.send();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException(method + " to " + url + " failed: " + e.getMessage(), e);
        }
        if (response.hasError()) {
            throw new ChainUnavailableException(method + " to " + url + " answered: " + response.getError().getMessage());
        }
        return response;
    }
}
