package com.supercandles.candle;

import com.supercandles.event.MarketEvent;
import com.supercandles.instrument.Instruments;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a window's events into a {@link SuperCandleAccumulator}, one event at a time. */
public class SuperCandleAggregate
        implements AggregateFunction<MarketEvent, SuperCandleAccumulator, SuperCandleAccumulator> {
    private static final long serialVersionUID = 1L;

    private final Instruments instruments;

    public SuperCandleAggregate(Instruments instruments) {
        this.instruments = instruments;
    }

    @Override
    public SuperCandleAccumulator createAccumulator() {
        return new SuperCandleAccumulator();
    }

    @Override
    public SuperCandleAccumulator add(MarketEvent event, SuperCandleAccumulator acc) {
        acc.add(event, instruments.get(event.symbol));
        return acc;
    }

    @Override
    public SuperCandleAccumulator getResult(SuperCandleAccumulator acc) {
        return acc;
    }

    @Override
    public SuperCandleAccumulator merge(SuperCandleAccumulator a, SuperCandleAccumulator b) {
        a.merge(b);
        return a;
    }
}
