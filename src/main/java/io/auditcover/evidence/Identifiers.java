package io.auditcover.evidence;

import java.util.regex.Pattern;

/** The shapes of identifiers and chain values, checked once for every package that takes them. */
public final class Identifiers {
    public static final int ID_LENGTH_MAX = 64;
    public static final int NAME_LENGTH_MAX = 200;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");

    private Identifiers() {
    }

    /** Operator-chosen ids: lower-case letters, digits, '.', '_' and '-', 1 to 64 characters. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static boolean isName(String value) {
        return value != null && !value.isBlank() && value.length() <= NAME_LENGTH_MAX;
    }

    /** An EVM address in lower-case hex. */
    public static boolean isAddress(String value) {
        return value != null && ADDRESS.matcher(value).matches();
    }

    /** A 32-byte hash (keccak256 of runtime code) in lower-case hex. */
    public static boolean isHash(String value) {
        return value != null && HASH.matcher(value).matches();
    }

    /** A deployment's id, recorded once in its log and signed into every statement: 32 bytes, 0x and 64 lower-case hex digits. */
    public static boolean isDeploymentId(String value) {
        return isHash(value);
    }

    /** A party (underwriter, buyer, assessor): an operator-chosen id or a wallet address. */
    public static boolean isParty(String value) {
        return isId(value) || isAddress(value);
    }

    public static String requireId(String value, String what) {
        if (!isId(value)) {
            throw new IllegalArgumentException(what + " must be 1-64 of [a-z0-9._-]: " + value);
        }
        return value;
    }
}
