package com.supercandles.event;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Chained right after a source: keeps a source subtask that has not started yet from being taken for
 * an idle one. Flink marks a source reader without a split idle, and downstream operators then
 * advance their watermark without it; when its split arrives after the others have run ahead in
 * event time, its first events come out late. So until this subtask has passed on its first
 * watermark, an idle status is held back (downstream keeps waiting for it), for at most {@code
 * graceMs} of processing time: a reader that never gets a split (more subtasks than partitions) is
 * then let go idle, and the job goes on without it. Once started, statuses pass unchanged.
 */
public final class StartUpIdlenessHold<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    private final long graceMs;
    private transient boolean started;
    private transient boolean idleHeld;
    private transient long graceEndsAt;

    /** @param graceMs how long after the task starts an idle status may be held back */
    public StartUpIdlenessHold(long graceMs) {
        if (graceMs < 0) {
            throw new IllegalArgumentException("the start-up grace must be >= 0 ms, got " + graceMs);
        }
        this.graceMs = graceMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        graceEndsAt = getProcessingTimeService().getCurrentProcessingTime() + graceMs;
    }

    @Override
    public void processElement(StreamRecord<T> record) {
        output.collect(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        started = true;
        idleHeld = false;
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (started) {
            super.processWatermarkStatus(status);
        } else if (status.isIdle()) {
            long now = getProcessingTimeService().getCurrentProcessingTime();
            if (now >= graceEndsAt) {
                super.processWatermarkStatus(status);
            } else if (!idleHeld) {
                idleHeld = true;
                getProcessingTimeService().registerTimer(graceEndsAt, time -> releaseHeldIdleness());
            }
        } else if (idleHeld) {
            idleHeld = false; // active again before downstream ever heard it was idle
        } else {
            super.processWatermarkStatus(status);
        }
    }

    private void releaseHeldIdleness() throws Exception {
        if (idleHeld && !started) {
            idleHeld = false;
            super.processWatermarkStatus(WatermarkStatus.IDLE);
        }
    }
}
