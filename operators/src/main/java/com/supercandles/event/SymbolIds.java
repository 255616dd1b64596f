package com.supercandles.event;

import java.util.Arrays;

/**
 * Dense ids for symbols, 0, 1, 2, ... in the order they were first seen, in a small open-addressing
 * table (linear probing, at most half full) that stays in the cache. Operators that keep figures per
 * symbol keep them in flat arrays at these ids: an event then costs the misses on its own symbol's
 * figures only, not also those of a map's entry and of the objects it points to, each waiting on the
 * one before. Symbols are never removed.
 */
public final class SymbolIds {
    private String[] keys;
    private int[] ids;
    private String[] symbols;
    private int size;

    public SymbolIds(int initialSymbols) {
        int n = Integer.highestOneBit(Math.max(initialSymbols, 16) - 1) << 1;
        keys = new String[2 * n];
        ids = new int[2 * n];
        symbols = new String[n];
    }

    /** The id of {@code symbol}; -1 if it has none yet. */
    public int find(String symbol) {
        int mask = keys.length - 1;
        for (int i = SymbolHash.spread(symbol.hashCode()) & mask; ; i = (i + 1) & mask) {
            String k = keys[i];
            if (k == symbol || (k != null && k.equals(symbol))) {
                return ids[i];
            }
            if (k == null) {
                return -1;
            }
        }
    }

    /** Gives {@code symbol}, which must have no id yet, the next one ({@link #size()} before the call). */
    public int add(String symbol) {
        int id = size++;
        if (id == symbols.length) {
            symbols = Arrays.copyOf(symbols, 2 * symbols.length);
            keys = new String[2 * symbols.length];
            ids = new int[2 * symbols.length];
            for (int old = 0; old < id; old++) {
                put(symbols[old], old);
            }
        }
        symbols[id] = symbol;
        put(symbol, id);
        return id;
    }

    private void put(String symbol, int id) {
        int mask = keys.length - 1;
        int i = SymbolHash.spread(symbol.hashCode()) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = symbol;
        ids[i] = id;
    }

    /** How many symbols have ids. */
    public int size() {
        return size;
    }

    /** The symbol of id {@code id}. */
    public String symbol(int id) {
        return symbols[id];
    }

    /** How many symbols fit before the ids' arrays grow: per-symbol arrays sized by it need not grow before. */
    public int capacity() {
        return symbols.length;
    }
}
