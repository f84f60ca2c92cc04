package io.auditcover.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for the binary log format: unsigned and zig-zag varints, fixed 8-byte doubles, length-prefixed
 * UTF-8. One is kept per thread and reused ({@link #reset()}), so encoding an event allocates only its result.
 */
final class BinaryWriter {
    private static final int INITIAL_BYTES = 4_096;
    private byte[] bytes = new byte[INITIAL_BYTES];
    private int length;

    void reset() {
        length = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    void writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
    }

    /** An unsigned LEB128 varint: 7 bits a byte, low bits first. */
    void writeUnsigned(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[length++] = (byte) value;
    }

    /** A signed value as a zig-zag varint, so small negative numbers stay short. */
    void writeSigned(long value) {
        writeUnsigned((value << 1) ^ (value >> 63));
    }

    void writeDouble(double value) {
        ensure(8);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            bytes[length++] = (byte) (bits >>> (8 * i));
        }
    }

    /** A string as its UTF-8 length plus one (zero is null), then its bytes. */
    void writeString(String value) {
        if (value == null) {
            writeUnsigned(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeUnsigned(utf8.length + 1L);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
