package com.supercandles.alert;

import java.util.Arrays;

/**
 * What the event watchdog remembers of one symbol: each stream's newest {@code ts}, the last trade price,
 * the mid of the latest book snapshot, order puts and cancels per second of the last minute (event time),
 * and per rule slot whether it fires and when it last fired. Fixed size: nothing grows with the history.
 * A Flink POJO.
 *
 * <p>Packed for the cache: the watchdog judges every event against one of thousands of these, so an
 * event should touch few memory lines. The rules' switches are one bit mask (read per event) and an
 * array of last firing times (read only when a rule would fire); puts and cancels share one int array,
 * a second's two counts side by side.
 */
public class SymbolWatch {
    public long[] newestTs;
    public double lastTradePrice = Double.NaN;
    public double mid = Double.NaN;
    /** The newest second (epoch s) with an order; the buckets hold that second and the 59 before it. */
    public long second = Long.MIN_VALUE;
    /**
     * Per second of the minute {@code i = second mod 60}: puts at {@code 2i}, cancels at {@code 2i + 1};
     * null until the symbol's first order (the trade and book watchdogs never need it).
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

    boolean firing(int slot) {
        return (firing >>> slot & 1L) != 0;
    }

    /**
     * Feeds a rule slot's condition at {@code eventTime} (see {@link AlertSwitch#next}); returns
     * {@link Alert#FIRING}, {@link Alert#RESOLVED} or null.
     */
    String change(int slot, boolean condition, long eventTime, long cooldownMs) {
        if (condition == firing(slot)) {
            return null; // the usual case: the mask alone decides
        }
        String change = AlertSwitch.next(!condition, lastFiring[slot], condition, eventTime, cooldownMs);
        if (change != null) {
            firing ^= 1L << slot;
            if (condition) {
                lastFiring[slot] = eventTime;
            }
        }
        return change;
    }

    /** Counts an order of second {@code s}; false when it is more than a minute behind the newest (not counted). */
    boolean countOrder(long s, boolean put) {
        if (second == Long.MIN_VALUE) {
            second = s;
            orders = new int[120];
        }
        if (s > second) {
            for (long t = second + 1; t <= s && t <= second + 60; t++) {
                int i = 2 * (int) Math.floorMod(t, 60L);
                puts60 -= orders[i];
                cancels60 -= orders[i + 1];
                orders[i] = 0;
                orders[i + 1] = 0;
            }
            second = s;
        } else if (second - s >= 60) {
            return false;
        }
        int i = 2 * (int) Math.floorMod(s, 60L);
        if (put) {
            orders[i]++;
            puts60++;
        } else {
            orders[i + 1]++;
            cancels60++;
        }
        return true;
    }

    /** Puts (or cancels) in the last {@code seconds} seconds up to the newest. */
    long recent(boolean put, int seconds) {
        if (seconds >= 60 || orders == null) {
            return put ? puts60 : cancels60;
        }
        long sum = 0;
        int i = (int) Math.floorMod(second, 60L);
        for (int k = 0; k < seconds; k++) {
            sum += orders[2 * i + (put ? 0 : 1)];
            i = i == 0 ? 59 : i - 1;
        }
        return sum;
    }
}
