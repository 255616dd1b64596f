package com.supercandles.alert;


import com.supercandles.event.MarketEvent;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/**
 * One watchdog rule over a symbol's events, in event time; its switches live in {@link WatchedSymbol}.
 * A rule declares once, to this constructor, how many switch slots it uses and which kinds of event it
 * judges; it is registered in {@link EventRules}, which gives it its first slot. Sealed: a new rule is
 * named here, and a test checks that every rule named here is registered.
 */
public abstract sealed class EventRule implements Serializable
        permits TsBackwardsRule, TradeCorridorRule, OrderRateRule, CancelsPerPutRule, BigOrderRule, OrderOffMidRule,
        LatencyRule {
    private static final long serialVersionUID = 1L;

    protected final RuleSettings settings;
    /** The first switch slot of this rule in {@link WatchedSymbol} (given by {@link EventRules}). */
    protected final int slot;
    private final int slots;
    private final EnumSet<EventKind> judged;

    /**
     * @param slot   the first switch slot, as {@link EventRules} passes it
     * @param slots  how many switch slots the rule uses (one per stream for per-stream rules)
     * @param judged the kinds of event the rule judges: {@link #check} is called only for those
     */
    protected EventRule(RuleSettings settings, int slot, int slots, EventKind... judged) {
        if (slots < 1 || judged.length == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " must use a slot and judge a kind of event");
        }
        this.settings = settings;
        this.slot = slot;
        this.slots = slots;
        this.judged = EnumSet.of(judged[0], judged);
    }

    /** How many switch slots the rule uses. */
    public final int slots() {
        return slots;
    }

    /** The kinds of event the rule judges. */
    public final Set<EventKind> judged() {
        return java.util.Collections.unmodifiableSet(judged);
    }

    /** Whether the rule judges events of {@code kind}: the watchdog calls {@link #check} only for those. */
    public final boolean judges(EventKind kind) {
        return judged.contains(kind);
    }

    /** Judges {@code e}, one of the kinds the rule judges, after it is added to {@code w}; emits a state change, if any. */
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
