package io.auditcover.access;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived session tokens for signed-in wallets: {@code base64url(address|expiry).base64url(HMAC-SHA256)}.
 * A token proves only who signed in, never a role: roles change (an assessor is seated or removed) and must
 * take effect on the next request, so the server looks the role up every time. The key is drawn at start-up
 * and never stored, so a restart signs everyone out, which the short lifetime makes cheap.
 */
public final class SessionTokens {
    public static final Duration LIFETIME = Duration.ofHours(1);
    public static final int TOKEN_LENGTH_MAX = 256;
    private static final Pattern CLAIMS = Pattern.compile("(0x[0-9a-f]{40})\\|(\\d{1,12})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final SecretKeySpec key;

    public SessionTokens() {
        this(randomSecret());
    }

    /** Tokens signed with {@code secret}: the shared one, so every instance that holds it accepts the others' tokens. */
    public SessionTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("a session secret has at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    public String issue(Principal.Wallet wallet, Instant now) {
        String claims = wallet.address() + "|" + now.plus(LIFETIME).getEpochSecond();
        byte[] claimBytes = claims.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(claimBytes) + "." + ENCODER.encodeToString(mac(claimBytes));
    }

    /** The address a token was issued to, if its MAC is right and it has not expired. */
    public Optional<String> verify(String token, Instant now) {
        if (token == null || token.length() > TOKEN_LENGTH_MAX) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        byte[] claimBytes;
        byte[] given;
        try {
            claimBytes = Base64.getUrlDecoder().decode(token.substring(0, dot));
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(claimBytes), given)) {
            return Optional.empty();
        }
        var matcher = CLAIMS.matcher(new String(claimBytes, StandardCharsets.UTF_8));
        if (!matcher.matches() || now.getEpochSecond() >= Long.parseLong(matcher.group(2))) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }
}
