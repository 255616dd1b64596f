package com.supercandles.event;

/** The slot of a symbol in the job's own open-addressing tables. */
public final class SymbolHash {
    private SymbolHash() {}

    /**
     * Spreads a symbol's hash over the bits a power-of-two table uses: a String's polynomial hash
     * differs only in its low bits between symbols that differ in their last characters (SIM0000 ...
     * SIM9999, a venue's numbered contracts), which would crowd a few slots.
     */
    public static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        return h ^ (h >>> 13);
    }
}
