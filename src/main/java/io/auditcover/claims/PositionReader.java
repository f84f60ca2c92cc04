package io.auditcover.claims;

import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Ratio;
import java.util.Locale;
import java.util.Optional;

/**
 * How a listing reads an insured wallet's position in the protocol on chain, so that a depositor whose funds sat in the
 * protocol proves the loss of its receipt or shares, not of the pool's asset it no longer holds. The position is valued in
 * the cover's asset at a block; what the wallet withdrew in between is the cover's asset sent from {@link #custodian()} to
 * the wallet.
 *
 * @param kind      how the token is valued
 * @param token     the receipt or share token the wallet holds (an ERC-4626 vault is its own share token)
 * @param custodian the contract that holds the asset and pays withdrawals; the token itself when null
 * @param rate      {@link Kind#ERC20_BALANCE} only: the asset's base units one base unit of the token is worth (1 for a receipt
 *                  redeemed 1:1, such as an aToken of the same decimals); null for {@link Kind#ERC4626} and
 *                  {@link Kind#COMPOUND_V2}, which ask the token
 */
public record PositionReader(Kind kind, String token, String custodian, Ratio rate) {
    /** A receipt's fixed rate is at most this many asset units per token unit. */
    public static final long RATE_MAX = 1_000_000_000_000L;

    /** How a position's token is valued in the cover's asset. */
    public enum Kind {
        /** {@code balanceOf(wallet) × rate}: a receipt token of fixed value. */
        ERC20_BALANCE,
        /** {@code convertToAssets(balanceOf(wallet))} on the vault, at the block read. */
        ERC4626,
        /**
         * A Compound v2 market's supplied balance: {@code balanceOf(wallet) × exchangeRateStored() / 1e18} on the cToken at the
         * block read, rounded down as Compound defines its exchange rate (a mantissa scaled by 1e18).
         */
        COMPOUND_V2;

        /** The stable snake_case name, as the API writes it. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind written as {@code wire}; empty for a kind this build does not read. */
        public static Optional<Kind> ofWire(String wire) {
            for (Kind kind : values()) {
                if (kind.wire().equals(wire)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public PositionReader {
        if (kind == null || !Identifiers.isAddress(token) || (custodian != null && !Identifiers.isAddress(custodian))) {
            throw new IllegalArgumentException("a position reader needs its kind and a token (and custodian) of 0x and 40 lower-case hex digits");
        }
        if (kind == Kind.ERC20_BALANCE && (rate == null || rate.compareTo(Ratio.ZERO) <= 0 || rate.compareTo(Ratio.whole(RATE_MAX)) > 0)) {
            throw new IllegalArgumentException("an erc20_balance reader values its token at a rate above 0 and at most " + RATE_MAX);
        }
        if (kind != Kind.ERC20_BALANCE && rate != null) {
            throw new IllegalArgumentException("a position read by " + kind.wire() + " is valued by its token: the reader takes no rate");
        }
    }

    /** A receipt redeemed 1:1, holding the asset itself. */
    public static PositionReader receipt(String token) {
        return new PositionReader(Kind.ERC20_BALANCE, token, null, Ratio.ONE);
    }

    /** An ERC-4626 vault's shares, the vault holding the asset. */
    public static PositionReader vault(String vault) {
        return new PositionReader(Kind.ERC4626, vault, null, null);
    }

    /** A Compound v2 market's supplied balance, the cToken holding the underlying asset. */
    public static PositionReader market(String cToken) {
        return new PositionReader(Kind.COMPOUND_V2, cToken, null, null);
    }

    /** Where withdrawals come from: the custodian, else the token. */
    public String payer() {
        return custodian != null ? custodian : token;
    }

    /** For people: {@code erc4626 0xvault}, {@code erc20_balance 0xtoken × 1 (paid by 0x...)}. */
    public String describe() {
        return kind.wire() + " " + token + (rate != null ? " × " + rate : "") + (custodian != null ? " (paid by " + custodian + ")" : "");
    }
}
