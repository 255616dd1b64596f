package com.supercandles.event;

import java.nio.charset.StandardCharsets;

/**
 * Hands out one String instance per symbol text, read straight from the record's bytes: a feed repeats
 * a few thousand symbols millions of times, and a shared instance spares an allocation per event and
 * makes every later hash lookup by symbol cheap (its hash is computed once, and the lookup's key is the
 * same instance, so no key's characters are compared).
 *
 * <p>An open-addressing table (linear probing, at most half full, the hashes beside the strings so a
 * probe reads no string but the one it finds). The first version was direct-mapped: symbols that
 * differ in their last characters (SIM0000 ... SIM9999, or a venue's numbered contracts) crowd a few
 * slots of a polynomial hash, two thirds of 10,000 such symbols shared a slot and came back as a new
 * String at nearly every event. Bounded: past {@link #MAX_SYMBOLS} distinct texts (a feed of garbage)
 * new texts are returned uncached.
 */
final class SymbolCache {
    static final int MAX_SYMBOLS = 1 << 17;
    private static final int MAX_CACHED_LENGTH = 64;

    private String[] table = new String[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int size;

    /** The symbol of the ASCII bytes {@code bytes[offset, offset + length)}. */
    String get(byte[] bytes, int offset, int length) {
        if (length > MAX_CACHED_LENGTH) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bytes[offset + i];
        }
        int mask = table.length - 1;
        for (int i = SymbolHash.spread(h) & mask; ; i = (i + 1) & mask) {
            String cached = table[i];
            if (cached == null) {
                String s = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
                if (size < MAX_SYMBOLS) {
                    table[i] = s;
                    hashes[i] = h;
                    if (2 * ++size > table.length) {
                        grow();
                    }
                }
                return s;
            }
            if (hashes[i] == h && same(cached, bytes, offset, length)) {
                return cached;
            }
        }
    }

    private void grow() {
        String[] oldTable = table;
        int[] oldHashes = hashes;
        table = new String[2 * oldTable.length];
        hashes = new int[2 * oldTable.length];
        int mask = table.length - 1;
        for (int j = 0; j < oldTable.length; j++) {
            if (oldTable[j] != null) {
                int i = SymbolHash.spread(oldHashes[j]) & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = oldTable[j];
                hashes[i] = oldHashes[j];
            }
        }
    }

    private static boolean same(String s, byte[] bytes, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != (bytes[offset + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
