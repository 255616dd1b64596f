package com.supercandles.score;

import com.supercandles.event.JsonText;

/** One guard record as one JSON object; NaN as null. */
public final class GuardJson {
    private GuardJson() {}

    public static String toJson(GuardRecord r) {
        return JsonText.write(512, g -> {
            g.writeStartObject();
            g.writeStringField("symbol", r.symbol);
            g.writeStringField("period", r.period);
            g.writeNumberField("window_start", r.windowStart);
            g.writeNumberField("window_end", r.windowEnd);
            g.writeStringField("strategy", r.strategy);
            g.writeStringField("decision", r.decision);
            g.writeBooleanField("decision_changed", r.decisionChanged);
            g.writeBooleanField("phase_changed", r.phaseChanged);
            JsonText.writeRealField(g, "phase_error", r.phaseError);
            JsonText.writeRealField(g, "phase_threshold", r.phaseThreshold);
            JsonText.writeRealField(g, "sharpe", r.sharpe);
            JsonText.writeRealField(g, "backtest_sharpe", r.backtestSharpe);
            JsonText.writeRealField(g, "sharpe_se", r.sharpeSe);
            g.writeBooleanField("drifting", r.drifting);
            g.writeNumberField("bars", r.bars);
            g.writeEndObject();
        });
    }
}
