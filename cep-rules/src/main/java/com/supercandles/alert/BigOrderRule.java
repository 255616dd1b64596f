package com.supercandles.alert;


import com.supercandles.event.MarketEvent;
import org.apache.flink.util.Collector;

/** One order (put) whose quantity is above a limit. */
public final class BigOrderRule extends EventRule {
    private static final long serialVersionUID = 1L;

    public BigOrderRule(RuleSettings settings, int slot) {
        super(settings, slot, 1, EventKind.PUT);
    }

    @Override
    public void check(MarketEvent e, WatchedSymbol w, Collector<Alert> out) {
        String change = change(w, 0, e.qty > settings.threshold, e);
        if (change != null) {
            emit(change, e, "orders", e.qty,
                e.symbol + ": order " + e.id() + " for " + Numbers.shown(e.qty) + " lots at " + Numbers.shown(e.price) + " (limit "
                        + Numbers.shown(settings.threshold) + ")", "check it is meant", out);
        }
    }
}
