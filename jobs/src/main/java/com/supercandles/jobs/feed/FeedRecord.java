package com.supercandles.jobs.feed;

/**
 * One record the feed produces: to which topic (by role), its key (the symbol), its JSON value, its
 * exchange time and the time the feed received the message it comes from (the Kafka record's timestamp).
 */
public record FeedRecord(Role role, String symbol, String json, long ts, long receivedAt) {
    /** The topics the feed writes. */
    public enum Role { TRADES, ORDERS, BOOK, GAPS }
}
