package io.auditcover.evidence;

import java.util.Arrays;
import java.util.List;

/**
 * Pure byte work on EVM runtime code, so that two deployments of the same compiled source compare equal:
 * zero the bytes the constructor wrote (immutables) and cut the compiler's CBOR metadata tail (its length
 * is the code's last two bytes, big-endian). Hashing the result is the caller's business (keccak256 lives
 * with the chain adapter).
 */
public final class Bytecode {
    /** EIP-170 caps deployed code at 24,576 bytes; leave room for chains that raised it. */
    public static final int CODE_BYTES_MAX = 1 << 17;
    /** An immutable is one word. */
    public static final int IMMUTABLE_LENGTH_MAX = 32;
    /** Room for the CBOR length itself. */
    private static final int METADATA_LENGTH_BYTES = 2;

    private Bytecode() {
    }

    /**
     * The code with every immutable range zeroed and the metadata tail removed. Returns null when the
     * code cannot be this artifact's (different length), so callers never compare unrelated code.
     */
    public static byte[] normalized(byte[] runtimeCode, int expectedLength, List<ImmutableRange> immutables) {
        if (runtimeCode.length != expectedLength) {
            return null;
        }
        byte[] code = runtimeCode.clone();
        for (ImmutableRange range : immutables) {
            Arrays.fill(code, range.start(), range.end(), (byte) 0);
        }
        return withoutMetadata(code);
    }

    /** Cuts the CBOR metadata tail when the last two bytes give a length that fits; otherwise returns the code as is. */
    public static byte[] withoutMetadata(byte[] code) {
        if (code.length < METADATA_LENGTH_BYTES) {
            return code.clone();
        }
        int metadataLength = ((code[code.length - 2] & 0xff) << 8) | (code[code.length - 1] & 0xff);
        int cut = metadataLength + METADATA_LENGTH_BYTES;
        if (metadataLength == 0 || cut > code.length) {
            return code.clone();
        }
        return Arrays.copyOf(code, code.length - cut);
    }
}
