package com.supercandles.score;

import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleFields;

import java.util.Arrays;
import java.util.List;

/**
 * What the model score reads of one candle: its key and times, the prices its labels need, and the
 * values of {@link CandleFeatures#FIELDS} (NaN for null). The job builds it from a {@link SuperCandle},
 * the trainer from a candle file's JSON line through {@link #of(String, String, long, long, ValueOf)}:
 * the file holds every double at full precision, so both give the same bits.
 */
public final class ModelBar {
    public final String symbol;
    public final String period;
    public final long windowStart;
    public final long windowEnd;
    public final double close;
    public final double high;
    public final double low;
    /** {@link CandleFeatures#FIELDS}' values, in that order. */
    final double[] fields;

    private ModelBar(String symbol, String period, long windowStart, long windowEnd, double close, double high,
                     double low, double[] fields) {
        this.symbol = symbol;
        this.period = period;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        this.close = close;
        this.high = high;
        this.low = low;
        this.fields = fields;
    }

    /** A named candle field's value (NaN for null or absent). */
    @FunctionalInterface
    public interface ValueOf {
        double value(String field);
    }

    public static ModelBar of(String symbol, String period, long windowStart, long windowEnd, ValueOf values) {
        double[] fields = new double[CandleFeatures.FIELDS.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = values.value(CandleFeatures.FIELDS.get(i));
        }
        return new ModelBar(symbol, period, windowStart, windowEnd, values.value("pr_close"), values.value("pr_high"),
                values.value("pr_low"), fields);
    }

    public static ModelBar of(SuperCandle c) {
        double[] fields = new double[BY_INDEX.length];
        for (int i = 0; i < fields.length; i++) {
            SuperCandleFields.Field f = BY_INDEX[i];
            fields[i] = f.kind() == SuperCandleFields.Kind.INTEGER ? f.integer(c) : f.real(c);
        }
        return new ModelBar(c.symbol, c.period, c.windowStart, c.windowEnd, c.prClose, c.prHigh, c.prLow, fields);
    }

    /** The field named {@code name} (one of {@link CandleFeatures#FIELDS}). */
    double field(String name) {
        return fields[CandleFeatures.FIELDS.indexOf(name)];
    }

    private static final SuperCandleFields.Field[] BY_INDEX = byIndex(CandleFeatures.FIELDS);

    private static SuperCandleFields.Field[] byIndex(List<String> names) {
        SuperCandleFields.Field[] out = new SuperCandleFields.Field[names.size()];
        for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
            int at = names.indexOf(f.name());
            if (at >= 0) {
                out[at] = f;
            }
        }
        if (Arrays.asList(out).contains(null)) {
            throw new IllegalStateException("a feature names no SuperCandle field: " + names);
        }
        return out;
    }
}
