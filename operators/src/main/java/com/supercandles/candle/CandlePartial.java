package com.supercandles.candle;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import com.supercandles.event.MarketEvent;

/**
 * Part of one window's candle, computed before the shuffle by symbol: the accumulator of some of the
 * window's events from one source subtask. A partial of a single event that came after its window
 * had been handed on carries the event, so that the window operator can still judge it late and
 * dead-letter it with its payload.
 */
@TypeInfo(CandlePartialSerializer.Factory.class)
public class CandlePartial {
    public String symbol;
    public long windowStart;
    public SuperCandleAccumulator accumulator;
    /** The event itself when this partial holds exactly one late-arriving event; otherwise null. */
    public MarketEvent lateEvent;

    public CandlePartial() {}

    CandlePartial(String symbol, long windowStart, SuperCandleAccumulator accumulator, MarketEvent lateEvent) {
        this.symbol = symbol;
        this.windowStart = windowStart;
        this.accumulator = accumulator;
        this.lateEvent = lateEvent;
    }

    /** How many events this partial holds. */
    public long events() {
        return accumulator.trades.count() + accumulator.puts.count() + accumulator.cancels.count()
                + accumulator.book.snapshots;
    }
}
