package com.supercandles.score;

import com.supercandles.fields.FieldTable;

/** A market-phase guard record's fields; NaN as null. */
public final class GuardFields {
    public static final FieldTable<GuardRecord> TABLE = FieldTable.<GuardRecord>builder(512)
            .text("symbol", r -> r.symbol)
            .text("period", r -> r.period)
            .time("window_start", r -> r.windowStart)
            .time("window_end", r -> r.windowEnd)
            .text("strategy", r -> r.strategy)
            .text("decision", r -> r.decision)
            .flag("decision_changed", r -> r.decisionChanged)
            .flag("phase_changed", r -> r.phaseChanged)
            .real("phase_error", r -> r.phaseError)
            .real("phase_threshold", r -> r.phaseThreshold)
            .real("sharpe", r -> r.sharpe)
            .real("backtest_sharpe", r -> r.backtestSharpe)
            .real("sharpe_se", r -> r.sharpeSe)
            .flag("drifting", r -> r.drifting)
            .count("bars", r -> r.bars)
            .build();

    private GuardFields() {}
}
