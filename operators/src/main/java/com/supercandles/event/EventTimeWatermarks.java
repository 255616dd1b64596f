package com.supercandles.event;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/**
 * Bounded-out-of-orderness watermarks emitted as soon as an event advances them, not on a
 * processing-time timer: whether an event is late then depends only on the order of its stream,
 * so a replay of the same files gives the same candles and the same late events at any speed.
 */
public final class EventTimeWatermarks implements WatermarkGenerator<ParsedRecord> {
    private final long outOfOrdernessMs;
    private long lastEmitted = Long.MIN_VALUE;

    public EventTimeWatermarks(Duration maxOutOfOrderness) {
        this.outOfOrdernessMs = maxOutOfOrderness.toMillis();
    }

    /**
     * The job's strategy: event time from valid records (a rejected record has none and leaves the
     * watermark where it is), optionally with idleness so a quiet split does not hold the rest back.
     */
    public static WatermarkStrategy<ParsedRecord> strategy(Duration maxOutOfOrderness, Duration idleness) {
        WatermarkStrategy<ParsedRecord> strategy = WatermarkStrategy
                .<ParsedRecord>forGenerator(ctx -> new EventTimeWatermarks(maxOutOfOrderness))
                .withTimestampAssigner((record, recordTs) -> record.timestampOr(Long.MIN_VALUE));
        return idleness == null ? strategy : strategy.withIdleness(idleness);
    }

    @Override
    public void onEvent(ParsedRecord record, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp == Long.MIN_VALUE) {
            return;
        }
        long watermark = StreamWatermark.after(eventTimestamp, outOfOrdernessMs);
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Emitted on events already; nothing more to say on the timer.
    }
}
