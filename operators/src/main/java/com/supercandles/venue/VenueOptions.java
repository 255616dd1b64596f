package com.supercandles.venue;

import java.io.Serializable;

/** How books are rebuilt and whether an order log is derived: {@code --book-depth}, {@code --book-interval}, {@code --orders}. */
public final class VenueOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_DEPTH = 20;
    public static final VenueOptions DEFAULTS = new VenueOptions(DEFAULT_DEPTH, 0, false);

    public final int bookDepth;
    /** 0: a snapshot after every exchange message. */
    public final long bookIntervalMs;
    public final boolean derivedOrders;

    public VenueOptions(int bookDepth, long bookIntervalMs, boolean derivedOrders) {
        this.bookDepth = bookDepth;
        this.bookIntervalMs = bookIntervalMs;
        this.derivedOrders = derivedOrders;
    }
}
