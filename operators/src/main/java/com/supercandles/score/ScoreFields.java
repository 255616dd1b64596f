package com.supercandles.score;

import com.supercandles.fields.FieldTable;

/** A model score record's fields; NaN as null. */
public final class ScoreFields {
    public static final FieldTable<ScoreRecord> TABLE = FieldTable.<ScoreRecord>builder(512)
            .text("symbol", r -> r.symbol)
            .text("period", r -> r.period)
            .time("window_start", r -> r.windowStart)
            .time("window_end", r -> r.windowEnd)
            .text("model", r -> r.model)
            .real("close", r -> r.close)
            .definedReal("p_up", r -> r.pUp)
            .definedReal("p_down", r -> r.pDown)
            .definedReal("score", r -> r.score)
            .small("band", r -> r.band)
            .flag("band_changed", r -> r.bandChanged)
            .real("phase_error", r -> r.phaseError)
            .real("phase_threshold", r -> r.phaseThreshold)
            .flag("phase_changed", r -> r.phaseChanged)
            .build();

    private ScoreFields() {}
}
