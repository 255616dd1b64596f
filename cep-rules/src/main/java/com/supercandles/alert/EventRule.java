package com.supercandles.alert;

import com.supercandles.alert.record.Alert;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import org.apache.flink.util.Collector;

import java.io.Serializable;

/** One watchdog rule over a symbol's events, in event time; its switch lives in {@link WatchedSymbol}. */
public abstract class EventRule implements Serializable {
    private static final long serialVersionUID = 1L;

    protected final RuleSettings settings;
    /** The first switch slot of this rule in {@link WatchedSymbol}. */
    protected final int slot;

    protected EventRule(RuleSettings settings, int slot) {
        this.settings = settings;
        this.slot = slot;
    }

    /** How many switch slots the rule uses (one per stream for per-stream rules). */
    public int slots() {
        return 1;
    }

    /**
     * Whether the rule judges events of {@code type} (and, for orders, {@code action}): the watchdog
     * calls {@link #check} only for those, so an event meets only its own rules.
     */
    public boolean judges(EventType type, OrderAction action) {
        return true;
    }

    /** Judges {@code e} after it is added to {@code w}; emits a state change, if any. */
    public abstract void check(MarketEvent e, WatchedSymbol w, Collector<Alert> out);

    /**
     * Feeds the condition to the rule's switch {@code offset}: {@link Alert#FIRING}, {@link Alert#RESOLVED}
     * or null (no change, the usual case: then nothing is built, no message, no allocation).
     */
    protected String change(WatchedSymbol w, int offset, boolean condition, MarketEvent e) {
        return w.change(slot + offset, condition, e.ts, settings.cooldownMs);
    }

    /**
     * Emits a state change with its message: what happened, then (FIRING) what to look at; a RESOLVED
     * says what is the case now, without the advice.
     */
    protected void emit(String change, MarketEvent e, String stream, double value, String what, String advice,
                        Collector<Alert> out) {
        out.collect(Alert.of(settings.rule, e.symbol, stream, settings.severity, change, value, settings.threshold,
                e.ts, change.equals(Alert.RESOLVED) ? "resolved: " + what : what + ": " + advice));
    }
}
