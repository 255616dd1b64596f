package com.supercandles.candle;

/**
 * Where a window's order-log statistics come from (extended.md "Provenance", {@code orders_source}), kept
 * as bits so that partials of one window, and shorter windows inside a longer one, combine by OR.
 *
 * <p>A window holding both a venue's order log and derived orders is {@code derived}: some of its put and
 * cancel figures are an approximation, and a reader who filters on {@code log} wants figures that are
 * exact throughout. The same rule makes a longer period's value follow from its shorter periods'
 * ({@code derived} wins over {@code log}).
 */
public final class OrdersSource {
    public static final String LOG = "log";
    public static final String DERIVED = "derived";

    /** A venue's own order-log event was seen. */
    public static final int LOG_BIT = 1;
    /** An order event derived from book increments was seen. */
    public static final int DERIVED_BIT = 2;

    private OrdersSource() {}

    /**
     * The field's value for the bits seen and the window's number of order events. Order events without
     * a bit come from state written before the field existed, when every order was the venue's own.
     */
    public static String of(int bits, long orderEvents) {
        if ((bits & DERIVED_BIT) != 0) {
            return DERIVED;
        }
        return (bits & LOG_BIT) != 0 || orderEvents > 0 ? LOG : null;
    }

    /** Combines two values of the field: derived wins over log, and either over null. */
    public static String combine(String a, String b) {
        if (DERIVED.equals(a) || DERIVED.equals(b)) {
            return DERIVED;
        }
        return a != null ? a : b;
    }
}
