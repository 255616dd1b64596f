package com.supercandles.score;

import com.supercandles.event.JsonText;

/** One score record as one JSON object; NaN as null, doubles at full precision. */
public final class ScoreJson {
    private ScoreJson() {}

    public static String toJson(ScoreRecord r) {
        return JsonText.write(512, g -> {
            g.writeStartObject();
            g.writeStringField("symbol", r.symbol);
            g.writeStringField("period", r.period);
            g.writeNumberField("window_start", r.windowStart);
            g.writeNumberField("window_end", r.windowEnd);
            g.writeStringField("model", r.model);
            JsonText.writeRealField(g, "close", r.close);
            JsonText.writeRealField(g, "p_up", r.pUp);
            JsonText.writeRealField(g, "p_down", r.pDown);
            JsonText.writeRealField(g, "score", r.score);
            g.writeNumberField("band", r.band);
            g.writeBooleanField("band_changed", r.bandChanged);
            JsonText.writeRealField(g, "phase_error", r.phaseError);
            JsonText.writeRealField(g, "phase_threshold", r.phaseThreshold);
            g.writeBooleanField("phase_changed", r.phaseChanged);
            g.writeEndObject();
        });
    }
}
