package com.supercandles.event;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Turns an event that arrived after its window of {@code period} had closed (beyond the allowed
 * lateness) into a dead letter, so a late event is counted and kept, never silently lost.
 */
public class LateEventToDeadLetter extends RichMapFunction<MarketEvent, DeadLetter> {
    private static final long serialVersionUID = 1L;

    private final String period;
    private transient Counter lateMetric;
    private transient LongCounter lateTotal;

    public LateEventToDeadLetter(String period) {
        this.period = period;
    }

    @Override
    public void open(OpenContext openContext) {
        lateMetric = getRuntimeContext().getMetricGroup().counter(PipelineCounters.LATE);
        lateTotal = getRuntimeContext().getLongCounter(PipelineCounters.LATE);
    }

    @Override
    public DeadLetter map(MarketEvent event) {
        lateMetric.inc();
        lateTotal.add(1L);
        return new DeadLetter(event.type.streamName(), DeadLetter.LATE,
                "late for period " + period + ": its window had already closed (ts " + event.ts + ")",
                EventJson.toJson(event), System.currentTimeMillis());
    }
}
