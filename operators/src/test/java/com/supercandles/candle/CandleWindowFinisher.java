package com.supercandles.candle;

import com.supercandles.event.PipelineCounters;
import com.supercandles.instrument.Instruments;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a closed window's accumulator into the SuperCandle of its symbol, period and window. */
public class CandleWindowFinisher
        extends ProcessWindowFunction<SuperCandleAccumulator, SuperCandle, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final Period period;
    private final Instruments instruments;
    private transient PipelineCounters.Count candles;

    public CandleWindowFinisher(Period period, Instruments instruments) {
        this.period = period;
        this.instruments = instruments;
    }

    @Override
    public void open(OpenContext openContext) {
        candles = PipelineCounters.register(getRuntimeContext(), PipelineCounters.CANDLES,
                PipelineCounters.CANDLES_METRIC, PipelineCounters.PERIOD, period.toString());
    }

    @Override
    public void process(String symbol, Context context, Iterable<SuperCandleAccumulator> accumulators,
                        Collector<SuperCandle> out) {
        SuperCandleAccumulator acc = accumulators.iterator().next();
        candles.inc();
        out.collect(acc.toCandle(symbol, period, context.window().getStart(), instruments.get(symbol)));
    }
}
