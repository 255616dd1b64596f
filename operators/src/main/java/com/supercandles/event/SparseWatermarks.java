package com.supercandles.event;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes records on and a watermark at most once per second of event time (and the final one). The
 * sources advance the watermark with every event millisecond; behind a side output that leads to a
 * shuffle or a sink (dead letters, alerts), each of those watermarks would be a network event of its
 * own, costing the source chain more than the records it carries. What reads these streams needs
 * event time only to the second.
 */
public class SparseWatermarks<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;
    /** Watermarks closer than this to the last one passed on are held back. */
    public static final long EVERY_MS = 1_000;

    private transient Throttle throttle;

    @Override
    public void open() throws Exception {
        super.open();
        throttle = new Throttle();
    }

    @Override
    public void processElement(StreamRecord<T> record) {
        output.collect(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long t = mark.getTimestamp();
        if (throttle.due(t)) {
            super.processWatermark(mark);
        }
    }

    /** The rule, for operators that do more than pass records on. */
    public static final class Throttle {
        private long forwarded = Long.MIN_VALUE;

        /** Whether a watermark at {@code t} is passed on (then it is noted as the last one). */
        public boolean due(long t) {
            if (t == Long.MAX_VALUE || forwarded == Long.MIN_VALUE || t - forwarded >= EVERY_MS) {
                forwarded = t;
                return true;
            }
            return false;
        }
    }
}
