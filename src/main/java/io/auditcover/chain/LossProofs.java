package io.auditcover.chain;

import io.auditcover.claims.LossEvidence;
import io.auditcover.claims.ChainFacts;
import io.auditcover.claims.DepositorCover;
import io.auditcover.claims.DepositorLoss;
import io.auditcover.claims.Incident;
import io.auditcover.claims.PositionReader;
import io.auditcover.claims.PositionReading;
import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import io.auditcover.money.Rounding;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads an indemnity claim's proof of loss from the chain: the declared wallet's balance of the cover's
 * asset at the end of the block before the incident and at the end of its last block, or, when the cover's
 * terms name a {@link PositionReader}, the value of the wallet's position in the protocol at those blocks and
 * what the wallet withdrew from the protocol in between. Every figure is converted so the proven loss
 * (before − (after + withdrawn)) is never overstated: before rounds down, after and withdrawn round up. A position the
 * protocol itself values (an ERC-4626 vault's {@code convertToAssets}, a Compound v2 market's {@code balanceOf × exchangeRateStored
 * / 1e18}) is taken at that value, rounded down as the protocol rounds what it would pay out.
 */
public final class LossProofs {
    /** One token per asset the pools book; a deployment has a handful. */
    public static final int ASSET_TOKENS_MAX = 100;
    /** A depositors' claim scans the position token's transfers over at most this many blocks. */
    public static final long DEPOSITOR_SCAN_BLOCKS_MAX = DepositorCover.SCAN_BLOCKS_MAX;
    /** Recipients of the position token a scan follows: those who left before the incident are dropped after it. */
    public static final int RECIPIENTS_MAX = 4 * DepositorCover.DEPOSITORS_MAX;
    static final String ZERO_ADDRESS = "0x" + "0".repeat(40);
    /** Compound v2 scales an exchange rate by 1e18 (its mantissa). */
    static final BigInteger EXCHANGE_RATE_SCALE = BigInteger.TEN.pow(18);

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
        BALANCE_OUT_OF_RANGE,
        /** A position reader's token or custodian holds no contract code: a wallet or a mistyped address. */
        POSITION_NOT_CONTRACT,
        /** A position is read in a token: withdrawals of the native coin leave no logs to count. */
        POSITION_IN_NATIVE_COIN,
        /** The incident spans more blocks than one read of its withdrawals may. */
        INCIDENT_TOO_LONG,
        /** The depositors would be read from more blocks of transfers than one claim may scan. */
        DEPOSITOR_SCAN_TOO_LONG,
        /** The position token has more depositors (or recipients) than one claim may name. */
        TOO_MANY_DEPOSITORS;

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

    /**
     * The value of the wallet's position, read by {@code reader}, at the end of block {@code fromBlock − 1} and at the end of
     * {@code toBlock}, and the cover's asset the reader's custodian sent the wallet in blocks {@code fromBlock .. toBlock}.
     * Checked in this order: asset_not_configured, position_in_native_coin, wallet_not_address, incident_at_genesis,
     * incident_too_long, then position_not_contract (token or custodian without code at the incident's last block), then
     * chain_unavailable or balance_out_of_range while reading. A token deployed inside the incident was worth nothing before it.
     */
    public LossEvidence evidence(String wallet, Asset asset, Incident incident, PositionReader reader) {
        if (reader == null) {
            return evidence(wallet, asset, incident);
        }
        AssetToken token = positionToken(asset);
        if (!Identifiers.isAddress(wallet)) {
            throw new Failure(Reason.WALLET_NOT_ADDRESS, "the wallet must be 0x and 40 lower-case hex digits: " + wallet, null);
        }
        requireReadable(incident);
        requireContracts(reader, incident.toBlock());
        boolean existedBefore = read(() -> facts.hasCode(reader.token(), incident.fromBlock() - 1), reader.token(), incident.fromBlock() - 1);
        BigInteger withdrawn = withdrawn(token, reader, incident.fromBlock(), incident.toBlock()).getOrDefault(wallet, BigInteger.ZERO);
        return positionEvidence(token, asset, reader, wallet, incident, existedBefore, withdrawn);
    }

