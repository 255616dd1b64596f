package com.supercandles.signal;

import com.supercandles.fields.FieldTable;

/** A signal record's fields, in the contract's order; NaN as null. */
public final class SignalFields {
    /** The score fields, in the record's order. */
    public static final String[] SCORES = {"total_return", "cagr", "sharpe", "smart_sharpe", "sortino",
            "smart_sortino", "sortino_sqrt2", "prob_sharpe", "omega", "max_drawdown", "time_in_market"};

    public static final FieldTable<SignalRecord> TABLE = table();

    private SignalFields() {}

    /** The score fields' values, in the order of {@link #SCORES}. */
    public static double[] scores(SignalRecord r) {
        return new double[] {r.totalReturn, r.cagr, r.sharpe, r.smartSharpe, r.sortino, r.smartSortino,
                r.sortinoSqrt2, r.probSharpe, r.omega, r.maxDrawdown, r.timeInMarket};
    }

    private static FieldTable<SignalRecord> table() {
        FieldTable.Builder<SignalRecord> t = FieldTable.<SignalRecord>builder(640)
                .text("symbol", r -> r.symbol)
                .text("period", r -> r.period)
                .time("window_start", r -> r.windowStart)
                .time("window_end", r -> r.windowEnd)
                .text("strategy", r -> r.strategy)
                .small("position", r -> r.position)
                .real("close", r -> r.close)
                .definedReal("ret", r -> r.ret)
                .definedReal("equity", r -> r.equity)
                .count("trades", r -> r.trades)
                .count("n", r -> r.n);
        for (int i = 0; i < SCORES.length; i++) {
            int score = i;
            t.real(SCORES[i], r -> scores(r)[score]);
        }
        return t.build();
    }
}
