package com.supercandles.score;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The market-phase guard's model of "normal" candles ({@code analytics.md}, "Market-phase guard"): PCA,
 * the linear form of an autoencoder. A bar's features are standardized, projected on the first k
 * principal components of the training bars and back; the reconstruction error is the mean squared
 * residual. Live, the mean error of the last {@link #window} bars above {@link #threshold} (the
 * {@code quantile} of the same rolling mean over the validation bars) flags a change of phase.
 */
public final class PhaseModel implements Serializable {
    private static final long serialVersionUID = 1L;

    public final Standardizer scaling;
    /** k principal components, each of the features' length. */
    public final double[][] components;
    public final int window;
    public final double threshold;

    public PhaseModel(Standardizer scaling, double[][] components, int window, double threshold) {
        if (window < 1) {
            throw new IllegalArgumentException("phase window must be >= 1");
        }
        for (double[] c : components) {
            if (c.length != scaling.mean.length) {
                throw new IllegalArgumentException("a component of " + c.length + " for " + scaling.mean.length + " features");
            }
        }
        this.scaling = scaling;
        this.components = components;
        this.window = window;
        this.threshold = threshold;
    }

    /** The mean squared residual of {@code features} after projection on the components. */
    public double error(double[] features) {
        double[] z = scaling.apply(features);
        double[] r = z.clone();
        for (double[] c : components) {
            double dot = 0;
            for (int j = 0; j < z.length; j++) {
                dot += c[j] * z[j];
            }
            for (int j = 0; j < z.length; j++) {
                r[j] -= dot * c[j];
            }
        }
        double sum = 0;
        for (double v : r) {
            sum += v * v;
        }
        return sum / r.length;
    }

    /**
     * Fits the components on the training rows (enough to explain {@code explained} of the variance of
     * the standardized features), then the threshold: the {@code quantile} of the rolling mean error over
     * {@code window} bars of each validation series (rows of one symbol, in order).
     */
    public static PhaseModel fit(double[][] train, java.util.List<double[][]> validationSeries, double explained,
                                 int window, double quantile) {
        Standardizer s = Standardizer.fit(train);
        int d = train[0].length;
        double[][] cov = new double[d][d];
        for (double[] row : train) {
            double[] z = s.apply(row);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i][j] += z[i] * z[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i][j] /= train.length;
                cov[j][i] = cov[i][j];
            }
        }
        double[] values = new double[d];
        double[][] vectors = Matrices.symmetricEigen(cov, values);
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        int k = 0;
        double sum = 0;
        while (k < d - 1 && sum < explained * total) {
            sum += Math.max(0, values[k]);
            k++;
        }
        double[][] components = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                components[c][j] = vectors[j][c];
            }
        }
        PhaseModel unthresholded = new PhaseModel(s, components, window, Double.POSITIVE_INFINITY);
        java.util.List<Double> means = new java.util.ArrayList<>();
        for (double[][] series : validationSeries) {
            RollingMean rolling = new RollingMean(window);
            for (double[] row : series) {
                double m = rolling.add(unthresholded.error(row));
                if (!Double.isNaN(m)) {
                    means.add(m);
                }
            }
        }
        if (means.isEmpty()) {
            throw new IllegalArgumentException("no validation series of " + window + " bars for the phase threshold");
        }
        double[] sorted = means.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double threshold = sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
        return new PhaseModel(s, components, window, threshold);
    }

    /** A mean over the last n values; NaN until n values came (the trainer's; live scoring keeps the ring in state). */
    static final class RollingMean {
        private final double[] values;
        private long seen;

        RollingMean(int n) {
            values = new double[n];
        }

        double add(double v) {
            return rollingMean(values, seen++, v);
        }
    }

    /** Puts the {@code seen}-th value into the ring and returns the ring's mean, NaN until it is full. */
    static double rollingMean(double[] ring, long seen, double v) {
        ring[(int) (seen % ring.length)] = v;
        return seen + 1 < ring.length ? Double.NaN : Arrays.stream(ring).sum() / ring.length;
    }
}
