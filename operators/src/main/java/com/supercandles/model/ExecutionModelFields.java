package com.supercandles.model;

import com.supercandles.fields.FieldTable;

/** An execution-model record's fields; NaN (undefined) as null, doubles at full precision. */
public final class ExecutionModelFields {
    public static final FieldTable<ExecutionModelRecord> TABLE = FieldTable.<ExecutionModelRecord>builder(768)
            .text("symbol", r -> r.symbol)
            .text("side", r -> r.side)
            .text("period", r -> r.period)
            .time("window_start", r -> r.windowStart)
            .time("window_end", r -> r.windowEnd)
            .count("lookback_ms", r -> r.lookbackMs)
            .count("bucket_ms", r -> r.bucketMs)
            .count("n", r -> r.n)
            .real("m", r -> r.m)
            .real("p_m", r -> r.pM)
            .real("alpha", r -> r.alpha)
            .definedReals("depth_multiples", r -> r.depthMultiples)
            .reals("fill_probability", r -> r.fillProbability)
            .real("fit_error", r -> r.fitError)
            .count("impact_buckets", r -> r.impactBuckets)
            .real("impact_a", r -> r.impactA)
            .real("impact_b", r -> r.impactB)
            .real("q_star", r -> r.qStar)
            .real("g_star", r -> r.gStar)
            .count("tick_groups", r -> r.tickGroups)
            .reals("tick_fractions", r -> r.tickFractions)
            .build();

    private ExecutionModelFields() {}
}
