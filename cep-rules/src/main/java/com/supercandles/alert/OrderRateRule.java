package com.supercandles.alert;


import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import org.apache.flink.util.Collector;

/** Orders put (or cancelled) in the last 1 s, 5 s or 1 min of event time above a limit. */
public final class OrderRateRule extends EventRule {
    private static final long serialVersionUID = 1L;
    private final OrderAction action;
    private final int seconds;

    public OrderRateRule(RuleSettings settings, int slot, OrderAction action, int seconds) {
        super(settings, slot, 1, action == OrderAction.PUT ? EventKind.PUT : EventKind.CANCEL);
        this.action = action;
        this.seconds = seconds;
    }

    @Override
    public void check(MarketEvent e, WatchedSymbol w, Collector<Alert> out) {
        long n = w.recent(action == OrderAction.PUT, seconds);
        String change = change(w, 0, n > settings.threshold, e);
        if (change != null) {
            emit(change, e, "orders", n,
                e.symbol + ": " + n + " orders " + (action == OrderAction.PUT ? "put" : "cancelled") + " in "
                        + (seconds == 60 ? "1 min" : seconds + " s") + " (limit " + (long) settings.threshold
                        + ")", "a runaway robot or a quote storm; check who sends them", out);
        }
    }
}
