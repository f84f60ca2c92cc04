package io.auditcover.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * EIP-4361 sign-in: the server hands out single-use nonces; a wallet signs a message naming this
 * server's domain, the nonce and an expiry with {@code personal_sign}; the server recovers the signer
 * (ecrecover over the EIP-191 prefixed message) and compares it with the message's address.
 */
public final class SignInWithEthereum {
    public static final Duration NONCE_LIFETIME = Duration.ofMinutes(10);
    public static final Duration MESSAGE_LIFETIME_MAX = Duration.ofHours(24);
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

    private final ConcurrentHashMap<String, Instant> nonces = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AccessStore store;

    public SignInWithEthereum(AccessStore store) {
        this.store = store;
    }

    /** A fresh nonce, good once and for {@link #NONCE_LIFETIME}. */
    public String nonce(Instant now) {
        if (nonces.size() >= NONCES_OUTSTANDING_MAX) {
            nonces.values().removeIf(expiry -> !now.isBefore(expiry));
            if (nonces.size() >= NONCES_OUTSTANDING_MAX) {
                throw new Failure("too_many_nonces", false, "too many sign-ins are in progress; try again shortly");
            }
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        nonces.put(nonce, now.plus(NONCE_LIFETIME));
        return nonce;
    }

    /** Checks a signed message; returns the wallet it proves, or throws {@link Failure}. */
    public Principal.Wallet verify(String message, String signature, Set<String> domains, Instant now) {
        SiweMessage parsed;
        try {
            parsed = SiweMessage.parse(message);
        } catch (IllegalArgumentException e) {
            throw new Failure("siwe_message_invalid", true, e.getMessage());
        }
        if (signature == null || signature.length() > SIGNATURE_LENGTH_MAX || !signature.matches("0x[0-9a-fA-F]{130}")) {
            throw new Failure("signature_invalid", true, "signature must be 0x and 130 hex digits (r, s, v)");
        }
        if (!domains.contains(parsed.domain())) {
            throw new Failure("siwe_domain_mismatch", false, "the message is for " + parsed.domain() + ", not this server");
        }
        if (!now.isBefore(parsed.expirationTime()) || parsed.notBefore().map(now::isBefore).orElse(false)) {
            throw new Failure("siwe_expired", false, "the message is expired or not yet valid");
        }
        if (Duration.between(parsed.issuedAt(), parsed.expirationTime()).compareTo(MESSAGE_LIFETIME_MAX) > 0) {
            throw new Failure("siwe_message_invalid", true, "a message may be valid for at most " + MESSAGE_LIFETIME_MAX);
        }
        Instant nonceExpiry = nonces.get(parsed.nonce());
        if (nonceExpiry == null || !now.isBefore(nonceExpiry)) {
            throw new Failure("siwe_nonce_unknown", false, "the nonce was not issued here, was used already, or expired");
        }
        String signer = recover(message, signature);
        if (!signer.equals(parsed.address())) {
            throw new Failure("signature_invalid", false, "the signature is not from " + parsed.address());
        }
        if (nonces.remove(parsed.nonce()) == null) {
            throw new Failure("siwe_nonce_unknown", false, "the nonce was used already");
        }
        return new Principal.Wallet(signer, store.isAssessor(signer));
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
