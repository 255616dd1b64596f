package com.supercandles.event;

/** What an order-log event did to the book. */
public enum OrderAction {
    /** A new limit order entered the book. */
    PUT("put"),
    /** An order was withdrawn with {@code qty} left. */
    CANCEL("cancel");

    private final String wireName;

    OrderAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static OrderAction fromWire(String value) {
        for (OrderAction a : values()) {
            if (a.wireName.equals(value)) {
                return a;
            }
        }
        return null;
    }
}
