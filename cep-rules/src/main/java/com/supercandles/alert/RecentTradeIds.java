package com.supercandles.alert;

/**
 * One symbol's last trade ids, a fixed-size ring (the oldest leaves when a new one comes) with a hash
 * index beside it (a trade costs one lookup, not a scan of the ring), and the duplicate rule's switch. A Flink POJO, in operator state at checkpoints.
 */
public class RecentTradeIds {
    public String symbol;
    public String[] ids;
    public int next;
    public AlertSwitch duplicates = new AlertSwitch();
    /** The ids of the ring, for a lookup per trade; rebuilt from the ring after a restore (not state). */
    private transient java.util.Set<String> index;

    public RecentTradeIds() {}

    RecentTradeIds(String symbol, int depth) {
        this.symbol = symbol;
        this.ids = new String[depth];
    }

    /** Whether {@code id} is among the remembered ones; if not, it is remembered (the oldest forgotten). */
    boolean seen(String id) {
        if (index == null) {
            index = new java.util.HashSet<>(ids.length * 2);
            for (String s : ids) {
                if (s != null) {
                    index.add(s);
                }
            }
        }
        if (index.contains(id)) {
            return true;
        }
        if (ids[next] != null) {
            index.remove(ids[next]);
        }
        ids[next] = id;
        index.add(id);
        next = (next + 1) % ids.length;
        return false;
    }
}
