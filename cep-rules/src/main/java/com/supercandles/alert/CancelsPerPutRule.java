package com.supercandles.alert;


import com.supercandles.event.MarketEvent;
import org.apache.flink.util.Collector;

/** Cancels per put over the last minute above a limit, once there are at least 100 cancels. */
public final class CancelsPerPutRule extends EventRule {
    private static final long serialVersionUID = 1L;
    static final long MIN_CANCELS = 100;

    public CancelsPerPutRule(RuleSettings settings, int slot) {
        super(settings, slot, 1, EventKind.PUT, EventKind.CANCEL);
    }

    @Override
    public void check(MarketEvent e, WatchedSymbol w, Collector<Alert> out) {
        double ratio = w.puts60() == 0 ? Double.POSITIVE_INFINITY : (double) w.cancels60() / w.puts60();
        boolean over = w.cancels60() >= MIN_CANCELS && ratio > settings.threshold;
        String change = change(w, 0, over, e);
        if (change != null) {
            emit(change, e, "orders", Double.isInfinite(ratio) ? w.cancels60() : ratio,
                e.symbol + ": " + w.cancels60() + " cancels for " + w.puts60() + " puts in 1 min (limit "
                        + Numbers.shown(settings.threshold) + " per put)", "liquidity is being withdrawn; check the book", out);
        }
    }
}
