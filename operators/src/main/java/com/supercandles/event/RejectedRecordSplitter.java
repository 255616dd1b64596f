package com.supercandles.event;

import org.apache.flink.api.common.functions.OpenContext;
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
    private transient PipelineCounters.Count valid;
    private transient PipelineCounters.Count rejected;
    private transient PipelineCounters.Count rejectedOfStream;

    public RejectedRecordSplitter(String stream) {
        this.stream = stream;
    }

    @Override
    public void open(OpenContext openContext) {
        valid = PipelineCounters.register(getRuntimeContext(), PipelineCounters.EVENTS_PREFIX + stream,
                PipelineCounters.EVENTS_METRIC, PipelineCounters.STREAM, stream);
        rejected = PipelineCounters.register(getRuntimeContext(), PipelineCounters.REJECTED,
                PipelineCounters.DEAD_LETTERS_METRIC, PipelineCounters.STREAM, stream, PipelineCounters.REASON,
                DeadLetter.INVALID);
        rejectedOfStream = PipelineCounters.total(getRuntimeContext(), PipelineCounters.REJECTED_OF_PREFIX + stream);
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<MarketEvent> out) {
        if (record.isValid()) {
            valid.inc();
            out.collect(record.event);
        } else {
            rejected.inc();
            rejectedOfStream.inc();
            ctx.output(REJECTED, record.rejection);
        }
    }
}
