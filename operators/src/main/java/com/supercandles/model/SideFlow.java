package com.supercandles.model;

/**
 * One aggressor side's trades in a time slice (one millisecond, or one bucket): quantity, the first
 * and last trade prices, and, for a bucket, how many same-ts trade groups moved the price 0, 1, 2, 3
 * and 4 or more ticks.
 */
public class SideFlow {
    public long trades;
    public double vol;
    public double first;
    public double last;
    public long[] tickMoves = new long[5];

    public SideFlow() {}

    public boolean isEmpty() {
        return trades == 0;
    }

    /** A trade arriving after the slice's earlier ones (ties in ts keep arrival order). */
    public void addTrade(double price, double qty) {
        if (trades == 0) {
            first = price;
        }
        last = price;
        vol += qty;
        trades++;
    }

    /** Appends a later slice: one millisecond's trade group into its bucket. */
    public void append(SideFlow later, double tickSize) {
        if (later.isEmpty()) {
            return;
        }
        if (trades == 0) {
            first = later.first;
        }
        last = later.last;
        vol += later.vol;
        trades += later.trades;
        long ticks = Math.round(Math.abs(later.last - later.first) / tickSize);
        tickMoves[(int) Math.min(ticks, 4)]++;
    }
}
