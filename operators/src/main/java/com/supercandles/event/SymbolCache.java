package com.supercandles.event;

import java.nio.charset.StandardCharsets;

/**
 * Hands out one String instance per symbol text, read straight from the record's bytes: a
 * feed repeats a few thousand symbols millions of times, and a shared instance spares an allocation
 * per event and makes every later hash lookup by symbol cheap (its hash is computed once). A
 * direct-mapped table: a collision only costs a new String, never a wrong one.
 */
final class SymbolCache {
    private static final int SLOTS = 1 << 15;
    private static final int MAX_CACHED_LENGTH = 64;

    private final String[] table = new String[SLOTS];

    /** The symbol of the ASCII bytes {@code bytes[offset, offset + length)}. */
    String get(byte[] bytes, int offset, int length) {
        if (length > MAX_CACHED_LENGTH) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[offset + i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String cached = table[slot];
        if (cached != null && same(cached, bytes, offset, length)) {
            return cached;
        }
        String s = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        table[slot] = s;
        return s;
    }

    private static boolean same(String s, byte[] bytes, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != bytes[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
