package com.supercandles.score;

import java.io.Serializable;

/**
 * Feature scaling learned on the training rows: {@code (x - mean) / sd}, clipped to +-{@link #CLIP}
 * (heavy-tailed volumes would otherwise dominate a linear model), and 0 (the mean) where the value
 * is missing. Shared by the linear classifier and the phase model.
 */
public final class Standardizer implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final double CLIP = 8;

    public final double[] mean;
    public final double[] sd;

    public Standardizer(double[] mean, double[] sd) {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("mean and sd of different lengths");
        }
        this.mean = mean;
        this.sd = sd;
    }

    /** Mean and population sd of each column over the rows, NaN left out (sd 1 where it is 0 or undefined). */
    public static Standardizer fit(double[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            long n = 0;
            for (double[] r : rows) {
                if (!Double.isNaN(r[j]) && !Double.isInfinite(r[j])) {
                    sum += r[j];
                    n++;
                }
            }
            mean[j] = n == 0 ? 0 : sum / n;
            double ss = 0;
            for (double[] r : rows) {
                if (!Double.isNaN(r[j]) && !Double.isInfinite(r[j])) {
                    ss += (r[j] - mean[j]) * (r[j] - mean[j]);
                }
            }
            double s = n == 0 ? 0 : Math.sqrt(ss / n);
            sd[j] = s > 0 ? s : 1;
        }
        return new Standardizer(mean, sd);
    }

    public double[] apply(double[] x) {
        double[] z = new double[mean.length];
        for (int j = 0; j < z.length; j++) {
            double v = (x[j] - mean[j]) / sd[j];
            z[j] = Double.isNaN(v) ? 0 : Math.max(-CLIP, Math.min(CLIP, v));
        }
        return z;
    }
}
