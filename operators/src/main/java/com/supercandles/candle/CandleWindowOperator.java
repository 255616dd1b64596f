package com.supercandles.candle;

import com.supercandles.event.PipelineCounters;
import com.supercandles.instrument.Instruments;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tumbling event-time windows of one period, keyed by symbol: merges the partial candles of each
 * symbol and window and emits the candle when the watermark passes the window's end. Its results are
 * those of Flink's window operator with an event-time trigger, allowed lateness and a late-data side
 * output (the tests hold it to exactly that), but it keeps the open windows on the heap and fires them
 * all from the watermark, instead of a keyed-state read and write per partial and a timer per symbol
 * and window: with few events per window (the usual case for trades) those dominated the job's cost.
 *
 * <p>Keyed state holds the windows only at checkpoints: a window changed since the last checkpoint is
 * written then, and removed from keyed state when it closes; a restore reads them back. So state is
 * rescalable by key group as usual, and what RocksDB sees is proportional to checkpoints, not to
 * partials. The heap holds every open window (about 1 KB each: symbols x periods x (1 + lateness /
 * period) of them at most).
 */
public final class CandleWindowOperator extends AbstractStreamOperator<SuperCandle>
        implements OneInputStreamOperator<CandlePartial, SuperCandle> {
    private static final long serialVersionUID = 1L;
    private static final String STATE = "windows";
    /**
     * The candles whose latency the histogram's quantiles are over, per subtask: the last 1,000 emitted
     * (with one candle per symbol and window, a window's worth for up to 1,000 symbols a subtask).
     */
    static final int LATENCY_SAMPLES = 1000;

    private final Period period;
    private final Instruments instruments;
    private final long allowedLatenessMs;
    private final OutputTag<CandlePartial> lateOutput;

    /** Open windows by start, in order: what a watermark fires and closes is a prefix. */
    private transient TreeMap<Long, Map<String, OpenWindow>> open;
    private transient MapState<Long, OpenWindow> checkpointed;
    private transient long watermark;
    private transient PipelineCounters.Count candles;
    /** Processing time at emission minus the window's end, ms: how long a candle waited for the watermark and the job. */
    private transient Histogram latency;

    /** One symbol's window: its accumulator and where it stands. Checkpointed as a POJO. */
    public static final class OpenWindow {
        public SuperCandleAccumulator accumulator = new SuperCandleAccumulator();
        /** Its candle was emitted (later partials within the lateness emit it again, updated). */
        public boolean fired;
        /** Changed since the last checkpoint wrote it. */
        public transient boolean dirty;
        /** Keyed state holds a copy, to be removed when the window closes. */
        public transient boolean inKeyedState;

        public OpenWindow() {}

        /**
         * A copy sharing nothing with this window: a heap state backend keeps what it is given and
         * snapshots it asynchronously, so the window merged into must never be the one in keyed state.
         */
        OpenWindow copy() {
            OpenWindow copy = new OpenWindow();
            copy.accumulator.merge(accumulator); // into an empty accumulator: an exact copy
            copy.fired = fired;
            return copy;
        }
    }

    public CandleWindowOperator(Period period, Instruments instruments, long allowedLatenessMs,
                                OutputTag<CandlePartial> lateOutput) {
        this.period = period;
        this.instruments = instruments;
        this.allowedLatenessMs = allowedLatenessMs;
        this.lateOutput = lateOutput;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        open = new TreeMap<>();
        watermark = Long.MIN_VALUE;
        checkpointed = getPartitionedState(new MapStateDescriptor<>(STATE, Types.LONG,
                TypeInformation.of(OpenWindow.class)));
        if (context.isRestored()) {
            List<Object> symbols = new ArrayList<>();
            try (Stream<Object> keys = getKeyedStateBackend().getKeys(STATE, VoidNamespace.INSTANCE)) {
                keys.forEach(symbols::add);
            }
            for (Object symbol : symbols) {
                setCurrentKey(symbol);
                for (Map.Entry<Long, OpenWindow> w : checkpointed.entries()) {
                    OpenWindow window = w.getValue().copy();
                    window.inKeyedState = true;
                    open.computeIfAbsent(w.getKey(), start -> new HashMap<>()).put((String) symbol, window);
                }
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        String label = period.toString();
        candles = PipelineCounters.register(getRuntimeContext(), PipelineCounters.CANDLES,
                PipelineCounters.CANDLES_METRIC, PipelineCounters.PERIOD, label);
        latency = PipelineCounters.metrics(getMetricGroup(), PipelineCounters.PERIOD, label)
                .histogram(PipelineCounters.CANDLE_LATENCY_METRIC, new DescriptiveStatisticsHistogram(LATENCY_SAMPLES));
    }

    @Override
    public void processElement(StreamRecord<CandlePartial> record) {
        CandlePartial partial = record.getValue();
        long start = partial.windowStart;
        if (closesAt(start) <= watermark) {
            output.collect(lateOutput, record);
            return;
        }
        OpenWindow window = open.computeIfAbsent(start, s -> new HashMap<>())
                .computeIfAbsent(partial.symbol, s -> new OpenWindow());
        window.accumulator.merge(partial.accumulator);
        window.dirty = true;
        if (period.lastMillisecond(start) <= watermark) {
            // within the allowed lateness of a window already emitted: emit it again, updated
            emit(partial.symbol, start, window);
        } else {
            // emitted when the watermark passes its end, even if emitted once before a restore (which
            // starts the watermark over), as Flink's event-time trigger does
            window.fired = false;
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        Iterator<Map.Entry<Long, Map<String, OpenWindow>>> windows = open.entrySet().iterator();
        while (windows.hasNext()) {
            Map.Entry<Long, Map<String, OpenWindow>> byStart = windows.next();
            long start = byStart.getKey();
            if (period.lastMillisecond(start) > watermark) {
                break;
            }
            boolean closes = closesAt(start) <= watermark;
            for (Map.Entry<String, OpenWindow> w : byStart.getValue().entrySet()) {
                OpenWindow window = w.getValue();
                if (!window.fired) {
                    emit(w.getKey(), start, window);
                }
                if (closes && window.inKeyedState) {
                    setCurrentKey(w.getKey());
                    checkpointed.remove(start);
                }
            }
            if (closes) {
                windows.remove();
            }
        }
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        for (Map.Entry<Long, Map<String, OpenWindow>> byStart : open.entrySet()) {
            for (Map.Entry<String, OpenWindow> w : byStart.getValue().entrySet()) {
                OpenWindow window = w.getValue();
                if (window.dirty) {
                    setCurrentKey(w.getKey());
                    checkpointed.put(byStart.getKey(), window.copy());
                    window.dirty = false;
                    window.inKeyedState = true;
                }
            }
        }
    }

    private void emit(String symbol, long start, OpenWindow window) {
        window.fired = true;
        window.dirty = true; // a restore must not emit it again
        candles.inc();
        long last = period.lastMillisecond(start);
        latency.update(getProcessingTimeService().getCurrentProcessingTime() - (last + 1));
        output.collect(new StreamRecord<>(window.accumulator.toCandle(symbol, period, start, instruments.get(symbol)), last));
    }

    /** When the window's state is dropped: after the allowed lateness; a partial for it is late from then. */
    private long closesAt(long start) {
        long max = period.lastMillisecond(start);
        return max + allowedLatenessMs < max ? Long.MAX_VALUE : max + allowedLatenessMs;
    }
}
