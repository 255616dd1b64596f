package com.supercandles.alert;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One symbol's memory of the duplicate filter in a checkpoint: its last trade keys, oldest first, and
 * the duplicate rule's switch, written by {@link TradeKeysEntrySerializer}.
 */
@TypeInfo(TradeKeysEntrySerializer.Factory.class)
public class TradeKeysEntry {
    public String symbol;
    public long[] keys;
    public boolean firing;
    /** Event time of the last FIRING; Long.MIN_VALUE before the first. */
    public long lastFiring = Long.MIN_VALUE;

    public TradeKeysEntry() {}
}
