package com.supercandles.candle;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Merges a window's partials, in arrival order, into its accumulator. Each partial is one source
 * subtask's events in order, so for a single subtask per stream the result equals folding the events
 * one at a time, to the bit.
 */
public class PartialCandleAggregate
        implements AggregateFunction<CandlePartial, SuperCandleAccumulator, SuperCandleAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public SuperCandleAccumulator createAccumulator() {
        return new SuperCandleAccumulator();
    }

    @Override
    public SuperCandleAccumulator add(CandlePartial partial, SuperCandleAccumulator acc) {
        acc.merge(partial.accumulator);
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
