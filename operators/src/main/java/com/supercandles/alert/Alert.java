package com.supercandles.alert;

/**
 * One state change of a watchdog rule: the contract's alert record ({@code analytics.md}, "Alerts").
 * {@code stream} is added for the feed rules (null where a rule watches a whole symbol): the same rule
 * may fire for each stream of a symbol. NaN value or threshold is null.
 */
public class Alert {
    public static final String FIRING = "FIRING";
    public static final String RESOLVED = "RESOLVED";

    public String alertId;
    public String rule;
    public String symbol;
    public String stream;
    /** info, warning or critical. */
    public String severity;
    /** {@link #FIRING} or {@link #RESOLVED}. */
    public String state;
    public double value = Double.NaN;
    public double threshold = Double.NaN;
    /** When the state changed, in event time (the triggering event's ts, or a window's end), epoch ms. */
    public long eventTime;
    /** When the job wrote it, epoch ms (processing time; not part of the id). */
    public long emittedAt;
    public String message;

    public Alert() {}

    /** An alert with its deterministic id; {@code emittedAt} is now. */
    public static Alert of(String rule, String symbol, String stream, Severity severity, String state, double value,
                           double threshold, long eventTime, String message) {
        Alert a = new Alert();
        a.rule = rule;
        a.symbol = symbol;
        a.stream = stream;
        a.severity = severity.wireName;
        a.state = state;
        a.value = value;
        a.threshold = threshold;
        a.eventTime = eventTime;
        a.emittedAt = System.currentTimeMillis();
        a.message = message;
        a.alertId = AlertIds.of(rule, symbol, stream, state, eventTime);
        return a;
    }

    public boolean firing() {
        return FIRING.equals(state);
    }

    @Override
    public String toString() {
        return AlertFields.TABLE.toJson(this);
    }
}
