package io.auditcover.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings a thread decoded lately, handed out again for the same bytes. A log repeats the same few hundred strings
 * (pool and protocol ids, factor names and their long explanations, reason codes) in every purchase: sharing them keeps
 * a replayed book from holding a million copies of each, and spares the garbage collector. A direct-mapped table, so a
 * miss only replaces one slot; strings are immutable, so sharing them is safe. One per thread, never shared between threads.
 */
final class SharedStrings {
    private static final int SLOTS = 4_096;
    /** Longer strings are rare and seldom repeated; they are decoded afresh. */
    private static final int SHARED_BYTES_MAX = 1_024;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];

    String decode(byte[] source, int offset, int length) {
        if (length > SHARED_BYTES_MAX) {
            return new String(source, offset, length, StandardCharsets.UTF_8);
        }
        int slot = slot(source, offset, length);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, source, offset, offset + length)) {
            return strings[slot];
        }
        String decoded = new String(source, offset, length, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(source, offset, offset + length);
        strings[slot] = decoded;
        return decoded;
    }

    /** From the length and up to 8 bytes at each end: cheap for long strings, and the comparison that follows is exact. */
    private static int slot(byte[] source, int offset, int length) {
        int hash = length;
        int head = Math.min(length, 8);
        for (int i = 0; i < head; i++) {
            hash = 31 * hash + source[offset + i];
        }
        for (int i = Math.max(head, length - 8); i < length; i++) {
            hash = 31 * hash + source[offset + i];
        }
        hash ^= hash >>> 16;
        return hash & (SLOTS - 1);
    }
}
