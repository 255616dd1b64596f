package com.supercandles.alert.record;

import com.supercandles.event.JsonText;

/** A follow-up as one JSON object: {@code alert_id, rule, symbol, alert_time, minutes, close_then, close_now, move_pct}. */
public final class AnomalyFollowUpJson {
    private AnomalyFollowUpJson() {}

    public static String toJson(AnomalyFollowUp f) {
        return JsonText.write(256, g -> {
            g.writeStartObject();
            g.writeStringField("alert_id", f.alertId);
            g.writeStringField("rule", f.rule);
            g.writeStringField("symbol", f.symbol);
            g.writeNumberField("alert_time", f.alertTime);
            g.writeNumberField("minutes", f.minutes);
            JsonText.writeRealField(g, "close_then", f.closeThen);
            JsonText.writeRealField(g, "close_now", f.closeNow);
            JsonText.writeRealField(g, "move_pct", f.movePct);
            g.writeEndObject();
        });
    }
}
