package com.supercandles.event;

/** The three input streams of the contract, by the {@code type} field of each event. */
public enum EventType {
    TRADE("trade", "trades"),
    ORDER("order", "orders"),
    BOOK("book", "book");

    private final String wireName;
    private final String streamName;

    EventType(String wireName, String streamName) {
        this.wireName = wireName;
        this.streamName = streamName;
    }

    /** The value of the {@code type} field on the wire. */
    public String wireName() {
        return wireName;
    }

    /** The default topic name and recorded file stem ({@code trades.jsonl}) of this stream. */
    public String streamName() {
        return streamName;
    }

    public static EventType fromWire(String value) {
        for (EventType t : values()) {
            if (t.wireName.equals(value)) {
                return t;
            }
        }
        return null;
    }
}
