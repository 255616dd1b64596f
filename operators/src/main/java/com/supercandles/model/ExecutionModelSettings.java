package com.supercandles.model;

import com.supercandles.candle.Period;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;

/** Lookback, bucket size, reported depths and the candle period at whose close the model runs. */
public final class ExecutionModelSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
    public static final Duration DEFAULT_BUCKET = Duration.ofSeconds(1);
    public static final double[] DEFAULT_DEPTHS = {0.5, 1, 2, 3, 5};

    private final Period period;
    private final long lookbackMs;
    private final long bucketMs;
    private final double[] depthMultiples;

    public ExecutionModelSettings(Period period, Duration lookback, Duration bucket, double[] depthMultiples) {
        long l = lookback.toMillis();
        long d = bucket.toMillis();
        if (d <= 0 || l <= 0) {
            throw new IllegalArgumentException("model lookback and bucket must be positive");
        }
        if (l % d != 0 || l < d) {
            throw new IllegalArgumentException("model lookback (" + lookback + ") must be a whole number of buckets ("
                    + bucket + ")");
        }
        if (period.millis() % d != 0) {
            throw new IllegalArgumentException("model period " + period + " must be a whole number of buckets ("
                    + bucket + ") so that a lookback ends on a bucket boundary");
        }
        if (depthMultiples.length == 0) {
            throw new IllegalArgumentException("at least one depth multiple is needed");
        }
        for (double q : depthMultiples) {
            if (!(q >= 0) || Double.isInfinite(q)) {
                throw new IllegalArgumentException("depth multiples must be finite and >= 0, got " + q);
            }
        }
        this.period = period;
        this.lookbackMs = l;
        this.bucketMs = d;
        this.depthMultiples = depthMultiples.clone();
    }

    public static ExecutionModelSettings defaults(Period period) {
        return new ExecutionModelSettings(period, DEFAULT_LOOKBACK, DEFAULT_BUCKET, DEFAULT_DEPTHS);
    }

    /** Parses {@code 0.5,1,2,3,5}. */
    public static double[] parseDepths(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model depths must be numbers separated by commas, e.g. 0.5,1,2,3,5; got '"
                    + text + "'");
        }
    }

    public Period period() {
        return period;
    }

    public long lookbackMs() {
        return lookbackMs;
    }

    public long bucketMs() {
        return bucketMs;
    }

    public double[] depthMultiples() {
        return depthMultiples.clone();
    }
}
