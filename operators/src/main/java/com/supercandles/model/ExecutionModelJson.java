package com.supercandles.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.supercandles.event.JsonText;

import java.io.IOException;

/** One model record as one JSON object; NaN (undefined) as null, doubles at full precision. */
public final class ExecutionModelJson {
    private ExecutionModelJson() {}

    public static String toJson(ExecutionModelRecord r) {
        return JsonText.write(768, g -> {
            g.writeStartObject();
            g.writeStringField("symbol", r.symbol);
            g.writeStringField("side", r.side);
            g.writeStringField("period", r.period);
            g.writeNumberField("window_start", r.windowStart);
            g.writeNumberField("window_end", r.windowEnd);
            g.writeNumberField("lookback_ms", r.lookbackMs);
            g.writeNumberField("bucket_ms", r.bucketMs);
            g.writeNumberField("n", r.n);
            JsonText.writeRealField(g, "m", r.m);
            JsonText.writeRealField(g, "p_m", r.pM);
            JsonText.writeRealField(g, "alpha", r.alpha);
            reals(g, "depth_multiples", r.depthMultiples);
            reals(g, "fill_probability", r.fillProbability);
            JsonText.writeRealField(g, "fit_error", r.fitError);
            g.writeNumberField("impact_buckets", r.impactBuckets);
            JsonText.writeRealField(g, "impact_a", r.impactA);
            JsonText.writeRealField(g, "impact_b", r.impactB);
            JsonText.writeRealField(g, "q_star", r.qStar);
            JsonText.writeRealField(g, "g_star", r.gStar);
            g.writeNumberField("tick_groups", r.tickGroups);
            reals(g, "tick_fractions", r.tickFractions);
            g.writeEndObject();
        });
    }

    private static void reals(JsonGenerator g, String name, double[] vs) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : vs) {
            JsonText.writeReal(g, v);
        }
        g.writeEndArray();
    }
}
