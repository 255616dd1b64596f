package com.supercandles.score;

import com.supercandles.candle.SuperCandle;

import java.util.ArrayList;
import java.util.List;

/**
 * The model score's features of one symbol ({@code analytics.md}, "Model score"): the candle's own
 * fields, log returns of the close over k candles, and rolling z-scores, each built from the candles
 * up to and including the one just pushed, never a later one. It is the one code path for the trainer
 * (offline, over a candle file) and for live scoring (the same object in keyed state): candles go in
 * in window order, one {@link #push} per candle, and its features come out. NaN where a feature is not
 * defined yet (too few candles, a candle without trades). A Flink POJO (flat arrays): it is keyed state.
 */
public class CandleFeatures {
    /** Bump when a feature's definition changes: a model trained on other features is refused. */
    public static final int VERSION = 1;
    /** The candle fields taken as they are. */
    public static final List<String> FIELDS = List.of("disb", "pr_change", "pr_std", "vol", "trades", "spread_bbo",
            "levels_b", "levels_s", "imbalance_vol", "imbalance_vol_bbo", "put_vol_b", "put_vol_s", "cancel_vol_b",
            "cancel_vol_s");
    /** Log returns of the close over these many candles. */
    public static final int[] RETURNS = {1, 5, 15};
    /** Candles in a z-score's window, and the values it standardizes. */
    public static final int Z_WINDOW = 20;
    static final String[] Z_OF = {"vol", "disb", "ret_1"};
    /** Candles after which every feature is defined (the longest return and a full z-score window). */
    public static final int WARM_UP = Math.max(RETURNS[RETURNS.length - 1] + 1, Z_WINDOW);
    /** How many features {@link #push} returns. */
    public static final int COUNT = FIELDS.size() + RETURNS.length + Z_OF.length;
    private static final int VOL = FIELDS.indexOf("vol");
    private static final int DISB = FIELDS.indexOf("disb");

    /** The last closes (ring by {@code pushed}), and the z-scores' windows, one after the other. */
    public double[] closes = new double[RETURNS[RETURNS.length - 1] + 1];
    public double[] zValues = new double[Z_OF.length * Z_WINDOW];
    public long pushed;

    public CandleFeatures() {}

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

    /** Whether the candles pushed so far define every feature (the phase guard judges only such candles). */
    public boolean warm() {
        return pushed >= WARM_UP;
    }

    public double[] push(SuperCandle c) {
        return push(ModelBar.of(c));
    }

    /** Adds the next candle of the symbol (window order) and returns its features. */
    public double[] push(ModelBar bar) {
        double[] f = new double[COUNT];
        System.arraycopy(bar.fields, 0, f, 0, FIELDS.size());
        int i = FIELDS.size();
        closes[(int) (pushed % closes.length)] = bar.close;
        for (int k : RETURNS) {
            double then = pushed >= k ? closes[(int) ((pushed - k) % closes.length)] : Double.NaN;
            f[i++] = Math.log(bar.close / then); // NaN when either is NaN
        }
        double[] zInputs = {bar.fields[VOL], bar.fields[DISB], f[FIELDS.size()]};
        int n = (int) Math.min(pushed + 1, Z_WINDOW);
        for (int z = 0; z < Z_OF.length; z++) {
            zValues[z * Z_WINDOW + (int) (pushed % Z_WINDOW)] = zInputs[z];
            f[i++] = zScore(zValues, z * Z_WINDOW, n, zInputs[z]);
        }
        pushed++;
        return f;
    }

    /** (x - mean) / population standard deviation over {@code n} values from {@code from}; NaN ones left out. */
    static double zScore(double[] values, int from, int n, double x) {
        double sum = 0;
        double sumSq = 0;
        int count = 0;
        for (int j = from; j < from + n; j++) {
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
}
