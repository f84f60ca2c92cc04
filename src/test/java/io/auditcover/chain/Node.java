package io.auditcover.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * Drives a test node: deploys the committed solc artifacts and sends transactions as raw signed
 * transactions from anvil's first funded dev account, and mines, snapshots and reverts on request.
 */
public final class Node implements AutoCloseable {
    /** anvil's first dev account (its well-known test key, funded with 10,000 ether at genesis). */
    public static final Credentials DEPLOYER = Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final BigInteger GAS_LIMIT = BigInteger.valueOf(3_000_000);
    static final int RECEIPT_ATTEMPTS = 250;

    /** A raw JSON-RPC answer for the node's own methods (evm_mine, evm_snapshot, ...). */
    static final class RawResponse extends Response<Object> {
    }

    public final Anvil anvil;
    final HttpService service;
    final Web3j web3j;
    final RawTransactionManager transactions;

    public Node(Anvil anvil) {
        this.anvil = anvil;
        this.service = new HttpService(anvil.url());
        this.web3j = Web3j.build(service);
        this.transactions = new RawTransactionManager(web3j, DEPLOYER, Anvil.CHAIN_ID);
    }

    public static Node start() {
        return new Node(Anvil.start());
    }

    public static String artifact(String contractName) {
        try (InputStream in = Node.class.getResourceAsStream("/contracts/" + contractName + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no compiled artifact for " + contractName + " (run src/test/solidity/build.sh)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deploys a committed artifact with ABI-encoded constructor arguments; returns the new address. */
    public String deploy(String contractName, Type<?>... constructorArguments) {
        String data = ArtifactFile.creationCode(artifact(contractName)) + FunctionEncoder.encodeConstructor(List.of(constructorArguments));
        TransactionReceipt receipt = send("", data, BigInteger.ZERO);
        return receipt.getContractAddress().toLowerCase(Locale.ROOT);
    }

    /** Calls a function in a mined transaction; returns its receipt (whose block is where it happened). */
    public TransactionReceipt transact(String to, String function, Type<?>... arguments) {
        return send(to, FunctionEncoder.encode(new Function(function, List.of(arguments), List.of())), BigInteger.ZERO);
    }

    TransactionReceipt sendEther(String to, BigInteger wei) {
        return send(to, "0x", wei);
    }

    private TransactionReceipt send(String to, String data, BigInteger value) {
        try {
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO);
            var sent = transactions.sendTransaction(gasPrice, GAS_LIMIT, to, data, value);
            if (sent.hasError()) {
                throw new IllegalStateException("transaction refused: " + sent.getError().getMessage());
            }
            var receipt = receipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException("transaction reverted: " + receipt);
            }
            return receipt;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** anvil mines each transaction at once, but may answer for its receipt a moment later. */
    private TransactionReceipt receipt(String transactionHash) throws IOException {
        for (int attempt = 0; attempt < RECEIPT_ATTEMPTS; attempt++) {
            var receipt = web3j.ethGetTransactionReceipt(transactionHash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("transaction " + transactionHash + " was not mined");
    }

    public static Address address(String value) {
        return new Address(value);
    }

    public static Uint256 uint(long value) {
        return new Uint256(value);
    }

    public long head() {
        return raw("eth_blockNumber") instanceof String hex ? Long.decode(hex) : -1;
    }

    public void mine(int blocks) {
        raw("anvil_mine", "0x" + Integer.toHexString(blocks));
    }

    String snapshot() {
        return (String) raw("evm_snapshot");
    }

    void revert(String snapshot) {
        if (!Boolean.TRUE.equals(raw("evm_revert", snapshot))) {
            throw new IllegalStateException("evm_revert to " + snapshot + " failed");
        }
    }

    Object raw(String method, Object... params) {
        try {
            var response = new Request<>(method, List.of(params), service, RawResponse.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(method + " failed: " + response.getError().getMessage());
            }
            return response.getResult();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        anvil.close();
    }
}
