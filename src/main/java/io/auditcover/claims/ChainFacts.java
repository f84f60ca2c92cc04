package io.auditcover.claims;

import java.math.BigInteger;
import java.util.List;

/**
 * What claims may ask the chain to prove a loss, always at a stated block so the answer never changes:
 * balances before and after an incident, what vault shares are worth, a lending market's exchange rate, and the token transfers out of a contract over the
 * incident's blocks. Amounts are the raw on-chain integers (wei, token base units); turning them into {@code Money}
 * is the caller's explicit, rounded step. Addresses are 0x and 40 lower-case hex digits.
 */
public interface ChainFacts {
    /** The chain these facts come from. */
    long chainId();

    /** The latest block the chain has. */
    long headBlock();

    /** Native balance (wei) of {@code address} at the end of {@code block}. */
    BigInteger nativeBalance(String address, long block);

    /** ERC-20 {@code balanceOf(holder)} on {@code token} at the end of {@code block}. */
    BigInteger tokenBalance(String token, String holder, long block);

    /** ERC-4626 {@code convertToAssets(shares)} on {@code vault} at the end of {@code block}: what the shares are worth there. */
    BigInteger vaultAssets(String vault, BigInteger shares, long block);

    /**
     * Compound v2 {@code exchangeRateStored()} on {@code market} (a cToken) at the end of {@code block}: the underlying asset's base
     * units one base unit of the cToken is worth, as a mantissa scaled by 1e18.
     */
    BigInteger exchangeRate(String market, long block);

    /** Whether {@code address} holds contract code at the end of {@code block} (a wallet or an empty address does not). */
    boolean hasCode(String address, long block);

    /** ERC-20 Transfer logs of {@code token} in [fromBlock, toBlock], whoever sent them, oldest first. */
    List<TokenTransfer> transfers(String token, long fromBlock, long toBlock);

    /** ERC-20 Transfer logs from {@code from} in [fromBlock, toBlock], oldest first; every token when {@code token} is null. */
    List<TokenTransfer> transfersOut(String token, String from, long fromBlock, long toBlock);

    /** One Transfer log: which token, who to whom, how much, and where it sits on the chain. */
    record TokenTransfer(String token, String from, String to, BigInteger amount, long block, String transactionHash, long logIndex) {
        public TokenTransfer {
            if (amount == null || amount.signum() < 0 || block < 0) {
                throw new IllegalArgumentException("a transfer has a non-negative amount and block");
            }
        }
    }
}
