package com.supercandles.score;

import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleFields;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model score's features of one symbol ({@code analytics.md}, "Model score"): the candle's own
 * fields, log returns of the close over k candles, and rolling z-scores, each built from the candles
 * up to and including the one just pushed, never a later one. It is the one code path for the trainer
 * (offline, over a candle file) and for live scoring (the same object in keyed state): candles go in
 * in window order, one {@link #push} per candle, and its features come out. NaN where a feature is not
 * defined yet (too few candles, a candle without trades).
 */
public final class CandleFeatures implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The candle fields taken as they are. */
    public static final List<String> FIELDS = List.of("disb", "pr_change", "pr_std", "vol", "trades", "spread_bbo",
            "levels_b", "levels_s", "imbalance_vol", "imbalance_vol_bbo", "put_vol_b", "put_vol_s", "cancel_vol_b",
            "cancel_vol_s");
    /** Log returns of the close over these many candles. */
    public static final int[] RETURNS = {1, 5, 15};
    /** Candles in a z-score's window, and the values it standardizes. */
    public static final int Z_WINDOW = 20;
    static final String[] Z_OF = {"vol", "disb", "ret_1"};

    private final double[] closes = new double[RETURNS[RETURNS.length - 1] + 1];
    private final double[][] zValues = new double[Z_OF.length][Z_WINDOW];
    private long pushed;

    /** The features' names, in the order of {@link #push}'s array. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(FIELDS);
        for (int k : RETURNS) {
            names.add("ret_" + k);
        }
        for (String z : Z_OF) {
            names.add("z" + Z_WINDOW + "_" + z);
        }
        return names;
    }

    /** Adds the next candle of the symbol (window order) and returns its features. */
    public double[] push(SuperCandle c) {
        double[] f = new double[FIELDS.size() + RETURNS.length + Z_OF.length];
        int i = 0;
        for (SuperCandleFields.Field field : BY_INDEX) {
            f[i++] = field.kind() == SuperCandleFields.Kind.INTEGER ? field.integer(c) : field.real(c);
        }
        int slot = (int) (pushed % closes.length);
        closes[slot] = c.prClose;
        for (int k : RETURNS) {
            double then = pushed >= k ? closes[(int) ((pushed - k) % closes.length)] : Double.NaN;
            f[i++] = Math.log(c.prClose / then); // NaN when either is NaN
        }
        double[] zInputs = {c.trades.vol, c.disb, f[FIELDS.size()]};
        for (int z = 0; z < Z_OF.length; z++) {
            zValues[z][(int) (pushed % Z_WINDOW)] = zInputs[z];
            f[i++] = zScore(zValues[z], (int) Math.min(pushed + 1, Z_WINDOW), zInputs[z]);
        }
        pushed++;
        return f;
    }

    /** (x - mean) / population standard deviation over the first {@code n} values; NaN ones left out. */
    static double zScore(double[] values, int n, double x) {
        double sum = 0;
        double sumSq = 0;
        int count = 0;
        for (int j = 0; j < n; j++) {
            if (!Double.isNaN(values[j])) {
                sum += values[j];
                sumSq += values[j] * values[j];
                count++;
            }
        }
        if (count < 2 || Double.isNaN(x)) {
            return Double.NaN;
        }
        double mean = sum / count;
        double var = Math.max(0, sumSq / count - mean * mean);
        return var == 0 ? 0 : (x - mean) / Math.sqrt(var);
    }

    private static final SuperCandleFields.Field[] BY_INDEX = fields();

    private static SuperCandleFields.Field[] fields() {
        SuperCandleFields.Field[] out = new SuperCandleFields.Field[FIELDS.size()];
        for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
            int at = FIELDS.indexOf(f.name());
            if (at >= 0) {
                out[at] = f;
            }
        }
        if (Arrays.asList(out).contains(null)) {
            throw new IllegalStateException("a feature names no SuperCandle field: " + FIELDS);
        }
        return out;
    }
}
