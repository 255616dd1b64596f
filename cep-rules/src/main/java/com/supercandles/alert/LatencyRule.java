package com.supercandles.alert;


import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import org.apache.flink.util.Collector;

/**
 * Latency per (symbol, stream): ingest time (the Kafka record's timestamp) minus {@code ts} above X for
 * k events in a row fires; below X / 2 for k events in a row resolves (hysteresis, so a latency hovering
 * around X does not flap). Events without an ingest time (recorded files) are not judged: in a replay,
 * ingest time minus a recorded {@code ts} says nothing.
 */
public final class LatencyRule extends EventRule {
    private static final long serialVersionUID = 1L;
    /** k: events in a row. */
    static final int IN_A_ROW = 5;

    public LatencyRule(RuleSettings settings, int slot) {
        super(settings, slot, EventType.values().length, EventKind.ALL); // a slot per stream
    }

    @Override
    public void check(MarketEvent e, WatchedSymbol w, Collector<Alert> out) {
        if (e.ingestTime == Long.MIN_VALUE) {
            return;
        }
        int stream = e.type.ordinal();
        long latency = e.ingestTime - e.ts;
        boolean firing = w.firing(slot + stream);
        int run = w.latencyRun(stream);
        if (!firing) {
            run = latency > settings.threshold ? Math.max(run, 0) + 1 : 0;
        } else {
            run = latency < settings.threshold / 2 ? Math.min(run, 0) - 1 : 0;
        }
        w.latencyRun(stream, run);
        boolean condition = firing ? run > -IN_A_ROW : run >= IN_A_ROW;
        String change = change(w, stream, condition, e);
        if (change != null) {
            w.latencyRun(stream, 0);
            String name = e.type.streamName();
            emit(change, e, name, latency, e.symbol + " " + name + ": ingest time - ts = " + latency + " ms for "
                    + IN_A_ROW + " events in a row (limit " + (long) settings.threshold + " ms, resolved below "
                    + (long) (settings.threshold / 2) + ")", "the feed or the producer lags; check the exchange link", out);
        }
    }
}
