package io.auditcover.access;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An EIP-4361 (Sign-In with Ethereum) message: the fields this server checks, parsed strictly from the
 * text the wallet signed. The address is kept in lower case, which is how the engine names parties; written with capitals it
 * must be its EIP-55 checksum form. {@code Expiration Time} and {@code Not Before} are optional, as EIP-4361 has them.
 */
public record SiweMessage(
        String domain, String address, String uri, long chainId, String nonce, Instant issuedAt, Optional<Instant> expirationTime,
        Optional<Instant> notBefore) {
    public static final int MESSAGE_LENGTH_MAX = 4_096;
    static final String HEADER_SUFFIX = " wants you to sign in with your Ethereum account:";
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,64}");
    private static final Pattern FIELD = Pattern.compile("(URI|Version|Chain ID|Nonce|Issued At|Expiration Time|Not Before|Request ID): (.*)");

    /** Parses a message; throws {@link IllegalArgumentException} saying what is wrong. */
    public static SiweMessage parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MESSAGE_LENGTH_MAX) {
            throw new IllegalArgumentException("message must be 1-" + MESSAGE_LENGTH_MAX + " characters");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length < 8 || !lines[0].endsWith(HEADER_SUFFIX)) {
            throw new IllegalArgumentException("not a Sign-In with Ethereum message");
        }
        String domain = lines[0].substring(0, lines[0].length() - HEADER_SUFFIX.length());
        if (domain.isEmpty() || domain.contains(" ")) {
            throw new IllegalArgumentException("message domain is malformed");
        }
        if (!ADDRESS.matcher(lines[1]).matches()) {
            throw new IllegalArgumentException("message address must be 0x and 40 hex digits");
        }
        String address = Addresses.normalize(lines[1]);
        var fields = new TreeMap<String, String>();
        boolean inFields = false;
        for (int i = 2; i < lines.length; i++) {
            var matcher = FIELD.matcher(lines[i]);
            if (matcher.matches()) {
                inFields = true;
                if (fields.put(matcher.group(1), matcher.group(2)) != null) {
                    throw new IllegalArgumentException("message repeats " + matcher.group(1));
                }
            } else if (inFields && !lines[i].startsWith("Resources:") && !lines[i].startsWith("- ")) {
                throw new IllegalArgumentException("unexpected line in message: " + shorten(lines[i]));
            }
        }
        if (!"1".equals(fields.get("Version"))) {
            throw new IllegalArgumentException("message version must be 1");
        }
        String nonce = required(fields, "Nonce");
        if (!NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("message nonce must be 8-64 letters or digits");
        }
        long chainId;
        try {
            chainId = Long.parseLong(required(fields, "Chain ID"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("message chain id is not a number", e);
        }
        return new SiweMessage(domain, address, required(fields, "URI"), chainId, nonce, time(fields, "Issued At"),
                Optional.ofNullable(fields.get("Expiration Time")).map(value -> time(fields, "Expiration Time")),
                Optional.ofNullable(fields.get("Not Before")).map(value -> time(fields, "Not Before")));
    }

    /** Writes a message in the EIP-4361 layout (what a wallet would be asked to sign); a null expiration time is left out. */
    public static String format(String domain, String checksumAddress, String statement, String uri, long chainId, String nonce,
            Instant issuedAt, Instant expirationTime) {
        return domain + HEADER_SUFFIX + "\n" + checksumAddress + "\n\n" + statement + "\n\nURI: " + uri + "\nVersion: 1\nChain ID: "
                + chainId + "\nNonce: " + nonce + "\nIssued At: " + issuedAt + (expirationTime == null ? "" : "\nExpiration Time: " + expirationTime);
    }

    private static String required(TreeMap<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("message lacks " + name);
        }
        return value;
    }

    private static Instant time(TreeMap<String, String> fields, String name) {
        try {
            return java.time.OffsetDateTime.parse(required(fields, name)).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("message " + name + " is not an RFC 3339 time", e);
        }
    }

    private static String shorten(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }
}
