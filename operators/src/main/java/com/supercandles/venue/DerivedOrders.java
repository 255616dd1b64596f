package com.supercandles.venue;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.Side;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An order log derived from a book's level increments, for venues that publish none ({@code --orders
 * derived}). An approximation, and marked as one ({@link MarketEvent#derived}, {@code
 * "source":"derived"}):
 *
 * <ul>
 *   <li>a level's size up by {@code d} is a {@code put} of {@code d} at that price;</li>
 *   <li>a level's size down by {@code d} is first explained by the trades at that price on that side
 *   since the level's last increment; what is left, if anything, is a {@code cancel} of it.</li>
 * </ul>
 *
 * <p>What it cannot see: several orders netted within one message (a put and a cancel of the same
 * size at one price look like nothing), order ids (each derived order gets a number of its own, and a
 * cancel never names the put it cancels), and trades against hidden size. Counts of puts and cancels
 * are therefore lower bounds; volumes are exact per level and message. Snapshots (a fresh book) derive
 * nothing: the jump from the old book is not order flow.
 *
 * <p>Listen to a {@link BookRebuilder} with {@link #levelListener}; feed it the same symbol's trades
 * ({@link #onTrade}) before the increments of the same time. Not thread-safe; one per symbol.
 */
public final class DerivedOrders {
    private final String symbol;
    private final List<ParsedRecord> out;
    /** Traded quantity per resting side and price since that level's last increment. */
    private final Map<Double, Double> tradedBids = new HashMap<>();
    private final Map<Double, Double> tradedAsks = new HashMap<>();
    private long nextId = 1;

    /** @param out where the derived orders go, in the order the increments arrive */
    public DerivedOrders(String symbol, List<ParsedRecord> out) {
        this.symbol = symbol;
        this.out = out;
    }

    /** A trade of the symbol: its quantity explains a fall of the level it hit (the aggressor's other side). */
    public void onTrade(MarketEvent trade) {
        Map<Double, Double> resting = trade.side == Side.B ? tradedAsks : tradedBids;
        resting.merge(trade.price, trade.qty, Double::sum);
    }

    public BookRebuilder.LevelListener levelListener() {
        return this::changed;
    }

    private void changed(Side side, double price, double before, double after, long ts) {
        Double traded = (side == Side.B ? tradedBids : tradedAsks).remove(price);
        if (after > before) {
            emit(OrderAction.PUT, side, price, after - before, ts);
            return;
        }
        double cancelled = before - after - (traded == null ? 0 : traded);
        if (cancelled > BookRebuilder.DUST * Math.max(1, before)) {
            emit(OrderAction.CANCEL, side, price, cancelled, ts);
        }
    }

    private void emit(OrderAction action, Side side, double price, double qty, long ts) {
        MarketEvent order = MarketEvent.order(symbol, ts, null, action, side, price, qty);
        order.setId(nextId++);
        order.derived = true;
        out.add(ParsedRecord.valid(order));
    }
}
