package com.supercandles.alert;

import com.supercandles.fields.FieldTable;

/** A market-anomaly follow-up's fields: {@code alert_id, rule, symbol, alert_time, minutes, close_then, close_now, move_pct}. */
public final class AnomalyFollowUpFields {
    public static final FieldTable<AnomalyFollowUp> TABLE = FieldTable.<AnomalyFollowUp>builder(256)
            .text("alert_id", f -> f.alertId)
            .text("rule", f -> f.rule)
            .text("symbol", f -> f.symbol)
            .time("alert_time", f -> f.alertTime)
            .count("minutes", f -> f.minutes)
            .real("close_then", f -> f.closeThen)
            .real("close_now", f -> f.closeNow)
            .real("move_pct", f -> f.movePct)
            .build();

    private AnomalyFollowUpFields() {}
}
