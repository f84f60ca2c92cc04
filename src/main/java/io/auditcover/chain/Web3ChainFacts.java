package io.auditcover.chain;

import io.auditcover.claims.ChainFacts;
import io.auditcover.evidence.Identifiers;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * {@link ChainFacts} read over JSON-RPC: eth_getBalance, eth_getCode, {@code balanceOf}, {@code convertToAssets} and
 * {@code exchangeRateStored} by eth_call, and Transfer logs.
 */
public final class Web3ChainFacts implements ChainFacts, AutoCloseable {
    public static final String TRANSFER_TOPIC = Keccak.topic("Transfer(address,address,uint256)");
    /** The selector of {@code balanceOf(address)}. */
    static final String BALANCE_OF = "0x70a08231";
    /** The selector of {@code convertToAssets(uint256)}. */
    static final String CONVERT_TO_ASSETS = Keccak.topic("convertToAssets(uint256)").substring(0, 10);
    /** The selector of Compound v2's {@code exchangeRateStored()}. */
    static final String EXCHANGE_RATE_STORED = Keccak.topic("exchangeRateStored()").substring(0, 10);
    /** A claim's incident spans far fewer; larger ranges are read in pieces this big. */
    public static final long TRANSFER_RANGE_BLOCKS_MAX = 100_000;

    private final ChainReader reader;
    private final long chainId;

    public Web3ChainFacts(String rpcUrl) {
        this.reader = ChainReader.connect(rpcUrl);
        this.chainId = reader.chainId();
    }

    @Override
    public long chainId() {
        return chainId;
    }

    @Override
    public long headBlock() {
        return reader.headBlock();
    }

    @Override
    public BigInteger nativeBalance(String address, long block) {
        return reader.balance(requireAddress(address), block);
    }

    @Override
    public BigInteger tokenBalance(String token, String holder, long block) {
        byte[] call = Numeric.hexStringToByteArray(BALANCE_OF + padded(requireAddress(holder)).substring(2));
        byte[] answer = reader.call(requireAddress(token), call, block)
                .orElseThrow(() -> new ChainUnavailableException("balanceOf reverted on " + token + " at block " + block));
        if (answer.length != 32) {
            throw new ChainUnavailableException(token + " is not an ERC-20 token: balanceOf returned " + answer.length + " bytes");
        }
        return new BigInteger(1, answer);
    }

    @Override
    public BigInteger vaultAssets(String vault, BigInteger shares, long block) {
        if (shares.signum() < 0 || shares.bitLength() > 256) {
            throw new IllegalArgumentException("shares are a uint256: " + shares);
        }
        String argument = Numeric.toHexStringNoPrefixZeroPadded(shares, 64);
        byte[] answer = reader.call(requireAddress(vault), Numeric.hexStringToByteArray(CONVERT_TO_ASSETS + argument), block)
                .orElseThrow(() -> new ChainUnavailableException("convertToAssets reverted on " + vault + " at block " + block));
        if (answer.length != 32) {
            throw new ChainUnavailableException(vault + " is not an ERC-4626 vault: convertToAssets returned " + answer.length + " bytes");
        }
        return new BigInteger(1, answer);
    }

    @Override
    public BigInteger exchangeRate(String market, long block) {
        byte[] answer = reader.call(requireAddress(market), Numeric.hexStringToByteArray(EXCHANGE_RATE_STORED), block)
                .orElseThrow(() -> new ChainUnavailableException("exchangeRateStored reverted on " + market + " at block " + block));
        if (answer.length != 32) {
            throw new ChainUnavailableException(market + " is not a Compound v2 market: exchangeRateStored returned " + answer.length + " bytes");
        }
        return new BigInteger(1, answer);
    }

    @Override
    public boolean hasCode(String address, long block) {
        return reader.code(requireAddress(address), block).length > 0;
    }

    @Override
    public List<TokenTransfer> transfers(String token, long fromBlock, long toBlock) {
        return transfers(List.of(requireAddress(token)), null, fromBlock, toBlock);
    }

    @Override
    public List<TokenTransfer> transfersOut(String token, String from, long fromBlock, long toBlock) {
        return transfers(token == null ? List.of() : List.of(requireAddress(token)), padded(requireAddress(from)), fromBlock, toBlock);
    }

    private List<TokenTransfer> transfers(List<String> addresses, String fromTopic, long fromBlock, long toBlock) {
        if (fromBlock < 0 || toBlock < fromBlock || toBlock - fromBlock >= TRANSFER_RANGE_BLOCKS_MAX) {
            throw new IllegalArgumentException("a transfer query spans 1-" + TRANSFER_RANGE_BLOCKS_MAX + " blocks");
        }
        var transfers = new ArrayList<TokenTransfer>();
        for (long start = fromBlock; start <= toBlock; start += ChainReader.LOG_RANGE_BLOCKS_MAX) {
            long end = Math.min(toBlock, start + ChainReader.LOG_RANGE_BLOCKS_MAX - 1);
            for (Log log : reader.logs(addresses, List.of(TRANSFER_TOPIC), fromTopic, start, end)) {
                if (log.getTopics().size() == 3) {
                    transfers.add(transfer(log));
                }
            }
        }
        transfers.sort(Comparator.comparingLong(TokenTransfer::block).thenComparingLong(TokenTransfer::logIndex));
        return transfers;
    }

    @Override
    public void close() {
        reader.close();
    }

    /** Only ERC-20 Transfers (three topics, amount in data); ERC-721's carry the id as a fourth topic and are skipped. */
    private static TokenTransfer transfer(Log log) {
        return new TokenTransfer(log.getAddress().toLowerCase(Locale.ROOT), topicAddress(log.getTopics().get(1)),
                topicAddress(log.getTopics().get(2)), Numeric.toBigInt(log.getData()), log.getBlockNumber().longValueExact(),
                log.getTransactionHash(), log.getLogIndex().longValueExact());
    }

    private static String topicAddress(String topic) {
        String hex = Numeric.cleanHexPrefix(topic);
        return "0x" + hex.substring(hex.length() - 40).toLowerCase(Locale.ROOT);
    }

    private static String padded(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }

    private static String requireAddress(String address) {
        if (!Identifiers.isAddress(address)) {
            throw new IllegalArgumentException("address must be 0x and 40 lower-case hex digits: " + address);
        }
        return address;
    }
}
