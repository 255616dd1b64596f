package com.supercandles.gap;

/**
 * A feed gap as the job reads it from the feed's {@code supercandles-feed-gaps} record (docs/feeds.md):
 * for one symbol, the exchange time from the last event the feed produced before the gap ({@code from})
 * to the first after it ({@code to}), both ends belonging to the gap. A Flink POJO.
 */
public class FeedGapSpan implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** An end the record leaves null: no event before the gap, or the feed stopped before one after it. */
    public static final long NONE = Long.MIN_VALUE;

    public String venue;
    public String symbol;
    /** {@code book} or {@code all}. */
    public String stream;
    public long from = NONE;
    public long to = NONE;
    public String reason;
    public String detail;
    /** Receive time of the detection, epoch ms. */
    public long detectedAt;
    /** What is wrong with a record that is not a gap (then {@link #payload} is the record); null for a gap. */
    public String problem;
    public String payload;

    public FeedGapSpan() {}

    /** A record that is not a gap: a dead letter of the gaps stream, with its reason. */
    public static FeedGapSpan rejected(String problem, String payload) {
        FeedGapSpan g = new FeedGapSpan();
        g.problem = problem;
        g.payload = payload;
        return g;
    }

    /** The gap of a record's text, or a rejected one that says what is wrong with it. */
    public static FeedGapSpan parseOrReject(String text) {
        try {
            return FeedGapJson.parse(text);
        } catch (IllegalArgumentException e) {
            return rejected(e.getMessage(), text);
        }
    }

    public static FeedGapSpan of(String symbol, String stream, long from, long to, String reason) {
        FeedGapSpan g = new FeedGapSpan();
        g.symbol = symbol;
        g.stream = stream;
        g.from = from;
        g.to = to;
        g.reason = reason;
        return g;
    }

    /**
     * The first exchange time the gap covers. A gap with no event before it (the feed's first book was
     * lost) starts at its {@code to}: the job saw nothing of the symbol before, so only the window of the
     * first event after it can be incomplete.
     */
    public long start() {
        return from != NONE ? from : to;
    }

    /**
     * The last exchange time the gap covers. A gap the feed never closed ({@code to} null: it stopped
     * first) ends at its {@code from}: the window the feed stopped in is incomplete; what a later run of
     * the feed produces starts from a fresh book, and the time between holds no events, hence no candles.
     */
    public long end() {
        return to != NONE ? to : from;
    }

    /** Whether the window {@code [windowStart, windowEnd)} meets {@code [start(), end()]}. */
    public boolean overlaps(long windowStart, long windowEnd) {
        return start() < windowEnd && end() >= windowStart;
    }

    @Override
    public String toString() {
        return symbol + " " + stream + " gap [" + (from == NONE ? "null" : from) + ", " + (to == NONE ? "null" : to)
                + "] " + reason;
    }
}
