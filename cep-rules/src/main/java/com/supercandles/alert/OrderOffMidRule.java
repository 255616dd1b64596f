package com.supercandles.alert;


import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import org.apache.flink.util.Collector;

/**
 * An order put more than p % away from the mid of the symbol's latest book snapshot. The latest snapshot
 * is the latest to arrive: the order log and the book are different streams, so in a replay this rule
 * may see a slightly different snapshot than live (the other rules depend on one stream's order only).
 */
public final class OrderOffMidRule extends EventRule {
    private static final long serialVersionUID = 1L;

    public OrderOffMidRule(RuleSettings settings, int slot) {
        super(settings, slot, 1, EventKind.BOOK, EventKind.PUT);
    }

    @Override
    public void check(MarketEvent e, WatchedSymbol w, Collector<Alert> out) {
        if (e.type == EventType.BOOK) {
            w.mid(e.bidLevels() > 0 && e.askLevels() > 0 ? (e.bidPrices[0] + e.askPrices[0]) / 2 : Double.NaN);
            return;
        }
        if (Double.isNaN(w.mid())) { // an order put: the other kind this rule judges
            return;
        }
        double percent = Math.abs(e.price / w.mid() - 1) * 100;
        String change = change(w, 0, percent > settings.threshold, e);
        if (change != null) {
            emit(change, e, "orders", percent,
                e.symbol + ": order " + e.id() + " at " + Numbers.shown(e.price) + " is " + String.format(java.util.Locale.ROOT, "%.2f", percent)
                        + " % from the mid " + Numbers.shown(w.mid()) + " (limit " + Numbers.shown(settings.threshold) + " %)",
                        "a mispriced order; check who sent it", out);
        }
    }
}
