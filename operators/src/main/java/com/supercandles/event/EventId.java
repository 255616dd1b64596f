package com.supercandles.event;

/**
 * Trade and order ids as 64-bit keys. Most venues number their trades and orders, so an id that is a
 * plain decimal number (no sign, no leading zero, at most 18 digits) is kept as that number: no
 * String per event, and its key is the number itself, exact. Any other id keeps its text, and its key
 * is a 64-bit hash of the text with the top bit set, so a text key never equals a number's.
 *
 * <p>Two different texts share a key with probability about 2^-63; the duplicate filter compares a
 * trade with its symbol's last hundred, so a new trade is taken for a repeat about once in 10^17.
 */
public final class EventId {
    /** No numeric id (the text holds it, or there is none). */
    public static final long NONE = -1;
    /** The most digits of a number kept as a number: 10^18 - 1 < 2^63. */
    static final int MAX_DIGITS = 18;

    private EventId() {}

    /** {@code text} as a number if it is a plain decimal one; {@link #NONE} otherwise. */
    public static long number(String text) {
        int n = text.length();
        if (n == 0 || n > MAX_DIGITS || (text.charAt(0) == '0' && n > 1)) {
            return NONE;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NONE;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The bytes {@code b[from, from + length)} as a number if they are a plain decimal one; {@link #NONE} otherwise. */
    static long number(byte[] b, int from, int length) {
        if (length == 0 || length > MAX_DIGITS || (b[from] == '0' && length > 1)) {
            return NONE;
        }
        long v = 0;
        for (int i = from; i < from + length; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                return NONE;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The key of the id written {@code id}: its number if it is a plain decimal one, else its text's key. */
    public static long key(String id) {
        long n = number(id);
        return n != NONE ? n : textKey(id);
    }

    /** The key of an id kept as text: a 64-bit hash (FNV-1a, then MurmurHash3's finaliser) with the top bit set. */
    public static long textKey(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h | Long.MIN_VALUE;
    }
}
