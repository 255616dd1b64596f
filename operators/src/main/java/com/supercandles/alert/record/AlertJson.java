package com.supercandles.alert.record;

import com.supercandles.event.JsonText;

/** One alert as one JSON object, the contract's fields in its order (plus {@code stream}); NaN as null. */
public final class AlertJson {
    private AlertJson() {}

    public static String toJson(Alert a) {
        return JsonText.write(384, g -> {
            g.writeStartObject();
            g.writeStringField("alert_id", a.alertId);
            g.writeStringField("rule", a.rule);
            g.writeStringField("symbol", a.symbol);
            g.writeStringField("stream", a.stream);
            g.writeStringField("severity", a.severity);
            g.writeStringField("state", a.state);
            JsonText.writeRealField(g, "value", a.value);
            JsonText.writeRealField(g, "threshold", a.threshold);
            g.writeNumberField("event_time", a.eventTime);
            g.writeNumberField("emitted_at", a.emittedAt);
            g.writeStringField("message", a.message);
            g.writeEndObject();
        });
    }
}
