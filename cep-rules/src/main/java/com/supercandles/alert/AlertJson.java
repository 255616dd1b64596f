package com.supercandles.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.supercandles.event.JsonText;

import java.io.IOException;

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
            real(g, "value", a.value);
            real(g, "threshold", a.threshold);
            g.writeNumberField("event_time", a.eventTime);
            g.writeNumberField("emitted_at", a.emittedAt);
            g.writeStringField("message", a.message);
            g.writeEndObject();
        });
    }

    private static void real(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        JsonText.writeReal(g, v);
    }
}
