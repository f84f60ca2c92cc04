package io.auditcover.engine;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link BinaryWriter} wrote; running past the end is a {@link LogFormatException} naming the payload's type.
 * Strings come from the thread's {@link SharedStrings} when given one.
 */
final class BinaryReader {
    private final byte[] bytes;
    private final String type;
    private final SharedStrings strings;
    private int position;

    BinaryReader(byte[] bytes, int position, String type) {
        this(bytes, position, type, null);
    }

    BinaryReader(byte[] bytes, int position, String type, SharedStrings strings) {
        this.bytes = bytes;
        this.position = position;
        this.type = type;
        this.strings = strings;
    }

    String type() {
        return type;
    }

    int remaining() {
        return bytes.length - position;
    }

    int readByte() {
        require(1);
        return bytes[position++] & 0xFF;
    }

    long readUnsigned() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int next = readByte();
            value |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new LogFormatException(type + " payload holds a varint longer than 10 bytes");
    }

    long readSigned() {
        long encoded = readUnsigned();
        return (encoded >>> 1) ^ -(encoded & 1);
    }

    /** A count or length plus one (zero is null), checked against what is left so a bad count cannot allocate much. */
    int readCountPlusOne() {
        long value = readUnsigned();
        if (Long.compareUnsigned(value, remaining() + 1L) > 0) {
            throw new LogFormatException(type + " payload has a count of " + (value - 1) + " with " + remaining() + " bytes left");
        }
        return (int) value;
    }

    double readDouble() {
        require(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (bytes[position++] & 0xFF) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    String readString() {
        int lengthPlusOne = readCountPlusOne();
        if (lengthPlusOne == 0) {
            return null;
        }
        int length = lengthPlusOne - 1;
        String value = strings == null ? new String(bytes, position, length, StandardCharsets.UTF_8) : strings.decode(bytes, position, length);
        position += length;
        return value;
    }

    private void require(int count) {
        if (position + count > bytes.length) {
            throw new LogFormatException(type + " payload ends early, at byte " + position);
        }
    }
}
