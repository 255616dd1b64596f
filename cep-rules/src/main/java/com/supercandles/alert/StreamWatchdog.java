package com.supercandles.alert;


import com.supercandles.event.MarketEvent;
import com.supercandles.event.SparseWatermarks;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The event-time watchdog rules, after a {@code keyBy(symbol)} of a stream (one subtask sees all of a
 * symbol's events of its stream, in the order of its partition): each event is judged against the
 * symbol's figures on the heap ({@link SymbolWatches}: one table lookup per event, no allocation unless
 * a rule changes state), written to keyed state ({@link SymbolWatch} per symbol touched, {@link
 * SymbolCheckpoints}) only at checkpoints, so that a restore at another parallelism gives each symbol's
 * figures to the subtask that reads the symbol from then on. A rule that compares two streams (the
 * order-to-mid rule) runs in a second instance on the book and the order log keyed by symbol together.
 */
public class StreamWatchdog extends AbstractStreamOperator<Alert>
        implements OneInputStreamOperator<MarketEvent, Alert>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    /** The rules that compare streams, left out of the per-stream instances. */
    public static final Set<String> CROSS_STREAM = Set.of(WatchdogSettings.ORDER_OFF_MID);
    /** The switch slots of a symbol: those of every registered rule ({@link EventRules}). */
    static final int SLOTS = EventRules.SLOTS;
    /** Events judged together (see {@link SymbolWatches#judge(MarketEvent[], int, Collector)}). */
    static final int BATCH = 32;

    private final List<EventRule> rules = new ArrayList<>();
    private transient SymbolWatches symbols;
    private transient SymbolCheckpoints<SymbolWatch> checkpoints;
    private transient Collector<Alert> alerts;
    private transient SparseWatermarks.Throttle watermarks;
    private transient MarketEvent[] pending;
    private transient int pendingCount;

    /** @param crossStream true: only the rules that compare streams; false: every other event rule */
    public StreamWatchdog(WatchdogSettings settings, boolean crossStream) {
        rules.addAll(rules(settings, crossStream));
    }

    /** The rules that are on: those that compare streams, or every other one. */
    static List<EventRule> rules(WatchdogSettings settings, boolean crossStream) {
        List<EventRule> on = new ArrayList<>();
        for (EventRule r : all(settings)) {
            if (r.settings.enabled && CROSS_STREAM.contains(r.settings.rule) == crossStream) {
                on.add(r);
            }
        }
        return on;
    }

    /**
     * Every registered rule ({@link EventRules}) at its switch slots, whether it is on or not (the
     * state's layout stays the same).
     */
    static List<EventRule> all(WatchdogSettings settings) {
        return EventRules.build(settings);
    }

    /** Whether any of these rules is on. */
    public boolean hasRules() {
        return !rules.isEmpty();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        symbols = new SymbolWatches(rules);
        checkpoints = new SymbolCheckpoints<>(this, "watches-by-symbol", SymbolWatch.class);
        checkpoints.restore(symbols::restore);
        checkpoints.restoreLegacy(context, new ListStateDescriptor<>("watches", TypeInformation.of(WatchEntry.class)),
                e -> e.symbol, (symbol, e) -> checkpoints.touched(symbols.restore(symbol, e.watch)));
        watermarks = new SparseWatermarks.Throttle();
        pending = new MarketEvent[BATCH];
        alerts = new Collector<>() {
            @Override
            public void collect(Alert alert) {
                output.collect(new StreamRecord<>(alert, alert.eventTime));
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Holds the event until {@link #BATCH} are pending, then judges them together. Pending events are
     * judged before a watermark is passed on, before a checkpoint's barrier (so the state written and
     * the alerts sent before it account for every event before it) and at the end of the input. The
     * wait costs the alerts no time where it matters: the alert sinks and receivers publish an alert
     * only once its checkpoint completes. Holding the records is safe: no operator changes an event.
     */
    @Override
    public void processElement(StreamRecord<MarketEvent> record) {
        pending[pendingCount++] = record.getValue();
        if (pendingCount == BATCH) {
            judgePending();
        }
    }

    private void judgePending() {
        symbols.judge(pending, pendingCount, alerts);
        for (int k = 0; k < pendingCount; k++) {
            checkpoints.touched(symbols.judgedId(k));
        }
        java.util.Arrays.fill(pending, 0, pendingCount, null);
        pendingCount = 0;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        judgePending();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() {
        judgePending();
    }

    /**
     * Passes a watermark on at most once per second of event time (see {@link SparseWatermarks}): a
     * watermark per millisecond, each a network event to the alert sinks, would cost the source chain
     * more than the rules themselves.
     */
    @Override
    public void processWatermark(org.apache.flink.streaming.api.watermark.Watermark mark) throws Exception {
        if (watermarks.due(mark.getTimestamp())) {
            judgePending();
            super.processWatermark(mark);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpoints.write(symbols::symbol, symbols::checkpoint);
    }
}
