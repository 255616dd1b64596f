package com.supercandles.gap;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/**
 * The gaps input's watermark. Until a split of the gaps topic has given its first record (or been quiet
 * for {@link #QUIET}), none: the gap marking's event time waits for the gaps input to have started, so
 * that a job reading history (a backfill, a restart behind) reads the gap records of a partition before
 * the candles they touch are written. From then on just below the end of time, so that the marking's
 * watermark is the candles' own: a gap record says nothing about how far event time has come, and the
 * topic is quiet for hours. Not {@code Long.MAX_VALUE}, which would end the input's event time.
 */
public final class GapWatermarks implements WatermarkGenerator<FeedGapSpan> {
    static final long NEVER_BEHIND = Long.MAX_VALUE - 1;
    /**
     * A split without a record for this long (processing time) holds nothing back. Long enough for a first
     * fetch on a loaded machine (5 s let a backfill's first candles go before their gap in a fresh-clone
     * CI); a live job with an empty gaps topic holds its first candles this long once, at start.
     */
    public static final Duration QUIET = Duration.ofSeconds(30);

    private boolean started;

    public static WatermarkStrategy<FeedGapSpan> strategy() {
        return WatermarkStrategy.<FeedGapSpan>forGenerator(context -> new GapWatermarks()).withIdleness(QUIET);
    }

    @Override
    public void onEvent(FeedGapSpan gap, long eventTimestamp, WatermarkOutput output) {
        started = true;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (started) {
            output.emitWatermark(new Watermark(NEVER_BEHIND));
        }
    }
}
