package com.supercandles.alert;

import com.supercandles.event.EventId;

/**
 * The duplicate filter's memory of one symbol in checkpoints of earlier releases: its last trade ids
 * as text, in a ring. Read once at a restore and converted to keys ({@link RecentTradeKeys}); never
 * written. A Flink POJO: its fields must stay as they are for those checkpoints to be read.
 */
public class RecentTradeIds {
    public String symbol;
    public String[] ids;
    public int next;
    public AlertSwitch duplicates = new AlertSwitch();

    public RecentTradeIds() {}

    /** The remembered ids' keys, oldest first. */
    long[] keysOldestFirst() {
        long[] keys = new long[ids.length];
        int n = 0;
        for (int k = 0; k < ids.length; k++) {
            String id = ids[(next + k) % ids.length];
            if (id != null) {
                keys[n++] = EventId.key(id);
            }
        }
        return java.util.Arrays.copyOf(keys, n);
    }
}
