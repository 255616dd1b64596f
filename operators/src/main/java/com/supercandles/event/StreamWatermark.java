package com.supercandles.event;

import java.time.Duration;

/**
 * The watermark of one stream partition (a Kafka partition, a recorded file) as its own events advance
 * it: the newest {@code ts} seen minus the out-of-orderness bound, minus 1 ms, the formula of the
 * job's watermarks ({@link EventTimeWatermarks}).
 *
 * <p>The source stamps each valid event with the watermark its partition had just before it
 * ({@link MarketEvent#streamWatermark}), so that lateness is judged by the event's own stream: the
 * same file or partition gives the same late events whatever the other streams do and however fast
 * each is read. The job's Flink watermark (the minimum over all inputs) still decides when windows
 * close.
 */
public final class StreamWatermark {
    private final long outOfOrdernessMs;
    private long watermark = Long.MIN_VALUE;

    public StreamWatermark(Duration maxOutOfOrderness) {
        this(maxOutOfOrderness.toMillis());
    }

    StreamWatermark(long outOfOrdernessMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
    }

    /** The watermark that an event at {@code ts} allows: everything at or before it may be late. */
    public static long after(long ts, long outOfOrdernessMs) {
        return ts - outOfOrdernessMs - 1;
    }

    /**
     * Stamps a valid record's event with this partition's watermark before it, then advances; stamps a
     * rejected one with the partition's newest ts (its time for the rejected-records watchdog). Returns
     * the record.
     */
    public ParsedRecord stamp(ParsedRecord record) {
        MarketEvent e = record.event;
        if (e == null) {
            record.rejection.streamTime = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark + outOfOrdernessMs + 1;
        } else {
            e.streamWatermark = watermark;
            long next = after(e.ts, outOfOrdernessMs);
            if (next > watermark) {
                watermark = next;
            }
        }
        return record;
    }

    public long current() {
        return watermark;
    }
}
