package io.auditcover.access;

import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/**
 * Ethereum addresses as people type them, turned into the lower-case form the engine names parties by. All lower case is
 * taken as is; an address with any capital letter must be exactly its EIP-55 checksum form, so a mistyped address with
 * capitals is refused instead of naming some other wallet. Here at the edge because the checksum is keccak256 (web3j),
 * which domain code may not import.
 */
public final class Addresses {
    public static final int LENGTH = 42;
    private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Addresses() {
    }

    /** Why an address was refused: {@code malformed} (not 0x and 40 hex digits) or a wrong checksum. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final boolean checksum;

        Invalid(boolean checksum, String message) {
            super(message);
            this.checksum = checksum;
        }

        /** True when the address has the right shape but capitals that are not its EIP-55 checksum. */
        public boolean checksum() {
            return checksum;
        }
    }

    /** The address in lower case; throws {@link Invalid} when it is not 0x and 40 hex digits or its capitals are no checksum. */
    public static String normalize(String text) {
        if (text == null || !HEX_ADDRESS.matcher(text).matches()) {
            throw new Invalid(false, "an address is 0x and 40 hex digits");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!text.equals(lower) && !text.equals(Keys.toChecksumAddress(lower))) {
            throw new Invalid(true, "address " + text + " has capitals but is not its EIP-55 checksum form "
                    + Keys.toChecksumAddress(lower) + " (or write it all in lower case)");
        }
        return lower;
    }
}
