package com.supercandles.alert;

import com.supercandles.event.SymbolIds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Each symbol's last {@code depth} trade keys ({@link com.supercandles.event.EventId}: the trade id as a
 * number, or a 64-bit hash of its text), for the duplicate check: a ring per symbol (the oldest leaves
 * when a new one comes) and an open-addressing table over it (linear probing, at most about half full,
 * deletion by backward shift), so a trade costs one probe sequence, not a scan of the ring. Everything
 * lies in flat primitive arrays at the symbol's id ({@link SymbolIds}): nothing is allocated per trade,
 * and the garbage collector has no objects to trace or old-to-young references to refine (the String
 * ids in a HashSet per symbol cost a third of the trade chain's CPU in the collector's threads).
 *
 * <p>Memory: 8 bytes a key and 2 a table slot, about 1.3 KB a symbol at the default depth of 100.
 */
final class RecentTradeKeys {
    /** Ring positions are stored plus one in 16-bit slots (0: empty). */
    static final int MAX_DEPTH = 65_535;
    private static final int INITIAL_SYMBOLS = 1024;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private final int depth;
    private final int tableBits;
    private final int tableSize;
    private final SymbolIds symbols = new SymbolIds(INITIAL_SYMBOLS);
    private int capacity = INITIAL_SYMBOLS;
    /** Per symbol, {@code depth} keys in arrival order from {@code next} (once the ring is full). */
    private long[] ring;
    /** Per symbol, {@code tableSize} slots: a ring position plus one, or 0. */
    private char[] table;
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
        table = new char[capacity * tableSize];
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
            table = Arrays.copyOf(table, capacity * tableSize);
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
        int tableBase = id * tableSize;
        int ringBase = id * depth;
        int mask = tableSize - 1;
        for (int i = home(key); ; i = (i + 1) & mask) {
            char slot = table[tableBase + i];
            if (slot == 0) {
                break;
            }
            if (ring[ringBase + slot - 1] == key) {
                return true;
            }
        }
        int at = next[id];
        if (filled[id] == depth) {
            remove(tableBase, ringBase, at);
        } else {
            filled[id]++;
        }
        ring[ringBase + at] = key;
        int i = home(key);
        while (table[tableBase + i] != 0) {
            i = (i + 1) & mask;
        }
        table[tableBase + i] = (char) (at + 1);
        next[id] = at + 1 == depth ? 0 : at + 1;
        return false;
    }

    /** Removes ring position {@code at}'s key from the table, shifting back the keys probed past it. */
    private void remove(int tableBase, int ringBase, int at) {
        int mask = tableSize - 1;
        int hole = home(ring[ringBase + at]);
        while (table[tableBase + hole] != at + 1) {
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; table[tableBase + j] != 0; j = (j + 1) & mask) {
            int home = home(ring[ringBase + table[tableBase + j] - 1]);
            // the key at j may fill the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                table[tableBase + hole] = table[tableBase + j];
                hole = j;
            }
        }
        table[tableBase + hole] = 0;
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

    /** Every symbol's keys (oldest first) and switch, in their checkpoint form. */
    List<TradeKeysEntry> checkpoint() {
        List<TradeKeysEntry> all = new ArrayList<>(symbols.size());
        for (int id = 0; id < symbols.size(); id++) {
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
            all.add(e);
        }
        return all;
    }

    /** Takes a symbol's keys (oldest first; the newest {@code depth} are kept) and switch from a checkpoint. */
    void restore(String symbol, long[] keys, boolean isFiring, long firedAt) {
        int id = idOf(symbol);
        for (int k = Math.max(0, keys.length - depth); k < keys.length; k++) {
            seen(id, keys[k]);
        }
        firing[id] = isFiring;
        lastFiring[id] = firedAt;
    }
}
