package com.supercandles.alert;

import java.util.Arrays;

/**
 * What the event watchdog remembers of one symbol, in the form a checkpoint writes (a Flink POJO): each
 * stream's newest {@code ts}, the last trade price, the mid of the latest book snapshot, order puts and
 * cancels per second of the last minute (event time), the rule slots that are FIRING and when each last
 * fired, each stream's latency run. While the job runs these figures live in {@link SymbolWatches}'
 * flat arrays (see {@link WatchedSymbol}); this form is only built at checkpoints and read at restores,
 * and keeps the layout of the checkpoints written before.
 */
public class SymbolWatch {
    public long[] newestTs;
    public double lastTradePrice = Double.NaN;
    public double mid = Double.NaN;
    /** The newest second (epoch s) with an order; the counts hold that second and the 59 before it. */
    public long second = Long.MIN_VALUE;
    /**
     * Per second of the minute {@code i = second mod 60}: puts at {@code 2i}, cancels at {@code 2i + 1};
     * null until the symbol's first order.
     */
    public int[] orders;
    public long puts60;
    public long cancels60;
    /** Bit {@code slot}: that rule slot is FIRING. */
    public long firing;
    /** Per rule slot: the event time of its last FIRING, Long.MIN_VALUE before the first. */
    public long[] lastFiring;
    /** Per stream: events in a row above the latency limit (positive) or below half of it (negative). */
    public int[] latencyRuns;

    public SymbolWatch() {}

    static SymbolWatch create(int streams, int slots) {
        SymbolWatch w = new SymbolWatch();
        w.newestTs = new long[streams];
        Arrays.fill(w.newestTs, Long.MIN_VALUE);
        w.latencyRuns = new int[streams];
        w.lastFiring = new long[slots];
        Arrays.fill(w.lastFiring, Long.MIN_VALUE);
        return w;
    }
}
