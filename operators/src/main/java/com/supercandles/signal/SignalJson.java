package com.supercandles.signal;

import com.supercandles.event.JsonText;

/** One signal record as one JSON object, fields in the contract's order; NaN as null. */
public final class SignalJson {
    /** The score fields, in the record's order. */
    public static final String[] SCORES = {"total_return", "cagr", "sharpe", "smart_sharpe", "sortino",
            "smart_sortino", "sortino_sqrt2", "prob_sharpe", "omega", "max_drawdown", "time_in_market"};

    private SignalJson() {}

    public static double[] scores(SignalRecord r) {
        return new double[] {r.totalReturn, r.cagr, r.sharpe, r.smartSharpe, r.sortino, r.smartSortino,
                r.sortinoSqrt2, r.probSharpe, r.omega, r.maxDrawdown, r.timeInMarket};
    }

    public static String toJson(SignalRecord r) {
        return JsonText.write(640, g -> {
            g.writeStartObject();
            g.writeStringField("symbol", r.symbol);
            g.writeStringField("period", r.period);
            g.writeNumberField("window_start", r.windowStart);
            g.writeNumberField("window_end", r.windowEnd);
            g.writeStringField("strategy", r.strategy);
            g.writeNumberField("position", r.position);
            JsonText.writeRealField(g, "close", r.close);
            JsonText.writeRealField(g, "ret", r.ret);
            JsonText.writeRealField(g, "equity", r.equity);
            g.writeNumberField("trades", r.trades);
            g.writeNumberField("n", r.n);
            double[] scores = scores(r);
            for (int i = 0; i < SCORES.length; i++) {
                JsonText.writeRealField(g, SCORES[i], scores[i]);
            }
            g.writeEndObject();
        });
    }
}
