package com.supercandles.event;

import java.time.Duration;

/**
 * The fields of one wire record as read, before validation. Both ways of reading a record (the
 * byte scanner and Jackson) fill one of these, and {@link #toEvent} judges it, so the two agree on
 * every event and every reason by construction.
 */
final class RecordFields {
    /** The longest {@code symbol}, {@code trade_id} and {@code order_id}, in UTF-8 bytes (the contract's bound). */
    static final int MAX_KEY_BYTES = 64;
    /** How much of a wrong value a reason quotes. */
    static final int SHOWN_CHARS = 80;
    /** The {@code source} of an order derived from book increments. */
    static final String DERIVED = "derived";

    String type;
    String symbol;
    /** The ids as text; null when read as a plain decimal number, which the {@code ...Number} fields hold ({@link EventId}). */
    String tradeId;
    String orderId;
    long tradeIdNumber = EventId.NONE;
    long orderIdNumber = EventId.NONE;
    String side;
    String action;
    /** {@code source}: "derived" marks an order derived from book increments; anything else is ignored. */
    String source;
    long ts;
    boolean hasTs;
    double price = Double.NaN;
    double qty = Double.NaN;
    /** Null until read (the scanner reuses its own instances: {@link #toEvent} copies them). */
    BookLevels bids;
    BookLevels asks;

    void clear() {
        type = symbol = tradeId = orderId = side = action = source = null;
        tradeIdNumber = orderIdNumber = EventId.NONE;
        ts = 0;
        hasTs = false;
        price = qty = Double.NaN;
        bids = asks = null;
    }

    MarketEvent toEvent(long maxFutureSkewMs) throws InvalidEventException {
        if (type == null) {
            throw missing("type");
        }
        EventType eventType = EventType.fromWire(type);
        if (eventType == null) {
            throw new InvalidEventException("unknown type " + shownValue(type) + " (expected trade, order or book)");
        }
        if (symbol == null) {
            throw missing("symbol");
        }
        if (symbol.isEmpty()) {
            throw new InvalidEventException("'symbol' must be a non-empty string");
        }
        checkSymbol(symbol);
        if (!hasTs) {
            throw missing("ts");
        }
        checkPlausible(ts, maxFutureSkewMs);

        switch (eventType) {
            case TRADE: {
                if (tradeId == null && tradeIdNumber == EventId.NONE) {
                    throw missing("trade_id");
                }
                checkId("trade_id", tradeId);
                Side aggressor = side(side);
                checkPriceQty(price, qty);
                return withId(MarketEvent.trade(symbol, ts, tradeId, price, qty, aggressor), tradeIdNumber);
            }
            case ORDER: {
                if (orderId == null && orderIdNumber == EventId.NONE) {
                    throw missing("order_id");
                }
                checkId("order_id", orderId);
                if (action == null) {
                    throw missing("action");
                }
                OrderAction orderAction = OrderAction.fromWire(action);
                if (orderAction == null) {
                    throw new InvalidEventException("unknown action " + shownValue(action) + " (expected put or cancel)");
                }
                Side orderSide = side(side);
                checkPriceQty(price, qty);
                MarketEvent order = withId(MarketEvent.order(symbol, ts, orderId, orderAction, orderSide, price, qty),
                        orderIdNumber);
                order.derived = DERIVED.equals(source);
                return order;
            }
            default: {
                if (bids == null) {
                    throw missing("bids");
                }
                if (asks == null) {
                    throw missing("asks");
                }
                bids.checkSorted("bids", true);
                asks.checkSorted("asks", false);
                if (bids.size > 0 && asks.size > 0 && bids.prices[0] >= asks.prices[0]) {
                    throw new InvalidEventException("crossed book: best bid " + bids.prices[0]
                            + " >= best ask " + asks.prices[0]);
                }
                return MarketEvent.book(symbol, ts, bids.prices(), bids.qtys(), asks.prices(), asks.qtys());
            }
        }
    }

    /**
     * The contract's symbol: at most {@link #MAX_KEY_BYTES} bytes of UTF-8, no control characters, no
     * spaces. It becomes a Kafka key, a ClickHouse key and a state key, so its size must be bounded.
     */
    /** Whether {@code symbol} is one the contract accepts (for the symbol of a rejected record). */
    static boolean validSymbol(String symbol) {
        try {
            checkSymbol(symbol);
            return !symbol.isEmpty();
        } catch (InvalidEventException e) {
            return false;
        }
    }

    private static void checkSymbol(String symbol) throws InvalidEventException {
        checkLength("symbol", symbol);
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new InvalidEventException("'symbol' must not contain control characters or spaces, found U+"
                        + String.format("%04X", (int) c) + " at position " + i + " of " + shownValue(symbol));
            }
        }
    }

    /** An id read as text must fit the contract's bound; one read as a number (18 digits at most) does. */
    private static void checkId(String field, String id) throws InvalidEventException {
        if (id != null) {
            checkLength(field, id);
        }
    }

    private static MarketEvent withId(MarketEvent e, long number) {
        if (number != EventId.NONE) {
            e.setId(number);
        }
        return e;
    }

    private static void checkLength(String field, String value) throws InvalidEventException {
        int bytes = utf8Length(value);
        if (bytes > MAX_KEY_BYTES) {
            throw new InvalidEventException("'" + field + "' is " + bytes + " bytes long (UTF-8), at most "
                    + MAX_KEY_BYTES + " are allowed: " + shownValue(value));
        }
    }

    /** UTF-8 length without encoding: ASCII (the usual case) is one byte a char. */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * A value quoted in a reason, cut to {@link #SHOWN_CHARS} characters: a reason stays readable (and
     * small) whatever a hostile record holds; the dead letter's payload has the whole record.
     */
    static String shownValue(String value) {
        if (value.length() <= SHOWN_CHARS) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, SHOWN_CHARS) + "...' (" + value.length() + " characters)";
    }

    private static void checkPlausible(long ts, long maxFutureSkewMs) throws InvalidEventException {
        long max = System.currentTimeMillis() + maxFutureSkewMs;
        if (ts < EventParser.MIN_PLAUSIBLE_TS || ts > max) {
            throw new InvalidEventException("'ts' " + ts + " outside the plausible range [" + EventParser.MIN_PLAUSIBLE_TS
                    + " (2000-01-01), now + " + Duration.ofMillis(maxFutureSkewMs) + "]: is it in milliseconds?");
        }
    }

    private static Side side(String value) throws InvalidEventException {
        if (value == null) {
            throw missing("side");
        }
        Side s = Side.fromWire(value);
        if (s == null) {
            throw new InvalidEventException("unknown side " + shownValue(value) + " (expected B or S)");
        }
        return s;
    }

    private static void checkPriceQty(double price, double qty) throws InvalidEventException {
        checkPositive("price", price);
        checkPositive("qty", qty);
        if (!Double.isFinite(price * qty)) {
            throw new InvalidEventException("price * qty overflows: " + price + " * " + qty);
        }
    }

    private static void checkPositive(String name, double value) throws InvalidEventException {
        if (Double.isNaN(value)) {
            throw missing(name);
        }
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidEventException("'" + name + "' must be a finite number > 0, got " + value);
        }
    }

    static InvalidEventException missing(String field) {
        return new InvalidEventException("missing required field '" + field + "'");
    }
}
