package com.supercandles.event;

/**
 * Hands out one String instance per symbol text, read straight from the parser's character buffer: a
 * feed repeats a few thousand symbols millions of times, and a shared instance spares an allocation
 * per event and makes every later hash lookup by symbol cheap (its hash is computed once). A
 * direct-mapped table: a collision only costs a new String, never a wrong one.
 */
final class SymbolCache {
    private static final int SLOTS = 1 << 15;
    private static final int MAX_CACHED_LENGTH = 64;

    private final String[] table = new String[SLOTS];

    String get(char[] chars, int offset, int length) {
        if (length > MAX_CACHED_LENGTH) {
            return new String(chars, offset, length);
        }
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + chars[offset + i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String cached = table[slot];
        if (cached != null && same(cached, chars, offset, length)) {
            return cached;
        }
        String s = new String(chars, offset, length);
        table[slot] = s;
        return s;
    }

    private static boolean same(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
