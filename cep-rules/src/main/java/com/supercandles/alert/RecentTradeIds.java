package com.supercandles.alert;

/**
 * One symbol's last trade ids, a fixed-size ring (the oldest leaves when a new one comes), and the
 * duplicate rule's switch. A Flink POJO, in operator state at checkpoints.
 */
public class RecentTradeIds {
    public String symbol;
    public String[] ids;
    public int next;
    public AlertSwitch duplicates = new AlertSwitch();

    public RecentTradeIds() {}

    RecentTradeIds(String symbol, int depth) {
        this.symbol = symbol;
        this.ids = new String[depth];
    }

    /** Whether {@code id} is among the remembered ones; if not, it is remembered. */
    boolean seen(String id) {
        for (String s : ids) {
            if (id.equals(s)) {
                return true;
            }
        }
        ids[next] = id;
        next = (next + 1) % ids.length;
        return false;
    }
}
