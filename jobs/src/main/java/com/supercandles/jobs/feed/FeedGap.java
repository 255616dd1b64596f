package com.supercandles.jobs.feed;

import com.supercandles.fields.JsonText;

/**
 * A feed gap, the JSON record of the {@code supercandles-feed-gaps} topic: for one symbol, the span
 * of exchange time in which the feed may have missed events of a stream, from the last event it
 * produced before ({@code from}, null when none) to the first after ({@code to}, null when the feed
 * stopped first), why, and how it was repaired.
 */
public record FeedGap(String venue, String symbol, String stream, Long from, Long to, String reason, String detail,
                      long detectedAt, long resumedAt, int snapshots, long dropped) {
    public static final String SEQUENCE_BREAK = "sequence_break";
    public static final String DISCONNECT = "disconnect";
    public static final String STALLED = "stalled";
    public static final String CROSSED_BOOK = "crossed_book";
    public static final String OUTPUT_BACKLOG = "output_backlog";
    public static final String STOPPED = "stopped";

    public String toJson() {
        return JsonText.write(256, g -> {
            g.writeStartObject();
            g.writeStringField("type", "feed_gap");
            g.writeStringField("venue", venue);
            g.writeStringField("symbol", symbol);
            g.writeStringField("stream", stream);
            writeTime(g, "from", from);
            writeTime(g, "to", to);
            g.writeStringField("reason", reason);
            g.writeStringField("detail", detail);
            g.writeNumberField("detected_at", detectedAt);
            writeTime(g, "resumed_at", resumedAt == 0 ? null : resumedAt);
            g.writeNumberField("snapshots", snapshots);
            g.writeNumberField("dropped", dropped);
            g.writeEndObject();
        });
    }

    private static void writeTime(com.fasterxml.jackson.core.JsonGenerator g, String name, Long t) throws java.io.IOException {
        if (t == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, t);
        }
    }
}
