package io.auditcover.chain;

import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.ChainFacts;
import io.auditcover.claims.Incident;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads an indemnity claim's proof of loss from the chain: the declared wallet's balance of the cover's
 * asset at the end of the block before the incident and at the end of its last block. Both are converted
 * so the proven loss (before − after) is never overstated: before rounds down, after rounds up.
 */
public final class LossProofs {
    /** One token per asset the pools book; a deployment has a handful. */
    public static final int ASSET_TOKENS_MAX = 100;

    /** Why no evidence could be read. */
    public enum Reason {
        /** The pool's asset has no token configured on this chain. */
        ASSET_NOT_CONFIGURED,
        /** The wallet is not an address (a holder known by name has nothing on chain). */
        WALLET_NOT_ADDRESS,
        /** The incident starts at block 0, so there is no block before it. */
        INCIDENT_AT_GENESIS,
        /** The node did not answer (or has not reached the block): worth retrying later. */
        CHAIN_UNAVAILABLE,
        /** A balance does not fit the books (more than a long of the asset's units). */
        BALANCE_OUT_OF_RANGE;

        /** The stable snake_case code. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** No evidence: a stable reason and a message for people. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Reason reason;

        Failure(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }

        public String code() {
            return reason.code();
        }
    }

    private final ChainFacts facts;
    private final Map<String, AssetToken> tokens;

    public LossProofs(ChainFacts facts, List<AssetToken> tokens) {
        if (facts == null || tokens == null || tokens.size() > ASSET_TOKENS_MAX) {
            throw new IllegalArgumentException("loss proofs need chain facts and up to " + ASSET_TOKENS_MAX + " asset tokens");
        }
        var byCode = new TreeMap<String, AssetToken>();
        for (AssetToken token : tokens) {
            if (byCode.putIfAbsent(token.assetCode(), token) != null) {
                throw new IllegalArgumentException("asset " + token.assetCode() + " has more than one token");
            }
        }
        this.facts = facts;
        this.tokens = byCode;
    }

    /** The chain the balances are read from. */
    public long chainId() {
        return facts.chainId();
    }

    public Optional<AssetToken> token(String assetCode) {
        return Optional.ofNullable(tokens.get(assetCode));
    }

    /**
     * The wallet's balances of {@code asset} at the end of block {@code fromBlock − 1} and at the end of
     * {@code toBlock}. Checked in this order: asset_not_configured, wallet_not_address, incident_at_genesis;
     * then chain_unavailable or balance_out_of_range while reading.
     */
    public LossEvidence evidence(String wallet, Asset asset, Incident incident) {
        AssetToken token = tokens.get(asset.code());
        if (token == null) {
            throw new Failure(Reason.ASSET_NOT_CONFIGURED, "no token is configured for " + asset.code() + " on chain " + chainId(), null);
        }
        if (!Identifiers.isAddress(wallet)) {
            throw new Failure(Reason.WALLET_NOT_ADDRESS, "the wallet must be 0x and 40 lower-case hex digits: " + wallet, null);
        }
        if (incident.fromBlock() == 0) {
            throw new Failure(Reason.INCIDENT_AT_GENESIS, "incident " + incident.id() + " starts at block 0: there is no balance before it", null);
        }
        long beforeBlock = incident.fromBlock() - 1;
        long afterBlock = incident.toBlock();
        Money before = money(balance(token, wallet, beforeBlock), token, asset, Rounding.POOL_PAYS);
        Money after = money(balance(token, wallet, afterBlock), token, asset, Rounding.POOL_RECEIVES);
        return new LossEvidence(before, after, beforeBlock, afterBlock);
    }

    private BigInteger balance(AssetToken token, String wallet, long block) {
        try {
            return token.isNative() ? facts.nativeBalance(wallet, block) : facts.tokenBalance(token.token(), wallet, block);
        } catch (ChainUnavailableException e) {
            throw new Failure(Reason.CHAIN_UNAVAILABLE, "cannot read " + token.assetCode() + " of " + wallet + " at block " + block
                    + ": " + e.getMessage(), e);
        }
    }

    private static Money money(BigInteger raw, AssetToken token, Asset asset, Rounding rounding) {
        try {
            return ChainAmounts.toMoney(raw, token.decimals(), asset, rounding);
        } catch (ArithmeticException e) {
            throw new Failure(Reason.BALANCE_OUT_OF_RANGE, raw + " base units of " + token.assetCode() + " do not fit the books", e);
        }
    }
}
