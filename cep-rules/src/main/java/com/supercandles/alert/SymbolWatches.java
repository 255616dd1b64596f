package com.supercandles.alert;


import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.SymbolIds;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-event work of the event watchdog, apart from Flink's operator: each symbol's figures and the
 * rules, grouped by kind of event (trade, put, cancel, snapshot) so that an event meets only the rules
 * that judge it. Judging allocates nothing unless a rule changes state (the JMH benchmark
 * {@code WatchdogBenchmark} measures both).
 *
 * <p>A symbol's figures lie in flat arrays at its id (see {@link WatchedSymbol} and {@link SymbolIds}).
 * Symbols are never removed (a symbol's figures are about 700 bytes).
 */
public final class SymbolWatches {
    static final int STREAMS = EventType.values().length;
    private static final int INITIAL_SYMBOLS = 1024;

    /** The rules that judge each kind of event ({@link EventKind}'s ordinal), in the order given. */
    private final EventRule[][] byKind = new EventRule[EventKind.ALL.length][];
    private final SymbolIds symbols = new SymbolIds(INITIAL_SYMBOLS);
    /** How many symbols the figures' arrays hold. */
    private int capacity = INITIAL_SYMBOLS;
    long[] hot = new long[INITIAL_SYMBOLS * WatchedSymbol.HOT];
    long[] lastFiring = new long[INITIAL_SYMBOLS * StreamWatchdog.SLOTS];
    /** Per symbol, a minute of order counts; null until the first order (the trade and book watchdogs never need them). */
    long[] seconds;
    private final WatchedSymbol view = new WatchedSymbol(this);
    private int[] batchIds = new int[0];
    private long touched;

    public SymbolWatches(List<EventRule> rules) {
        for (EventKind kind : EventKind.ALL) {
            List<EventRule> judging = new ArrayList<>();
            for (EventRule r : rules) {
                if (r.judges(kind)) {
                    judging.add(r);
                }
            }
            byKind[kind.ordinal()] = judging.toArray(new EventRule[0]);
        }
    }

    /** Every rule that is on in {@code settings}, except those that compare streams. */
    public static SymbolWatches perStream(WatchdogSettings settings) {
        return new SymbolWatches(StreamWatchdog.rules(settings, false));
    }

    /** Judges {@code e} against its symbol's figures; state changes go to {@code out}. */
    public void judge(MarketEvent e, Collector<Alert> out) {
        judge(e, idOf(e.symbol), out);
    }

    /**
     * Judges {@code events[0, n)} in order, as {@link #judge(MarketEvent, Collector)} one by one would.
     * First every event's symbol id and a read of its symbol's first figures, then the rules: the reads
     * do not wait on one another, so the cache misses on the symbols' figures (most of the watchdog's
     * cost in the job, where the parser and the pre-aggregator evict them) overlap instead of coming
     * one after the other.
     */
    public void judge(MarketEvent[] events, int n, Collector<Alert> out) {
        if (batchIds.length < n) {
            batchIds = new int[n];
        }
        long read = 0;
        for (int k = 0; k < n; k++) {
            MarketEvent e = events[k];
            int id = idOf(e.symbol);
            batchIds[k] = id;
            read += view.at(id).touch(e.ts, e.type == EventType.ORDER);
        }
        touched = read; // kept, so the compiler keeps the reads
        for (int k = 0; k < n; k++) {
            judge(events[k], batchIds[k], out);
        }
    }

    /** The symbol id of the {@code k}th event of the last {@link #judge(MarketEvent[], int, Collector)}. */
    int judgedId(int k) {
        return batchIds[k];
    }

    private void judge(MarketEvent e, int id, Collector<Alert> out) {
        WatchedSymbol w = view.at(id);
        if (e.type == EventType.ORDER) {
            // an order more than a minute behind the symbol's newest is outside every rate window: not counted
            w.countOrder(Math.floorDiv(e.ts, 1000L), e.action == OrderAction.PUT);
        }
        for (EventRule rule : byKind[EventKind.of(e).ordinal()]) {
            rule.check(e, w, out);
        }
    }

    /** The id of {@code symbol}, added (its figures those of a symbol never seen) if it is new. */
    private int idOf(String symbol) {
        int id = symbols.find(symbol);
        return id >= 0 ? id : add(symbol);
    }

    private int add(String symbol) {
        int id = symbols.add(symbol);
        if (symbols.capacity() > capacity) {
            capacity = symbols.capacity();
            hot = Arrays.copyOf(hot, capacity * WatchedSymbol.HOT);
            lastFiring = Arrays.copyOf(lastFiring, capacity * StreamWatchdog.SLOTS);
            seconds = seconds == null ? null : Arrays.copyOf(seconds, capacity * WatchedSymbol.SECONDS);
        }
        view.at(id).clear();
        return id;
    }

    /** Allocates every symbol's order counts at the first order. */
    void ensureSeconds() {
        if (seconds == null) {
            seconds = new long[capacity * WatchedSymbol.SECONDS];
        }
    }

    /** Every symbol's figures in their checkpoint form. */
    List<WatchEntry> checkpoint() {
        List<WatchEntry> all = new ArrayList<>(symbols.size());
        for (int id = 0; id < symbols.size(); id++) {
            all.add(new WatchEntry(symbols.symbol(id), checkpoint(id)));
        }
        return all;
    }

    /** The figures of the symbol of id {@code id} in their checkpoint form. */
    SymbolWatch checkpoint(int id) {
        return view.at(id).toCheckpoint();
    }

    /** The symbol of id {@code id}. */
    String symbol(int id) {
        return symbols.symbol(id);
    }

    /** Takes a symbol's figures from a checkpoint; returns its id. */
    int restore(String symbol, SymbolWatch watch) {
        int id = idOf(symbol);
        view.at(id).restore(watch);
        return id;
    }

    /** The view of the symbol of id {@code id} (ids count from 0 in the order symbols were first seen). */
    WatchedSymbol view(int id) {
        return view.at(id);
    }
}
