package com.supercandles.sinks.alert;

import com.supercandles.fields.FieldTable;

/** The columns of the {@code alert_deliveries} table: one delivery state of one alert at one receiver. */
public final class AlertDeliveryFields {
    public static final String TABLE_NAME = "alert_deliveries";

    public static final FieldTable<AlertDelivery> TABLE = FieldTable.<AlertDelivery>builder(256)
            .text("alert_id", d -> d.alert.alertId)
            .text("receiver", d -> d.receiver)
            .text("rule", d -> d.alert.rule)
            .text("symbol", d -> d.alert.symbol)
            .optionalText("stream", d -> d.alert.stream)
            .text("state", d -> d.alert.state)
            .time("event_time", d -> d.alert.eventTime)
            .text("delivery", d -> d.delivery)
            .count("attempts", d -> d.attempts)
            .text("reason", d -> d.reason)
            .time("updated_at", d -> d.updatedAt)
            .versionedBy(AlertDelivery::version)
            .build();

    private AlertDeliveryFields() {}
}