    /**
     * Every depositor of {@code reader}'s token with a position before the incident, in the order they first received it: the
     * recipients of its Transfer logs from {@code sinceBlock} (the token's deployment, or earlier) to the block before the incident,
     * each with its position read as {@link #evidence(String, Asset, Incident, PositionReader)} reads one (withdrawals read once
     * for all). Checked as that is, then depositor_scan_too_long (more than {@link #DEPOSITOR_SCAN_BLOCKS_MAX} blocks) and
     * too_many_depositors (more than {@link DepositorCover#DEPOSITORS_MAX} with a position, or four times as many recipients).
     */
    public List<DepositorLoss> depositors(PositionReader reader, Asset asset, Incident incident, long sinceBlock) {
        AssetToken token = positionToken(asset);
        requireReadable(incident);
        long beforeBlock = incident.fromBlock() - 1;
        long since = Math.max(0, Math.min(sinceBlock, beforeBlock));
        if (beforeBlock - since >= DEPOSITOR_SCAN_BLOCKS_MAX) {
            throw new Failure(Reason.DEPOSITOR_SCAN_TOO_LONG, "depositors are read from at most " + DEPOSITOR_SCAN_BLOCKS_MAX
                    + " blocks of transfers: start closer to the incident than block " + sinceBlock, null);
        }
        requireContracts(reader, incident.toBlock());
        var recipients = new LinkedHashSet<String>();
        for (long start = since; start <= beforeBlock; start += Web3ChainFacts.TRANSFER_RANGE_BLOCKS_MAX) {
            long end = Math.min(beforeBlock, start + Web3ChainFacts.TRANSFER_RANGE_BLOCKS_MAX - 1);
            long from = start;
            for (ChainFacts.TokenTransfer transfer : read(() -> facts.transfers(reader.token(), from, end), reader.token(), end)) {
                if (!transfer.to().equals(ZERO_ADDRESS)) {
                    recipients.add(transfer.to());
                }
            }
            if (recipients.size() > RECIPIENTS_MAX) {
                throw new Failure(Reason.TOO_MANY_DEPOSITORS, reader.token() + " has more than " + RECIPIENTS_MAX + " recipients", null);
            }
        }
        Map<String, BigInteger> withdrawn = withdrawn(token, reader, incident.fromBlock(), incident.toBlock());
        var depositors = new ArrayList<DepositorLoss>();
        for (String wallet : recipients) {
            LossEvidence evidence = positionEvidence(token, asset, reader, wallet, incident, true, withdrawn.getOrDefault(wallet, BigInteger.ZERO));
            if (evidence.balanceBefore().isPositive()) {
                depositors.add(new DepositorLoss(wallet, evidence));
            }
        }
        if (depositors.size() > DepositorCover.DEPOSITORS_MAX) {
            throw new Failure(Reason.TOO_MANY_DEPOSITORS, reader.token() + " has more than " + DepositorCover.DEPOSITORS_MAX
                    + " depositors at the incident", null);
        }
        return depositors;
    }

    private AssetToken positionToken(Asset asset) {
        AssetToken token = tokens.get(asset.code());
        if (token == null) {
            throw new Failure(Reason.ASSET_NOT_CONFIGURED, "no token is configured for " + asset.code() + " on chain " + chainId(), null);
        }
        if (token.isNative()) {
            throw new Failure(Reason.POSITION_IN_NATIVE_COIN, "a position is read in a token, not in " + asset.code()
                    + ": withdrawals of the native coin leave no logs to count", null);
        }
        return token;
    }

    private static void requireReadable(Incident incident) {
        if (incident.fromBlock() == 0) {
            throw new Failure(Reason.INCIDENT_AT_GENESIS, "incident " + incident.id() + " starts at block 0: there is no position before it", null);
        }
        if (incident.toBlock() - incident.fromBlock() >= Web3ChainFacts.TRANSFER_RANGE_BLOCKS_MAX) {
            throw new Failure(Reason.INCIDENT_TOO_LONG, "incident " + incident.id() + " spans more than "
                    + Web3ChainFacts.TRANSFER_RANGE_BLOCKS_MAX + " blocks of withdrawals to read", null);
        }
    }

