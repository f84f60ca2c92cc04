package io.auditcover.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The log's canonical hash chain, the same whichever database stores it: {@code hash = SHA-256(previous hash ||
 * canonical bytes)}, where the canonical bytes of a record are its sequence (8 bytes big-endian), then command id, command
 * digest, recorded time as ISO-8601 text, type and payload, each as a 4-byte length and its UTF-8 (or raw) bytes. The
 * genesis previous hash is 32 zero bytes.
 *
 * <p>One instance computes links with one digest and one scratch buffer reused record after record (replay verifies a
 * million links; a digest and a few small arrays each were a measurable share of it). One per append or walk, never shared
 * between threads.
 */
final class HashChain {
    static final byte[] GENESIS = new byte[32];
    static final int HASH_BYTES = 32;
    private static final MessageDigest SHA256_PROTOTYPE = sha256Prototype();
    private final MessageDigest sha256 = newSha256();
    private final byte[] scratch = new byte[8];

    /** One link, for a caller that computes a single one. */
    static byte[] link(byte[] previous, long sequence, String commandId, String digest, String recorded, String type, byte[] payload) {
        return new HashChain().next(previous, sequence, commandId, digest, recorded, type, payload);
    }

    byte[] next(byte[] previous, long sequence, String commandId, String digest, String recorded, String type, byte[] payload) {
        sha256.update(previous);
        for (int i = 0; i < 8; i++) {
            scratch[i] = (byte) (sequence >>> (56 - 8 * i));
        }
        sha256.update(scratch, 0, 8);
        field(commandId.getBytes(StandardCharsets.UTF_8));
        field(digest.getBytes(StandardCharsets.UTF_8));
        field(recorded.getBytes(StandardCharsets.UTF_8));
        field(type.getBytes(StandardCharsets.UTF_8));
        field(payload);
        return sha256.digest();
    }

    private void field(byte[] bytes) {
        int length = bytes.length;
        scratch[0] = (byte) (length >>> 24);
        scratch[1] = (byte) (length >>> 16);
        scratch[2] = (byte) (length >>> 8);
        scratch[3] = (byte) length;
        sha256.update(scratch, 0, 4);
        sha256.update(bytes);
    }

    /** A fresh SHA-256: cloning a prototype skips the provider lookup that getInstance does on every call. */
    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
