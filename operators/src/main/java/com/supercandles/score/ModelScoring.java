package com.supercandles.score;

import com.supercandles.candle.SuperCandle;
import com.supercandles.event.PipelineCounters;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The model score live, keyed by symbol, on the close of each candle of the model's period (window
 * order: one window-operator subtask emits a symbol's candles): the features from keyed state (a
 * bounded window of past candles, {@link CandleFeatures}), both classifiers, the band, the phase error.
 * The trainer runs the same {@link ScoringState} over candle files, so the scores are the same bits.
 */
public class ModelScoring extends KeyedProcessFunction<String, SuperCandle, ScoreRecord> {
    private static final long serialVersionUID = 1L;

    private final ScoreModel model;
    private transient LongCounter records;
    private transient ValueState<ScoringState> state;

    public ModelScoring(ScoreModel model) {
        this.model = model.check();
    }

    @Override
    public void open(OpenContext openContext) {
        records = getRuntimeContext().getLongCounter(PipelineCounters.SCORE_RECORDS);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("model-score",
                TypeInformation.of(ScoringState.class)));
    }

    @Override
    public void processElement(SuperCandle candle, Context ctx, Collector<ScoreRecord> out) throws Exception {
        if (!model.period.equals(candle.period)) {
            return;
        }
        ScoringState s = state.value();
        if (s == null) {
            s = new ScoringState();
        }
        ScoreRecord r = new ScoreRecord();
        if (s.score(ModelBar.of(candle), model, r)) {
            out.collect(r);
            records.add(1L);
        }
        state.update(s);
    }
}
