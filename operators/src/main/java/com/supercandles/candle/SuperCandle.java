package com.supercandles.candle;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.time.Instant;

/**
 * One SuperCandle: trade, order-log and order-book statistics of one symbol over one event-time
 * window {@code [windowStart, windowEnd)}. Field meanings are those of {@code supercandles.md};
 * {@link SuperCandleFields} maps them to the contract's names.
 *
 * <p>A value with no data ("null" in the contract) is held as NaN, so a comparison such as
 * {@code disb > 0.5} is simply false for it; writers turn NaN into JSON null / SQL NULL.
 */
@TypeInfo(SuperCandleSerializer.Factory.class)
public class SuperCandle {
    public String symbol;
    public String period;
    public long windowStart;
    public long windowEnd;

    public FlowFigures trades;
    public double prOpen;
    public double prClose;
    public double prHigh;
    public double prLow;
    public double prChange;
    public double prStd;
    public double disb;

    public FlowFigures puts;
    public FlowFigures cancels;

    public long bookSnapshots;
    /** Window averages indexed by {@link BookMetric#ordinal()}. */
    public double[] book;

    /**
     * extended.md "Provenance": true when the window overlaps a recorded feed gap of its symbol. Set after
     * the window closes (the gap records are not events), by {@code FeedGapMarks}.
     */
    public boolean gap;
    /** {@link OrdersSource#LOG}, {@link OrdersSource#DERIVED}, or null in a window without order events. */
    public String ordersSource;

    public SuperCandle() {}

    public double book(BookMetric metric) {
        return book[metric.ordinal()];
    }

    @Override
    public String toString() {
        return String.format("%s %s [%s, %s) trades=%d vwap=%s disb=%s puts=%d cancels=%d snapshots=%d spread_bbo=%s",
                symbol, period, Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(windowEnd),
                trades.count, shown(trades.vwap), shown(disb), puts.count, cancels.count, bookSnapshots,
                shown(book(BookMetric.SPREAD_BBO)));
    }

    private static String shown(double v) {
        return Double.isNaN(v) ? "null" : String.format("%.4f", v);
    }
}
