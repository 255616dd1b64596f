package com.supercandles.alert;


import com.supercandles.event.SymbolIds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Each symbol's last {@code depth} trade keys ({@link com.supercandles.event.EventId}: the trade id as a
 * number, or a 64-bit hash of its text), for the duplicate check: a ring per symbol (the oldest leaves
 * when a new one comes) in flat primitive arrays at the symbol's id ({@link SymbolIds}): nothing is
 * allocated per trade, and the garbage collector has no objects to trace or old-to-young references to
 * refine (the String ids in a HashSet per symbol cost a third of the trade chain's CPU in the
 * collector's threads).
 *
 * <p>A venue numbers a symbol's trades in order, so a new trade's key is almost always above every key
 * remembered: then it cannot be among them, and the check reads one small array ({@code newest}, 8
 * bytes a symbol, which stays in the cache) and writes the ring, without waiting on a miss of the
 * symbol's memory. A key at or below the newest is looked for: by a scan of the ring, until a symbol
 * has needed {@link #INDEX_AFTER} such looks (text ids, hashed, are in no order); from then on in an
 * open-addressing table over its ring (linear probing, at most about half full, deletion by backward
 * shift), kept up to date with every trade.
 *
 * <p>Memory: 8 bytes a key, about 0.8 KB a symbol at the default depth of 100, and 2 bytes a table
 * slot for symbols with an index (0.5 KB).
 */
final class RecentTradeKeys {
    /** Ring positions are stored plus one in 16-bit slots (0: empty). */
    static final int MAX_DEPTH = 65_535;
    private static final int INITIAL_SYMBOLS = 1024;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    /** Looks for a key at or below the newest that a symbol may make by scanning before it gets a table. */
    static final int INDEX_AFTER = 8;

    private final int depth;
    private final int tableBits;
    private final int tableSize;
    private final SymbolIds symbols = new SymbolIds(INITIAL_SYMBOLS);
    private int capacity = INITIAL_SYMBOLS;
    /** Per symbol, {@code depth} keys in arrival order from {@code next} (once the ring is full). */
    private long[] ring;
    /** Per symbol, the largest key ever remembered (Long.MIN_VALUE before the first). */
    private long[] newest;
    /** Per symbol, how many keys at or below the newest it has looked for by a scan. */
    private int[] scans;
    /** Per symbol, null or {@code tableSize} slots: a ring position plus one, or 0. */
    private char[][] tables;
    private int[] next;
    private int[] filled;
    /** The duplicate rule's switch per symbol ({@link AlertSwitch}'s two facts). */
    private boolean[] firing;
    private long[] lastFiring;

    RecentTradeKeys(int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the duplicate filter remembers 1 to " + MAX_DEPTH
                    + " trades per symbol, not " + depth);
        }
        this.depth = depth;
        this.tableBits = 32 - Integer.numberOfLeadingZeros(2 * depth - 1);
        this.tableSize = 1 << tableBits;
        ring = new long[capacity * depth];
        newest = new long[capacity];
        Arrays.fill(newest, Long.MIN_VALUE);
        scans = new int[capacity];
        tables = new char[capacity][];
        next = new int[capacity];
        filled = new int[capacity];
        firing = new boolean[capacity];
        lastFiring = new long[capacity];
        Arrays.fill(lastFiring, Long.MIN_VALUE);
    }

    /** The id of {@code symbol}, added with nothing remembered if it is new. */
    int idOf(String symbol) {
        int id = symbols.find(symbol);
        if (id >= 0) {
            return id;
        }
        id = symbols.add(symbol);
        if (symbols.capacity() > capacity) {
            int old = capacity;
            capacity = symbols.capacity();
            ring = Arrays.copyOf(ring, capacity * depth);
            newest = Arrays.copyOf(newest, capacity);
            Arrays.fill(newest, old, capacity, Long.MIN_VALUE);
            scans = Arrays.copyOf(scans, capacity);
            tables = Arrays.copyOf(tables, capacity);
            next = Arrays.copyOf(next, capacity);
            filled = Arrays.copyOf(filled, capacity);
            firing = Arrays.copyOf(firing, capacity);
            lastFiring = Arrays.copyOf(lastFiring, capacity);
            Arrays.fill(lastFiring, old, capacity, Long.MIN_VALUE);
        }
        return id;
    }

    /** Whether {@code key} is among the symbol's remembered ones; if not, it is remembered (the oldest forgotten). */
    boolean seen(int id, long key) {
        int ringBase = id * depth;
        char[] table = tables[id];
        if (key <= newest[id]) {
            if (table != null ? indexed(table, ringBase, key) : scanned(id, ringBase, key)) {
                return true;
            }
            table = tables[id];
        }
        int at = next[id];
        if (filled[id] == depth) {
            if (table != null) {
                remove(table, ringBase, at);
            }
        } else {
            filled[id]++;
        }
        ring[ringBase + at] = key;
        if (table != null) {
            insert(table, key, at);
        }
        next[id] = at + 1 == depth ? 0 : at + 1;
        if (key > newest[id]) {
            newest[id] = key;
        }
        return false;
    }

    private boolean indexed(char[] table, int ringBase, long key) {
        int mask = tableSize - 1;
        for (int i = home(key); ; i = (i + 1) & mask) {
            char slot = table[i];
            if (slot == 0) {
                return false;
            }
            if (ring[ringBase + slot - 1] == key) {
                return true;
            }
        }
    }

    /** A scan of the symbol's ring; the symbol gets its table once it has needed {@link #INDEX_AFTER}. */
    private boolean scanned(int id, int ringBase, long key) {
        int n = filled[id];
        for (int k = ringBase; k < ringBase + n; k++) {
            if (ring[k] == key) {
                return true;
            }
        }
        if (++scans[id] >= INDEX_AFTER) {
            char[] table = new char[tableSize];
            for (int at = 0; at < n; at++) {
                insert(table, ring[ringBase + at], at);
            }
            tables[id] = table;
        }
        return false;
    }

    private void insert(char[] table, long key, int at) {
        int mask = tableSize - 1;
        int i = home(key);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = (char) (at + 1);
    }

    /** Removes ring position {@code at}'s key from the table, shifting back the keys probed past it. */
    private void remove(char[] table, int ringBase, int at) {
        int mask = tableSize - 1;
        int hole = home(ring[ringBase + at]);
        while (table[hole] != at + 1) {
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = home(ring[ringBase + table[j] - 1]);
            // the key at j may fill the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }

    private int home(long key) {
        return (int) ((key * GOLDEN) >>> (64 - tableBits));
    }

    /** The duplicate rule's change at {@code ts} for the symbol: {@link Alert#FIRING}, {@link Alert#RESOLVED} or null. */
    String update(int id, boolean duplicate, long ts, long cooldownMs) {
        String change = AlertSwitch.next(firing[id], lastFiring[id], duplicate, ts, cooldownMs);
        if (change != null) {
            firing[id] = duplicate;
            if (duplicate) {
                lastFiring[id] = ts;
            }
        }
        return change;
    }

    /** The symbol of id {@code id}. */
    String symbol(int id) {
        return symbols.symbol(id);
    }

    /** How many symbols have ids (0 to size - 1). */
    int size() {
        return symbols.size();
    }

    /** Every symbol's keys and switch, in their checkpoint form. */
    List<TradeKeysEntry> checkpoint() {
        List<TradeKeysEntry> all = new ArrayList<>(symbols.size());
        for (int id = 0; id < symbols.size(); id++) {
            all.add(entry(id));
        }
        return all;
    }

    /** A symbol's keys (oldest first) and switch, in their checkpoint form. */
    TradeKeysEntry entry(int id) {
        TradeKeysEntry e = new TradeKeysEntry();
        e.symbol = symbols.symbol(id);
        int n = filled[id];
        e.keys = new long[n];
        int from = n == depth ? next[id] : 0;
        for (int k = 0; k < n; k++) {
            e.keys[k] = ring[id * depth + (from + k) % depth];
        }
        e.firing = firing[id];
        e.lastFiring = lastFiring[id];
        return e;
    }

    /**
     * Takes a symbol's keys (oldest first; the newest {@code depth} are kept) and switch from a
     * checkpoint; returns its id.
     */
    int restore(String symbol, long[] keys, boolean isFiring, long firedAt) {
        int id = idOf(symbol);
        for (int k = Math.max(0, keys.length - depth); k < keys.length; k++) {
            seen(id, keys[k]);
        }
        firing[id] = isFiring;
        lastFiring[id] = firedAt;
        return id;
    }
}
