package com.supercandles.signal;

import com.supercandles.candle.Period;
import com.supercandles.event.PipelineCounters;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The paper strategies, keyed by (symbol, period): each candle of a signal period, in window order,
 * steps every configured strategy and emits one {@link SignalRecord} per strategy. The state of a key
 * ({@link SignalState}) is keyed state, so after a restore the equity curves continue exactly.
 */
public class SignalFunction extends KeyedProcessFunction<String, SignalBar, SignalRecord> {
    private static final long serialVersionUID = 1L;

    private final SignalSettings settings;
    private transient PositionRule[] rules;
    private transient ValueState<SignalState> state;
    private transient Counter recordsMetric;
    private transient LongCounter recordsTotal;

    public SignalFunction(SignalSettings settings) {
        this.settings = settings;
    }

    /** The key of a bar: its symbol and period. */
    public static String key(SignalBar bar) {
        return bar.symbol + '|' + bar.period;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new PositionRule[settings.strategies.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = settings.strategies.get(i).rule(settings);
        }
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("paper-strategies", TypeInformation.of(SignalState.class)));
        recordsMetric = getRuntimeContext().getMetricGroup().counter(PipelineCounters.SIGNAL_RECORDS);
        recordsTotal = getRuntimeContext().getLongCounter(PipelineCounters.SIGNAL_RECORDS);
    }

    @Override
    public void processElement(SignalBar bar, Context ctx, Collector<SignalRecord> out) throws Exception {
        SignalState s = state.value();
        if (s == null) {
            s = SignalState.create(settings);
        }
        for (SignalRecord r : s.onBar(bar, settings, rules, Period.parse(bar.period))) {
            out.collect(r);
            recordsMetric.inc();
            recordsTotal.add(1L);
        }
        state.update(s);
    }
}
