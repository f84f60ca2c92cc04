package io.auditcover.chain;

import io.auditcover.evidence.Identifiers;
import io.auditcover.money.Asset;
import java.util.Locale;
import org.web3j.crypto.Keys;

/**
 * Where the chain keeps an asset the insurer books: an ERC-20 token (its address and decimals) or, when
 * {@code token} is null, the chain's native coin, which always has 18 decimals. Written on a command line
 * as {@code USDC=0x...:6} or {@code ETH=native}.
 */
public record AssetToken(String assetCode, String token, int decimals) {
    public static final int NATIVE_DECIMALS = 18;
    public static final String NATIVE = "native";
    public static final int SPEC_LENGTH_MAX = 100;
    static final String SPEC_SHAPE = "an asset token is ASSET=0xTOKEN:DECIMALS or ASSET=native";

    public AssetToken {
        try {
            new Asset(assetCode, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("asset code must be 2-12 upper-case letters or digits: " + assetCode, e);
        }
        if (token != null && !Identifiers.isAddress(token)) {
            throw new IllegalArgumentException("token must be 0x and 40 lower-case hex digits: " + token);
        }
        if (token == null && decimals != NATIVE_DECIMALS) {
            throw new IllegalArgumentException("the native coin has " + NATIVE_DECIMALS + " decimals, not " + decimals);
        }
        if (decimals < 0 || decimals > ChainAmounts.DECIMALS_MAX) {
            throw new IllegalArgumentException("token decimals must be 0-" + ChainAmounts.DECIMALS_MAX + ": " + decimals);
        }
    }

    public static AssetToken nativeCoin(String assetCode) {
        return new AssetToken(assetCode, null, NATIVE_DECIMALS);
    }

    public boolean isNative() {
        return token == null;
    }

    /**
     * Reads {@code USDC=0xa0b8...eb48:6} or {@code ETH=native}. A mixed-case address must carry a valid
     * EIP-55 checksum, so a mistyped address pasted from a wallet is refused rather than read elsewhere.
     */
    public static AssetToken parse(String spec) {
        if (spec == null || spec.length() > SPEC_LENGTH_MAX) {
            throw new IllegalArgumentException(SPEC_SHAPE + " of at most " + SPEC_LENGTH_MAX + " characters");
        }
        int equals = spec.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException(SPEC_SHAPE + ": " + spec);
        }
        String assetCode = spec.substring(0, equals);
        String where = spec.substring(equals + 1);
        if (where.equals(NATIVE)) {
            return nativeCoin(assetCode);
        }
        int colon = where.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(SPEC_SHAPE + ": " + spec);
        }
        int decimals;
        try {
            decimals = Integer.parseInt(where.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SPEC_SHAPE + ": " + spec, e);
        }
        return new AssetToken(assetCode, checkedAddress(where.substring(0, colon)), decimals);
    }

    /** The spec {@link #parse} reads back to this value, with the address in lower case. */
    public String spec() {
        return assetCode + "=" + (isNative() ? NATIVE : token + ":" + decimals);
    }

    private static String checkedAddress(String written) {
        String lower = written.toLowerCase(Locale.ROOT);
        if (!written.startsWith("0x") || !Identifiers.isAddress(lower)) {
            throw new IllegalArgumentException("token must be 0x and 40 hex digits: " + written);
        }
        boolean mixedCase = !written.equals(lower) && !written.equals("0x" + lower.substring(2).toUpperCase(Locale.ROOT));
        if (mixedCase && !Keys.toChecksumAddress(lower).equals(written)) {
            throw new IllegalArgumentException("token address fails its EIP-55 checksum: " + written);
        }
        return lower;
    }
}
