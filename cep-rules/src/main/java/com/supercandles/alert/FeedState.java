package com.supercandles.alert;

/**
 * What the staleness watchdog remembers of one symbol, per stream: when it last saw an event (processing
 * time), that event's {@code ts}, and whether the stream is STALE. A Flink POJO in keyed state.
 */
public class FeedState {
    public long[] lastSeen;
    public long[] lastTs;
    public boolean[] stale;
    /** When the symbol's periodic check is due (processing time); Long.MIN_VALUE when none is set. */
    public long nextCheck = Long.MIN_VALUE;

    public FeedState() {}

    static FeedState create(int streams) {
        FeedState s = new FeedState();
        s.lastSeen = new long[streams];
        s.lastTs = new long[streams];
        s.stale = new boolean[streams];
        java.util.Arrays.fill(s.lastSeen, Long.MIN_VALUE);
        return s;
    }
}
