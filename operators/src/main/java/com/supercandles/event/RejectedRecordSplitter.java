package com.supercandles.event;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes valid events on and sends rejected records to the {@link #REJECTED} side output, counting
 * both. Runs chained to each source, so events keep their source order.
 */
public class RejectedRecordSplitter extends ProcessFunction<ParsedRecord, MarketEvent> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected") {};

    private final String stream;
    private transient Counter validMetric;
    private transient Counter rejectedMetric;
    private transient LongCounter validTotal;
    private transient LongCounter rejectedTotal;
    private transient LongCounter rejectedOfStream;

    public RejectedRecordSplitter(String stream) {
        this.stream = stream;
    }

    @Override
    public void open(OpenContext openContext) {
        validMetric = getRuntimeContext().getMetricGroup().counter(PipelineCounters.EVENTS_PREFIX + stream);
        rejectedMetric = getRuntimeContext().getMetricGroup().counter(PipelineCounters.REJECTED);
        validTotal = getRuntimeContext().getLongCounter(PipelineCounters.EVENTS_PREFIX + stream);
        rejectedTotal = getRuntimeContext().getLongCounter(PipelineCounters.REJECTED);
        rejectedOfStream = getRuntimeContext().getLongCounter(PipelineCounters.REJECTED_OF_PREFIX + stream);
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<MarketEvent> out) {
        if (record.isValid()) {
            validMetric.inc();
            validTotal.add(1L);
            out.collect(record.event);
        } else {
            rejectedMetric.inc();
            rejectedTotal.add(1L);
            rejectedOfStream.add(1L);
            ctx.output(REJECTED, record.rejection);
        }
    }
}
