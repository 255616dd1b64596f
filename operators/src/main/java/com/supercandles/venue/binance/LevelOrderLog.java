package com.supercandles.venue.binance;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An order log derived from level increments, for a venue that publishes none (an approximation):
 * a level that grows is a put of the difference; a level that shrinks is first the trades at that
 * price and side since the last increments (the resting side of each trade), and a cancel of what the
 * trades do not explain.
 *
 * <p>A trade's quantity waits for the increment that shows it for {@code creditMillis} of exchange
 * time (the trade and the depth streams are separate streams, a trade may come a little before or
 * after the increment that removes its quantity); what no increment claimed by then is forgotten.
 */
public final class LevelOrderLog {
    private final String symbol;
    private final long creditMillis;
    private final Map<Double, Credit> bidCredits = new HashMap<>();
    private final Map<Double, Credit> askCredits = new HashMap<>();
    private long sequence;

    private static final class Credit {
        double qty;
        long ts;
    }

    public LevelOrderLog(String symbol, long creditMillis) {
        this.symbol = symbol;
        this.creditMillis = creditMillis;
    }

    /** A trade: its quantity is expected to leave the resting side's level at its price. */
    public void trade(Side aggressor, double price, double qty, long ts) {
        Map<Double, Credit> resting = aggressor == Side.S ? bidCredits : askCredits;
        Credit c = resting.computeIfAbsent(price, p -> new Credit());
        c.qty = exactSum(c.qty, qty);
        c.ts = ts;
    }

    /** A level change of a live book: appends the derived order events to {@code out}. */
    public void level(boolean bid, double price, double before, double after, long ts, long updateId,
                      List<MarketEvent> out) {
        Side side = bid ? Side.B : Side.S;
        double diff = exactSum(after, -before);
        if (diff > 0) {
            out.add(MarketEvent.order(symbol, ts, id(updateId), OrderAction.PUT, side, price, diff));
            return;
        }
        double down = -diff;
        Credit c = (bid ? bidCredits : askCredits).get(price);
        if (c != null) {
            double traded = Math.min(c.qty, down);
            c.qty = exactSum(c.qty, -traded);
            down = exactSum(down, -traded);
            if (c.qty <= 0) {
                (bid ? bidCredits : askCredits).remove(price);
            }
        }
        if (down > 0) {
            out.add(MarketEvent.order(symbol, ts, id(updateId), OrderAction.CANCEL, side, price, down));
        }
    }

    /** Forgets trades older than the credit window at exchange time {@code ts}. */
    public void expire(long ts) {
        expire(bidCredits, ts);
        expire(askCredits, ts);
    }

    private void expire(Map<Double, Credit> credits, long ts) {
        for (Iterator<Credit> it = credits.values().iterator(); it.hasNext(); ) {
            if (it.next().ts < ts - creditMillis) {
                it.remove();
            }
        }
    }

    /** After a gap the trades before it explain nothing after it. */
    public void clear() {
        bidCredits.clear();
        askCredits.clear();
    }

    /** Unique per symbol and run: the increment's final id and a running number. */
    private String id(long updateId) {
        return "d" + updateId + "-" + (++sequence);
    }

    /** a + b in decimal, as the venue's decimal strings would give it (1.1 - 1.0 is 0.1, not 0.10000000000000009). */
    static double exactSum(double a, double b) {
        return BigDecimal.valueOf(a).add(BigDecimal.valueOf(b)).doubleValue();
    }
}
