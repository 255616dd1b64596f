package com.supercandles.signal;

import com.supercandles.candle.BookMetric;
import com.supercandles.candle.SuperCandle;

/**
 * What the paper strategies read of one candle: its window, close, buy/sell imbalance, book levels
 * and cancellations. A bar comes from a live candle, a candle file or an AlgoPack export, so that
 * the same operators run on all three. NaN is "null" (no data), as in {@link SuperCandle}.
 */
public class SignalBar {
    public String symbol;
    public String period;
    public long windowStart;
    public long windowEnd;
    /** {@code pr_close}: NaN when the window had no trade. */
    public double close = Double.NaN;
    public double disb = Double.NaN;
    public double levelsB = Double.NaN;
    public double levelsS = Double.NaN;
    public long cancelOrdersB;
    public long cancelOrdersS;

    public SignalBar() {}

    public static SignalBar of(SuperCandle c) {
        SignalBar b = new SignalBar();
        b.symbol = c.symbol;
        b.period = c.period;
        b.windowStart = c.windowStart;
        b.windowEnd = c.windowEnd;
        b.close = c.prClose;
        b.disb = c.disb;
        b.levelsB = c.book(BookMetric.LEVELS_B);
        b.levelsS = c.book(BookMetric.LEVELS_S);
        b.cancelOrdersB = c.cancels.countB;
        b.cancelOrdersS = c.cancels.countS;
        return b;
    }

    /** Whether the bar's own close is defined: a position may change only on such a bar. */
    public boolean hasClose() {
        return !Double.isNaN(close);
    }

    /** {@code L_t}: +1 when {@code levels_b > levels_s}, -1 when less, 0 when equal; NaN when either is null. */
    public double levelsSign() {
        if (Double.isNaN(levelsB) || Double.isNaN(levelsS)) {
            return Double.NaN;
        }
        return Double.compare(levelsB, levelsS) == 0 ? 0 : (levelsB > levelsS ? 1 : -1);
    }
}
