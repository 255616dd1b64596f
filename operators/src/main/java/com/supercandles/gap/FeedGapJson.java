package com.supercandles.gap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one record of the feed's gaps topic, or one line of a replay's {@code gaps.jsonl} (the same JSON:
 * docs/feeds.md). The fields the marking needs are checked; a wrong one is named in the message.
 */
public final class FeedGapJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedGapJson() {}

    /** The gap of {@code text}, or an {@link IllegalArgumentException} that says what is wrong with it. */
    public static FeedGapSpan parse(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (n.has("type") && !"feed_gap".equals(n.get("type").asText())) {
            throw new IllegalArgumentException("'type' is " + n.get("type") + ", not \"feed_gap\"");
        }
        FeedGapSpan g = new FeedGapSpan();
        g.symbol = text(n, "symbol", true);
        g.stream = text(n, "stream", false);
        g.venue = text(n, "venue", false);
        g.reason = text(n, "reason", false);
        g.detail = text(n, "detail", false);
        g.from = time(n, "from");
        g.to = time(n, "to");
        g.detectedAt = n.has("detected_at") && n.get("detected_at").canConvertToLong() ? n.get("detected_at").asLong() : 0;
        if (g.from == FeedGapSpan.NONE && g.to == FeedGapSpan.NONE) {
            throw new IllegalArgumentException("'from' and 'to' are both null: the gap covers no known time");
        }
        if (g.from != FeedGapSpan.NONE && g.to != FeedGapSpan.NONE && g.to < g.from) {
            throw new IllegalArgumentException("'to' (" + g.to + ") is before 'from' (" + g.from + ")");
        }
        return g;
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("no '" + field + "'");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isEmpty())) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string, got " + v);
        }
        return v.asText();
    }

    private static long time(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return FeedGapSpan.NONE;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be epoch milliseconds or null, got " + v);
        }
        return v.asLong();
    }
}
