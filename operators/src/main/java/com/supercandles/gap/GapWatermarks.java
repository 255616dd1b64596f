package com.supercandles.gap;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The gaps input's watermark: always just below the end of time, so that the gap marking's watermark is
 * the candles' own (a gap record says nothing about how far event time has come, and the topic is quiet
 * for hours). Not {@code Long.MAX_VALUE}, which would end the input's event time.
 */
public final class GapWatermarks implements WatermarkGenerator<FeedGapSpan> {
    static final long NEVER_BEHIND = Long.MAX_VALUE - 1;

    public static WatermarkStrategy<FeedGapSpan> strategy() {
        return WatermarkStrategy.forGenerator(context -> new GapWatermarks());
    }

    @Override
    public void onEvent(FeedGapSpan gap, long eventTimestamp, WatermarkOutput output) {
        output.emitWatermark(new Watermark(NEVER_BEHIND));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(NEVER_BEHIND));
    }
}
