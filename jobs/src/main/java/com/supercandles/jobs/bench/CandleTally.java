package com.supercandles.jobs.bench;

import com.supercandles.candle.SuperCandle;

/**
 * What a run produced, reduced to figures that two ways of computing the same candles must agree
 * on: how many candles, and how many trades, puts, cancels and snapshots they counted in all.
 */
public final class CandleTally {
    public long candles;
    public long trades;
    public long puts;
    public long cancels;
    public long snapshots;
    /** Sum of every candle's traded value, compared with a relative tolerance. */
    public double tradedValue;

    public synchronized void add(SuperCandle c) {
        candles++;
        trades += c.trades.count;
        puts += c.puts.count;
        cancels += c.cancels.count;
        snapshots += c.bookSnapshots;
        tradedValue += c.trades.val;
    }

    /** Null when equal; otherwise what differs. */
    public String difference(CandleTally other) {
        StringBuilder diff = new StringBuilder();
        compare(diff, "candles", candles, other.candles);
        compare(diff, "trades", trades, other.trades);
        compare(diff, "puts", puts, other.puts);
        compare(diff, "cancels", cancels, other.cancels);
        compare(diff, "snapshots", snapshots, other.snapshots);
        double scale = Math.max(Math.abs(tradedValue), Math.abs(other.tradedValue));
        if (Math.abs(tradedValue - other.tradedValue) > 1e-9 * Math.max(scale, 1)) {
            diff.append(" traded value ").append(tradedValue).append(" vs ").append(other.tradedValue);
        }
        return diff.length() == 0 ? null : diff.toString().trim();
    }

    private static void compare(StringBuilder diff, String what, long a, long b) {
        if (a != b) {
            diff.append(' ').append(what).append(' ').append(a).append(" vs ").append(b);
        }
    }
}
