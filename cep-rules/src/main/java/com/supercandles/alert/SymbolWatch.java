package com.supercandles.alert;

import java.util.Arrays;

/**
 * What the event watchdog remembers of one symbol: each stream's newest {@code ts}, the last trade price,
 * the mid of the latest book snapshot, order puts and cancels per second of the last minute (event time),
 * and one {@link AlertSwitch} per rule slot. Fixed size: nothing grows with the history. A Flink POJO.
 */
public class SymbolWatch {
    public long[] newestTs;
    public double lastTradePrice = Double.NaN;
    public double mid = Double.NaN;
    /** The newest second (epoch s) with an order; the buckets hold that second and the 59 before it. */
    public long second = Long.MIN_VALUE;
    public long[] puts;
    public long[] cancels;
    public long puts60;
    public long cancels60;
    public AlertSwitch[] switches;
    /** Per stream: events in a row above the latency limit (positive) or below half of it (negative). */
    public int[] latencyRuns;

    public SymbolWatch() {}

    static SymbolWatch create(int streams, int slots) {
        SymbolWatch w = new SymbolWatch();
        w.newestTs = new long[streams];
        Arrays.fill(w.newestTs, Long.MIN_VALUE);
        w.puts = new long[60];
        w.cancels = new long[60];
        w.latencyRuns = new int[streams];
        w.switches = new AlertSwitch[slots];
        for (int i = 0; i < slots; i++) {
            w.switches[i] = new AlertSwitch();
        }
        return w;
    }

    /** Counts an order of second {@code s}; false when it is more than a minute behind the newest (not counted). */
    boolean countOrder(long s, boolean put) {
        if (second == Long.MIN_VALUE) {
            second = s;
        }
        if (s > second) {
            for (long t = second + 1; t <= s && t <= second + 60; t++) {
                int i = (int) Math.floorMod(t, 60L);
                puts60 -= puts[i];
                cancels60 -= cancels[i];
                puts[i] = 0;
                cancels[i] = 0;
            }
            second = s;
        } else if (second - s >= 60) {
            return false;
        }
        int i = (int) Math.floorMod(s, 60L);
        if (put) {
            puts[i]++;
            puts60++;
        } else {
            cancels[i]++;
            cancels60++;
        }
        return true;
    }

    /** Puts (or cancels) in the last {@code seconds} seconds up to the newest. */
    long recent(boolean put, int seconds) {
        if (seconds >= 60) {
            return put ? puts60 : cancels60;
        }
        long sum = 0;
        for (int k = 0; k < seconds; k++) {
            int i = (int) Math.floorMod(second - k, 60L);
            sum += put ? puts[i] : cancels[i];
        }
        return sum;
    }
}
