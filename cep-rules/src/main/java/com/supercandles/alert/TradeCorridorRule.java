package com.supercandles.alert;


import com.supercandles.event.MarketEvent;
import org.apache.flink.util.Collector;

/** A trade priced more than p % away from the symbol's previous trade (the last close of the trade stream). */
public final class TradeCorridorRule extends EventRule {
    private static final long serialVersionUID = 1L;

    public TradeCorridorRule(RuleSettings settings, int slot) {
        super(settings, slot, 1, EventKind.TRADE);
    }

    @Override
    public void check(MarketEvent e, WatchedSymbol w, Collector<Alert> out) {
        double last = w.lastTradePrice();
        w.lastTradePrice(e.price);
        if (Double.isNaN(last)) {
            return;
        }
        double percent = Math.abs(e.price / last - 1) * 100;
        String change = change(w, 0, percent > settings.threshold, e);
        if (change != null) {
            emit(change, e, "trades", percent,
                e.symbol + ": trade " + e.id() + " at " + Numbers.shown(e.price) + " is " + String.format(java.util.Locale.ROOT, "%.2f", percent)
                        + " % from the previous trade at " + Numbers.shown(last) + " (corridor " + Numbers.shown(settings.threshold)
                        + " %)", "a fat finger or a bad tick; check the trade feed", out);
        }
    }
}
