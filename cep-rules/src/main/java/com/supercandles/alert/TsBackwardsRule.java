package com.supercandles.alert;


import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import org.apache.flink.util.Collector;

/** {@code ts} of a (symbol, stream) going back more than the tolerance behind that stream's newest. */
public final class TsBackwardsRule extends EventRule {
    private static final long serialVersionUID = 1L;

    public TsBackwardsRule(RuleSettings settings, int slot) {
        super(settings, slot, EventType.values().length, EventKind.ALL); // a slot per stream
    }

    @Override
    public void check(MarketEvent e, WatchedSymbol w, Collector<Alert> out) {
        int stream = e.type.ordinal();
        long newest = w.newestTs(stream);
        long behind = newest == Long.MIN_VALUE ? 0 : newest - e.ts;
        if (e.ts > newest) {
            w.newestTs(stream, e.ts);
        }
        String name = e.type.streamName();
        String change = change(w, stream, behind > settings.threshold, e);
        if (change != null) {
            emit(change, e, name, behind,
                e.symbol + " " + name + ": ts went back " + behind + " ms behind the stream's newest (tolerance "
                        + (long) settings.threshold + " ms)", "check the feed's clock and ordering", out);
        }
    }
}
