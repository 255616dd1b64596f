package com.supercandles.event;

import java.time.Duration;

/**
 * The fields of one wire record as read, before validation. Both ways of reading a record (the
 * byte scanner and Jackson) fill one of these, and {@link #toEvent} judges it, so the two agree on
 * every event and every reason by construction.
 */
final class RecordFields {
    String type;
    String symbol;
    String tradeId;
    String orderId;
    String side;
    String action;
    long ts;
    boolean hasTs;
    double price = Double.NaN;
    double qty = Double.NaN;
    /** Null until read (the scanner reuses its own instances: {@link #toEvent} copies them). */
    BookLevels bids;
    BookLevels asks;

    void clear() {
        type = symbol = tradeId = orderId = side = action = null;
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
            throw new InvalidEventException("unknown type '" + type + "' (expected trade, order or book)");
        }
        if (symbol == null) {
            throw missing("symbol");
        }
        if (symbol.isEmpty()) {
            throw new InvalidEventException("'symbol' must be a non-empty string");
        }
        if (!hasTs) {
            throw missing("ts");
        }
        checkPlausible(ts, maxFutureSkewMs);

        switch (eventType) {
            case TRADE: {
                if (tradeId == null) {
                    throw missing("trade_id");
                }
                Side aggressor = side(side);
                checkPriceQty(price, qty);
                return MarketEvent.trade(symbol, ts, tradeId, price, qty, aggressor);
            }
            case ORDER: {
                if (orderId == null) {
                    throw missing("order_id");
                }
                if (action == null) {
                    throw missing("action");
                }
                OrderAction orderAction = OrderAction.fromWire(action);
                if (orderAction == null) {
                    throw new InvalidEventException("unknown action '" + action + "' (expected put or cancel)");
                }
                Side orderSide = side(side);
                checkPriceQty(price, qty);
                return MarketEvent.order(symbol, ts, orderId, orderAction, orderSide, price, qty);
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
            throw new InvalidEventException("unknown side '" + value + "' (expected B or S)");
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
