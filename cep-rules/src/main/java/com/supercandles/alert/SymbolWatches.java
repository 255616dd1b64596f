package com.supercandles.alert;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-event work of the event watchdog, apart from Flink's operator: each symbol's {@link SymbolWatch}
 * and the rules, grouped by kind of event (trade, put, cancel, snapshot) so that an event meets only the
 * rules that judge it. Judging allocates nothing unless a rule changes state (the JMH benchmark
 * {@code WatchdogBenchmark} measures both).
 */
public final class SymbolWatches {
    private static final EventType[] KIND_TYPES = {EventType.TRADE, EventType.ORDER, EventType.ORDER, EventType.BOOK};
    private static final OrderAction[] KIND_ACTIONS = {null, OrderAction.PUT, OrderAction.CANCEL, null};

    private final EventRule[][] byKind = new EventRule[KIND_TYPES.length][];
    private final Map<String, SymbolWatch> watches = new HashMap<>();

    public SymbolWatches(List<EventRule> rules) {
        for (int kind = 0; kind < byKind.length; kind++) {
            List<EventRule> judging = new ArrayList<>();
            for (EventRule r : rules) {
                if (r.judges(KIND_TYPES[kind], KIND_ACTIONS[kind])) {
                    judging.add(r);
                }
            }
            byKind[kind] = judging.toArray(new EventRule[0]);
        }
    }

    /** Every rule that is on in {@code settings}, except those that compare streams. */
    public static SymbolWatches perStream(WatchdogSettings settings) {
        return new SymbolWatches(StreamWatchdog.rules(settings, false));
    }

    /** Judges {@code e} against its symbol's state; state changes go to {@code out}. */
    public void judge(MarketEvent e, Collector<Alert> out) {
        SymbolWatch w = watches.get(e.symbol);
        if (w == null) {
            w = SymbolWatch.create(EventType.values().length, StreamWatchdog.SLOTS);
            watches.put(e.symbol, w);
        }
        if (e.type == EventType.ORDER) {
            // an order more than a minute behind the symbol's newest is outside every rate window: not counted
            w.countOrder(Math.floorDiv(e.ts, 1000L), e.action == OrderAction.PUT);
        }
        for (EventRule rule : byKind[kind(e)]) {
            rule.check(e, w, out);
        }
    }

    /** 0 trade, 1 order put, 2 order cancel, 3 book snapshot. */
    private static int kind(MarketEvent e) {
        switch (e.type) {
            case TRADE: return 0;
            case ORDER: return e.action == OrderAction.PUT ? 1 : 2;
            default: return 3;
        }
    }

    /** The state by symbol (what a checkpoint writes and a restore fills). */
    Map<String, SymbolWatch> all() {
        return watches;
    }
}
