package com.supercandles.signal;

import com.supercandles.fields.FieldTable;
import com.supercandles.fields.RecordField;

import java.util.List;

/** A signal record's fields, in the contract's order; NaN as null. */
public final class SignalFields {
    /** The score fields, in the record's order. */
    public static final String[] SCORES = {"total_return", "cagr", "sharpe", "smart_sharpe", "sortino",
            "smart_sortino", "sortino_sqrt2", "prob_sharpe", "omega", "max_drawdown", "time_in_market"};

    /** How each score field is read, in the order of {@link #SCORES}. */
    private static final List<RecordField.Real<SignalRecord>> SCORE_VALUES = List.of(r -> r.totalReturn, r -> r.cagr,
            r -> r.sharpe, r -> r.smartSharpe, r -> r.sortino, r -> r.smartSortino, r -> r.sortinoSqrt2,
            r -> r.probSharpe, r -> r.omega, r -> r.maxDrawdown, r -> r.timeInMarket);

    public static final FieldTable<SignalRecord> TABLE = table();

    private SignalFields() {}

    /** The score fields' values, in the order of {@link #SCORES}. */
    public static double[] scores(SignalRecord r) {
        double[] values = new double[SCORES.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = SCORE_VALUES.get(i).applyAsDouble(r);
        }
        return values;
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
            t.real(SCORES[i], SCORE_VALUES.get(i));
        }
        return t.build();
    }
}
