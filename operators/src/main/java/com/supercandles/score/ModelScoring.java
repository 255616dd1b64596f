package com.supercandles.score;

import com.supercandles.candle.SuperCandle;
import com.supercandles.event.PipelineCounters;
import com.supercandles.state.HeapKeyedStates;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The model score live, keyed by symbol, on the close of each candle of the model's period (window
 * order: one window-operator subtask emits a symbol's candles): the features from keyed state (a
 * bounded window of past candles, {@link CandleFeatures}), both classifiers, the band, the phase error.
 * The trainer runs the same {@link ScoringState} over candle files, so the scores are the same bits.
 * The states live on the heap and go to keyed state at checkpoints ({@link HeapKeyedStates}; the same
 * state name and layout as the keyed process function of earlier releases, so their savepoints restore).
 */
public class ModelScoring extends AbstractStreamOperator<ScoreRecord>
        implements OneInputStreamOperator<SuperCandle, ScoreRecord> {
    private static final long serialVersionUID = 1L;

    private final ScoreModel model;
    private transient PipelineCounters.Count records;
    private transient HeapKeyedStates<ScoringState> states;

    public ModelScoring(ScoreModel model) {
        this.model = model.check();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        TypeInformation<ScoringState> type = TypeInformation.of(ScoringState.class);
        states = new HeapKeyedStates<>(getPartitionedState(new ValueStateDescriptor<>("model-score", type)),
                type.createSerializer(getExecutionConfig().getSerializerConfig()));
    }

    @Override
    public void open() throws Exception {
        super.open();
        records = PipelineCounters.total(getRuntimeContext(), PipelineCounters.SCORE_RECORDS);
    }

    @Override
    public void processElement(StreamRecord<SuperCandle> element) throws Exception {
        SuperCandle candle = element.getValue();
        if (!model.period.equals(candle.period)) {
            return;
        }
        Object key = getCurrentKey();
        ScoringState s = states.get(key, ScoringState::new);
        ScoreRecord r = new ScoreRecord();
        boolean scored = s.score(ModelBar.of(candle), model, r);
        states.changed(key);
        if (scored) {
            output.collect(element.hasTimestamp() ? new StreamRecord<>(r, element.getTimestamp()) : new StreamRecord<>(r));
            records.inc();
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        states.snapshot(this);
    }
}
