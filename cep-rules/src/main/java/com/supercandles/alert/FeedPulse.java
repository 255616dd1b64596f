package com.supercandles.alert;

import com.supercandles.event.EventType;

/**
 * That a (symbol, stream) had events in the last pulse interval, with the {@code ts} of the first and
 * the last of them: what feed staleness needs of a stream, sent once a second instead of per event.
 * A Flink POJO.
 */
public class FeedPulse {
    public String symbol;
    public EventType stream;
    public long firstTs;
    public long lastTs;

    public FeedPulse() {}

    public FeedPulse(String symbol, EventType stream, long firstTs, long lastTs) {
        this.symbol = symbol;
        this.stream = stream;
        this.firstTs = firstTs;
        this.lastTs = lastTs;
    }

    @Override
    public String toString() {
        return "FeedPulse{" + symbol + ", " + stream + ", " + firstTs + ".." + lastTs + "}";
    }
}
