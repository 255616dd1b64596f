package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

import java.time.Instant;

/** The text a person reads: what happened (severity, state, rule), where (symbol, stream, when) and the message. */
public final class AlertText {
    private AlertText() {}

    public static String of(Alert a) {
        StringBuilder t = new StringBuilder();
        t.append(a.firing() ? "\u26a0 " : "\u2705 ").append(a.severity.toUpperCase()).append(' ').append(a.state)
                .append(": ").append(a.rule).append(" on ").append(a.symbol);
        if (a.stream != null) {
            t.append(" (").append(a.stream).append(')');
        }
        t.append(" at ").append(Instant.ofEpochMilli(a.eventTime)).append('\n').append(a.message);
        if (!Double.isNaN(a.value)) {
            t.append("\nvalue ").append(a.value);
            if (!Double.isNaN(a.threshold)) {
                t.append(", threshold ").append(a.threshold);
            }
        }
        return t.append("\nalert ").append(a.alertId).toString();
    }
}
