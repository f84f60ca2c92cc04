package io.auditcover.access;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * EIP-4361 sign-in: the server hands out single-use nonces; a wallet signs a message naming this
 * server's domain and URI, the configured chain, the nonce and when it was issued with {@code personal_sign}; the server
 * recovers the signer (ecrecover over the EIP-191 prefixed message) and compares it with the message's address. Who is
 * signing in is all a message proves: the caller's role is looked up on every request, never taken from the sign-in.
 */
public final class SignInWithEthereum {
    public static final Duration NONCE_LIFETIME = Duration.ofMinutes(10);
    public static final Duration MESSAGE_LIFETIME_MAX = Duration.ofHours(24);
    /** How old a message without an {@code Expiration Time} may be (from its {@code Issued At}): as long as a nonce lives. */
    public static final Duration MESSAGE_AGE_MAX = Duration.ofMinutes(10);
    /** How far ahead of this server's clock a wallet's {@code Issued At} may be, for clocks that disagree a little. */
    public static final Duration CLOCK_SKEW_MAX = Duration.ofSeconds(60);
    public static final int NONCES_OUTSTANDING_MAX = 100_000;
    public static final int SIGNATURE_LENGTH_MAX = 140;

    /** Why a sign-in failed: a stable code and whether the request was malformed (else unauthenticated). */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final boolean malformed;

        Failure(String code, boolean malformed, String message) {
            super(message, null, false, false);
            this.code = code;
            this.malformed = malformed;
        }

        public String code() {
            return code;
        }

        public boolean malformed() {
            return malformed;
        }
    }

    /**
     * Whom a message must address: one of the {@code domains} (host[:port]) this server is reached at, a {@code URI} whose
     * origin (scheme://host[:port]) is one of {@code origins} and whose authority is the message's domain, and {@code chainId}.
     */
    public record Audience(Set<String> domains, Set<String> origins, long chainId) {
        public Audience {
            domains = Set.copyOf(domains);
            origins = Set.copyOf(origins);
        }
    }

    private final SignInNonces nonces;
    private final SecureRandom random = new SecureRandom();

    /** Sign-in with nonces of this process only. */
    public SignInWithEthereum() {
        this(SignInNonces.inMemory());
    }

    /** Sign-in keeping its nonces in {@code nonces} (the shared store's, for instances of one log). */
    public SignInWithEthereum(SignInNonces nonces) {
        this.nonces = nonces;
    }

    /** A fresh nonce, good once and for {@link #NONCE_LIFETIME}. */
    public String nonce(Instant now) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        if (!nonces.issue(nonce, now.plus(NONCE_LIFETIME), now, NONCES_OUTSTANDING_MAX)) {
            throw new Failure("too_many_nonces", false, "too many sign-ins are in progress; try again shortly");
        }
        return nonce;
    }

    /** Checks a signed message; returns the address it proves, or throws {@link Failure}. Checks run in the order written. */
    public String verify(String message, String signature, Audience audience, Instant now) {
        SiweMessage parsed;
        try {
            parsed = SiweMessage.parse(message);
        } catch (IllegalArgumentException e) {
            throw new Failure("siwe_message_invalid", true, e.getMessage());
        }
        if (signature == null || signature.length() > SIGNATURE_LENGTH_MAX || !signature.matches("0x[0-9a-fA-F]{130}")) {
            throw new Failure("signature_invalid", true, "signature must be 0x and 130 hex digits (r, s, v)");
        }
        if (!audience.domains().contains(parsed.domain())) {
            throw new Failure("siwe_domain_mismatch", false, "the message is for " + parsed.domain() + ", not this server");
        }
        if (!addressesThisServer(parsed, audience)) {
            throw new Failure("siwe_uri_mismatch", false, "the message's URI " + shorten(parsed.uri()) + " is not this server at "
                    + parsed.domain());
        }
        if (parsed.chainId() != audience.chainId()) {
            throw new Failure("siwe_chain_mismatch", false, "the message is for chain " + parsed.chainId() + "; this server signs in on chain "
                    + audience.chainId());
        }
        checkTimes(parsed, now);
        if (!nonces.live(parsed.nonce(), now)) {
            throw new Failure("siwe_nonce_unknown", false, "the nonce was not issued here, was used already, or expired");
        }
        String signer = recover(message, signature);
        if (!signer.equals(parsed.address())) {
            throw new Failure("signature_invalid", false, "the signature is not from " + parsed.address());
        }
        if (!nonces.use(parsed.nonce(), now)) {
            throw new Failure("siwe_nonce_unknown", false, "the nonce was used already");
        }
        return signer;
    }

    /** siwe_not_yet_valid (issued in the future beyond the skew, or before its Not Before), siwe_expired, siwe_message_invalid. */
    private static void checkTimes(SiweMessage parsed, Instant now) {
        if (parsed.issuedAt().isAfter(now.plus(CLOCK_SKEW_MAX)) || parsed.notBefore().map(now::isBefore).orElse(false)) {
            throw new Failure("siwe_not_yet_valid", false, "the message is not valid yet (Issued At or Not Before is after now)");
        }
        Instant expiry = parsed.expirationTime().orElse(parsed.issuedAt().plus(MESSAGE_AGE_MAX));
        if (!now.isBefore(expiry)) {
            throw new Failure("siwe_expired", false, parsed.expirationTime().isPresent() ? "the message expired at " + expiry
                    : "a message without an Expiration Time is good for " + MESSAGE_AGE_MAX.toMinutes() + " minutes after its Issued At");
        }
        if (Duration.between(parsed.issuedAt(), expiry).compareTo(MESSAGE_LIFETIME_MAX) > 0) {
            throw new Failure("siwe_message_invalid", true, "a message may be valid for at most " + MESSAGE_LIFETIME_MAX);
        }
    }

    private static boolean addressesThisServer(SiweMessage parsed, Audience audience) {
        URI uri;
        try {
            uri = new URI(parsed.uri());
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return false;
        }
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
        return uri.getRawAuthority().equals(parsed.domain()) && audience.origins().contains(origin);
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    /** The lower-case address that made a personal_sign signature over the message. */
    static String recover(String message, String signature) {
        try {
            var data = Sign.signatureDataFromHex(signature);
            var publicKey = Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8), data);
            return "0x" + Keys.getAddress(publicKey);
        } catch (SignatureException | RuntimeException e) {
            throw new Failure("signature_invalid", false, "the signature does not verify");
        }
    }
}
