package com.supercandles.gap;

import com.supercandles.event.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Gap records on, records that are not gaps to the dead letters (stream {@code gaps}) with their reason. */
public final class GapRecordSplitter extends ProcessFunction<FeedGapSpan, FeedGapSpan> {
    private static final long serialVersionUID = 1L;
    public static final String STREAM = "gaps";
    public static final OutputTag<DeadLetter> REJECTED =
            new OutputTag<>("rejected-gaps", TypeInformation.of(DeadLetter.class));

    @Override
    public void processElement(FeedGapSpan g, Context ctx, Collector<FeedGapSpan> out) {
        if (g.problem == null) {
            out.collect(g);
        } else {
            ctx.output(REJECTED, DeadLetter.invalid(STREAM, g.problem, g.payload));
        }
    }
}
