package com.supercandles.event;

/**
 * The contract's checks of one event's fields, for sources that build events from other formats
 * (the venue adapters of {@code com.supercandles.venue}): the same rules as the JSON parser's, so an
 * event built from a CSV row is valid exactly when its JSON would be.
 */
public final class EventChecks {
    private EventChecks() {}

    /** Whether {@code symbol} is one the contract accepts: non-empty, at most 64 bytes, no control characters or spaces. */
    public static boolean validSymbol(String symbol) {
        return symbol != null && RecordFields.validSymbol(symbol);
    }

    /** Why {@code e} breaks the contract, or null when it is valid (the wording of the JSON parser's reasons). */
    public static String problem(MarketEvent e, long maxFutureSkewMs) {
        RecordFields f = new RecordFields();
        f.type = e.type.wireName();
        f.symbol = e.symbol;
        f.ts = e.ts;
        f.hasTs = true;
        if (e.type == EventType.BOOK) {
            String bad = badLevel("bids", e.bidPrices, e.bidQtys);
            bad = bad != null ? bad : badLevel("asks", e.askPrices, e.askQtys);
            if (bad != null) {
                return bad;
            }
            f.bids = levels(e.bidPrices, e.bidQtys);
            f.asks = levels(e.askPrices, e.askQtys);
        } else {
            String id = e.id();
            if (e.type == EventType.TRADE) {
                f.tradeId = id;
            } else {
                f.orderId = id;
                f.action = e.action == null ? null : e.action.wireName();
            }
            f.side = e.side == null ? null : e.side.name();
            f.price = e.price;
            f.qty = e.qty;
        }
        try {
            f.toEvent(maxFutureSkewMs);
            return null;
        } catch (InvalidEventException invalid) {
            return invalid.getMessage();
        }
    }

    private static String badLevel(String name, double[] prices, double[] qtys) {
        for (int i = 0; prices != null && i < prices.length; i++) {
            if (!BookLevels.validLevel(prices[i], qtys[i])) {
                return name + " level " + (i + 1) + " needs finite price and qty > 0, got [" + prices[i] + ", "
                        + qtys[i] + "]";
            }
        }
        return null;
    }

    private static BookLevels levels(double[] prices, double[] qtys) {
        BookLevels levels = new BookLevels();
        for (int i = 0; prices != null && i < prices.length; i++) {
            levels.add(prices[i], qtys[i]);
        }
        return levels;
    }
}