    private LossEvidence positionEvidence(AssetToken token, Asset asset, PositionReader reader, String wallet, Incident incident,
            boolean existedBefore, BigInteger withdrawnRaw) {
        long beforeBlock = incident.fromBlock() - 1;
        long afterBlock = incident.toBlock();
        Valued valuedBefore = existedBefore ? positionValue(reader, wallet, beforeBlock, Rounding.POOL_PAYS) : Valued.nothing(reader);
        Valued valuedAfter = positionValue(reader, wallet, afterBlock, Rounding.POOL_RECEIVES);
        Money before = money(valuedBefore.value(), token, asset, Rounding.POOL_PAYS);
        Money after = money(valuedAfter.value(), token, asset, Rounding.POOL_RECEIVES);
        Money withdrawn = money(withdrawnRaw, token, asset, Rounding.POOL_RECEIVES);
        return new LossEvidence(before, after, beforeBlock, afterBlock, reader, withdrawn, valuedBefore.reading(), valuedAfter.reading());
    }

    /** A position's worth in base units of the cover's asset, with the raw figures it came from when the reader keeps them. */
    private record Valued(BigInteger value, PositionReading reading) {
        /** Nothing held: worth 0, and a reader valuing at an exchange rate keeps a balance of 0 and no rate. */
        static Valued nothing(PositionReader reader) {
            return new Valued(BigInteger.ZERO, reader.kind() == PositionReader.Kind.COMPOUND_V2 ? new PositionReading("0", null) : null);
        }
    }

    /**
     * Refuses a reader whose token or custodian holds no contract code at the chain's head: position_not_contract, or
     * chain_unavailable when the node cannot say.
     */
    public void requireContracts(PositionReader reader) {
        long head = read(facts::headBlock, reader.token(), -1);
        requireContracts(reader, head);
    }

    private void requireContracts(PositionReader reader, long block) {
        for (String address : reader.payer().equals(reader.token()) ? List.of(reader.token()) : List.of(reader.token(), reader.payer())) {
            if (!read(() -> facts.hasCode(address, block), address, block)) {
                throw new Failure(Reason.POSITION_NOT_CONTRACT, address + " holds no contract code at block " + block
                        + ": a position is read from the protocol's token or vault", null);
            }
        }
    }

    /**
     * The position's worth in base units of the cover's asset, rounded as the side of the loss it stands on requires where the
     * rounding is ours (a fixed rate); a vault and a lending market round as the protocol itself does, down.
     */
    private Valued positionValue(PositionReader reader, String wallet, long block, Rounding rounding) {
        BigInteger held = read(() -> facts.tokenBalance(reader.token(), wallet, block), reader.token(), block);
        if (held.signum() == 0) {
            return Valued.nothing(reader);
        }
        return switch (reader.kind()) {
            case ERC4626 -> new Valued(read(() -> facts.vaultAssets(reader.token(), held, block), reader.token(), block), null);
            case ERC20_BALANCE -> {
                BigInteger[] quotient = held.multiply(BigInteger.valueOf(reader.rate().numerator()))
                        .divideAndRemainder(BigInteger.valueOf(reader.rate().denominator()));
                yield new Valued(rounding == Rounding.POOL_RECEIVES && quotient[1].signum() != 0 ? quotient[0].add(BigInteger.ONE)
                        : quotient[0], null);
            }
            case COMPOUND_V2 -> {
                BigInteger rate = read(() -> facts.exchangeRate(reader.token(), block), reader.token(), block);
                yield new Valued(held.multiply(rate).divide(EXCHANGE_RATE_SCALE), new PositionReading(held.toString(), rate.toString()));
            }
        };
    }

    /** What the reader's custodian sent each wallet in the asset over the blocks: their withdrawals (and anything else it paid them). */
    private Map<String, BigInteger> withdrawn(AssetToken token, PositionReader reader, long fromBlock, long toBlock) {
        var transfers = read(() -> facts.transfersOut(token.token(), reader.payer(), fromBlock, toBlock), reader.payer(), toBlock);
        var byWallet = new TreeMap<String, BigInteger>();
        for (ChainFacts.TokenTransfer transfer : transfers) {
            byWallet.merge(transfer.to(), transfer.amount(), BigInteger::add);
        }
        return byWallet;
    }

    private static <T> T read(java.util.function.Supplier<T> question, String address, long block) {
        try {
            return question.get();
        } catch (ChainUnavailableException e) {
            throw new Failure(Reason.CHAIN_UNAVAILABLE, "cannot read " + address + (block < 0 ? "" : " at block " + block) + ": "
                    + e.getMessage(), e);
        }
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
