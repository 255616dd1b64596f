package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

import java.time.Instant;

/**
 * The text a person reads: what happened (severity, state, rule), where (symbol, stream, when) and the
 * message, then the value and the alert id, always on the last line.
 */
public final class AlertText {
    private static final String CUT = "\u2026";

    private AlertText() {}

    public static String of(Alert a) {
        return of(a, Integer.MAX_VALUE);
    }

    /**
     * At most {@code maxChars} UTF-16 units (a chat's limit): a longer message is cut, with an ellipsis,
     * and the lines around it are kept whole.
     */
    public static String of(Alert a, int maxChars) {
        StringBuilder head = new StringBuilder();
        head.append(a.firing() ? "\u26a0 " : "\u2705 ").append(a.severity.toUpperCase()).append(' ').append(a.state)
                .append(": ").append(a.rule).append(" on ").append(a.symbol);
        if (a.stream != null) {
            head.append(" (").append(a.stream).append(')');
        }
        head.append(" at ").append(Instant.ofEpochMilli(a.eventTime)).append('\n');
        StringBuilder tail = new StringBuilder();
        if (!Double.isNaN(a.value)) {
            tail.append("\nvalue ").append(a.value);
            if (!Double.isNaN(a.threshold)) {
                tail.append(", threshold ").append(a.threshold);
            }
        }
        tail.append("\nalert ").append(a.alertId);
        String message = a.message == null ? "" : a.message;
        int room = maxChars - head.length() - tail.length();
        if (message.length() > room) {
            int keep = Math.max(0, room - CUT.length());
            if (keep > 0 && Character.isHighSurrogate(message.charAt(keep - 1))) {
                keep--; // never half a character
            }
            message = message.substring(0, keep) + CUT;
        }
        return head.append(message).append(tail).toString();
    }
}
