package com.supercandles.candle;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import com.supercandles.event.MarketEvent;
import com.supercandles.instrument.InstrumentSpec;

/**
 * Everything a SuperCandle needs from one window's events, in constant space: sums per side, the
 * open/close/high/low, Welford's running mean and squared deviations of trade prices, and the book
 * metric sums. Mergeable, so that partial windows combine exactly.
 */
@TypeInfo(SuperCandleAccumulatorSerializer.Factory.class)
public class SuperCandleAccumulator {
    public SidedFlow trades = new SidedFlow();
    public SidedFlow puts = new SidedFlow();
    public SidedFlow cancels = new SidedFlow();
    public BookStats book = new BookStats();

    public long openTs = Long.MAX_VALUE;
    public double open = Double.NaN;
    public long closeTs = Long.MIN_VALUE;
    public double close = Double.NaN;
    public double high = Double.NEGATIVE_INFINITY;
    public double low = Double.POSITIVE_INFINITY;
    /** Welford's running mean of trade prices (one value per trade). */
    public double priceMean;
    /** Welford's sum of squared deviations from {@link #priceMean}. */
    public double priceM2;
    /** {@link OrdersSource}'s bits of the order events seen: which kinds of order log they came from. */
    public int ordersSources;

    public SuperCandleAccumulator() {}

    /** Back to an accumulator of no events (as new), for reuse. */
    public void clear() {
        trades.clear();
        puts.clear();
        cancels.clear();
        book.clear();
        openTs = Long.MAX_VALUE;
        open = Double.NaN;
        closeTs = Long.MIN_VALUE;
        close = Double.NaN;
        high = Double.NEGATIVE_INFINITY;
        low = Double.POSITIVE_INFINITY;
        priceMean = 0;
        priceM2 = 0;
        ordersSources = 0;
    }

    public void add(MarketEvent e, InstrumentSpec spec) {
        switch (e.type) {
            case TRADE:
                addTrade(e, spec.lotSize());
                break;
            case ORDER:
                ordersSources |= e.derived ? OrdersSource.DERIVED_BIT : OrdersSource.LOG_BIT;
                switch (e.action) {
                    case PUT:
                        puts.add(e.side, e.price, e.qty, spec.lotSize());
                        break;
                    case CANCEL:
                        cancels.add(e.side, e.price, e.qty, spec.lotSize());
                        break;
                }
                break;
            case BOOK:
                book.add(e, spec);
                break;
        }
    }

    private void addTrade(MarketEvent e, double lot) {
        trades.add(e.side, e.price, e.qty, lot);
        double p = e.price;
        // Ties in ts keep arrival order: the first of them opens, the last closes.
        if (e.ts < openTs) {
            openTs = e.ts;
            open = p;
        }
        if (e.ts >= closeTs) {
            closeTs = e.ts;
            close = p;
        }
        high = Math.max(high, p);
        low = Math.min(low, p);
        long n = trades.count();
        double delta = p - priceMean;
        priceMean += delta / n;
        priceM2 += delta * (p - priceMean);
    }

    /** Adds {@code later}'s events as if they had arrived after this accumulator's own. */
    public void merge(SuperCandleAccumulator later) {
        long n1 = trades.count();
        long n2 = later.trades.count();
        if (n1 == 0 && n2 > 0) {
            // Taken over as they are: the general formulas below would round them.
            priceMean = later.priceMean;
            priceM2 = later.priceM2;
            openTs = later.openTs;
            open = later.open;
            closeTs = later.closeTs;
            close = later.close;
            high = later.high;
            low = later.low;
        } else if (n2 > 0) {
            long n = n1 + n2;
            double delta = later.priceMean - priceMean;
            priceM2 += later.priceM2 + delta * delta * ((double) n1 * n2 / n);
            priceMean += delta * n2 / n;
            if (later.openTs < openTs) {
                openTs = later.openTs;
                open = later.open;
            }
            if (later.closeTs >= closeTs) {
                closeTs = later.closeTs;
                close = later.close;
            }
            high = Math.max(high, later.high);
            low = Math.min(low, later.low);
        }
        trades.merge(later.trades);
        puts.merge(later.puts);
        cancels.merge(later.cancels);
        book.merge(later.book);
        ordersSources |= later.ordersSources;
    }

    public SuperCandle toCandle(String symbol, Period period, long windowStart, InstrumentSpec spec) {
        double lot = spec.lotSize();
        SuperCandle c = new SuperCandle();
        c.symbol = symbol;
        c.period = period.toString();
        c.windowStart = windowStart;
        c.windowEnd = windowStart + period.millis();
        c.trades = trades.figures(lot);
        c.puts = puts.figures(lot);
        c.cancels = cancels.figures(lot);
        long n = c.trades.count;
        if (n > 0) {
            c.prOpen = open;
            c.prClose = close;
            c.prHigh = high;
            c.prLow = low;
            c.prChange = 100 * (close - open) / open;
            c.prStd = Math.sqrt(Math.max(priceM2, 0) / n) / c.trades.vwap;
            c.disb = (c.trades.volB - c.trades.volS) / c.trades.vol;
        } else {
            c.prOpen = c.prClose = c.prHigh = c.prLow = c.prChange = c.prStd = c.disb = Double.NaN;
        }
        c.bookSnapshots = book.snapshots;
        c.book = book.means();
        c.ordersSource = OrdersSource.of(ordersSources, puts.count() + cancels.count());
        return c;
    }
}
