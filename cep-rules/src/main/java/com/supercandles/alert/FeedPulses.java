package com.supercandles.alert;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.HashMap;
import java.util.Map;

/**
 * Chained to a source (live): turns a stream's events into one {@link FeedPulse} per symbol and pulse
 * interval (processing time) in which the symbol had events. Feed staleness needs to compare a
 * symbol's streams, so it runs behind a shuffle by symbol; shuffling every event (and touching keyed
 * state per event) for it would cost the live job as much as the candles. A pulse per symbol and
 * second costs nothing per event but a hash lookup, and delays the judgement of a silence by at most
 * one interval. Nothing is kept in state: after a restore staleness counts silence from the start.
 * Watermarks are not passed on (staleness works in processing time).
 */
public class FeedPulses extends AbstractStreamOperator<FeedPulse> implements OneInputStreamOperator<MarketEvent, FeedPulse> {
    private static final long serialVersionUID = 1L;

    private final EventType stream;
    private final long intervalMs;
    /** Per symbol seen since the last pulse: the ts of its first and last event. */
    private transient Map<String, long[]> seen;

    /** @param intervalMs how often pulses go out (processing time) */
    public FeedPulses(EventType stream, long intervalMs) {
        this.stream = stream;
        this.intervalMs = intervalMs;
    }

    /** The interval for a staleness threshold: a quarter of it, at most a second. */
    public static long intervalFor(long silenceMs) {
        return Math.max(1, Math.min(1_000, silenceMs / 4));
    }

    @Override
    public void open() throws Exception {
        super.open();
        seen = new HashMap<>();
        schedule();
    }

    private void schedule() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + intervalMs, t -> pulse());
    }

    @Override
    public void processElement(StreamRecord<MarketEvent> record) {
        MarketEvent e = record.getValue();
        long[] ts = seen.get(e.symbol);
        if (ts == null) {
            seen.put(e.symbol, new long[] {e.ts, e.ts});
        } else {
            ts[1] = e.ts;
        }
    }

    private void pulse() {
        emitPulses();
        schedule();
    }

    private void emitPulses() {
        for (Map.Entry<String, long[]> s : seen.entrySet()) {
            output.collect(new StreamRecord<>(new FeedPulse(s.getKey(), stream, s.getValue()[0], s.getValue()[1])));
        }
        seen.clear();
    }

    @Override
    public void finish() throws Exception {
        emitPulses();
        super.finish();
    }

    @Override
    public void processWatermark(Watermark mark) {
        // processing time only downstream: a watermark per event-time millisecond would be a network event each
    }
}
