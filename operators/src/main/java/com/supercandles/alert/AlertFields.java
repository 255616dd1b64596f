package com.supercandles.alert;

import com.supercandles.fields.FieldTable;

/**
 * An alert's fields, the contract's in its order (plus {@code stream}); NaN as null. The table also
 * keeps the event time to the millisecond ({@code event_time_ms}: its DateTime has whole seconds), and
 * versions a row by when the alert was emitted.
 */
public final class AlertFields {
    public static final FieldTable<Alert> TABLE = FieldTable.<Alert>builder(384)
            .text("alert_id", a -> a.alertId)
            .text("rule", a -> a.rule)
            .text("symbol", a -> a.symbol)
            .optionalText("stream", a -> a.stream)
            .text("severity", a -> a.severity)
            .text("state", a -> a.state)
            .real("value", a -> a.value)
            .real("threshold", a -> a.threshold)
            .time("event_time", a -> a.eventTime)
            .count("event_time_ms", a -> a.eventTime).tableOnly()
            .time("emitted_at", a -> a.emittedAt)
            .text("message", a -> a.message)
            .versionedBy(a -> a.emittedAt)
            .build();

    private AlertFields() {}
}
