package com.supercandles.score;

/** Logistic regression on standardized features: {@code p = 1 / (1 + exp(-(bias + w . z)))}. */
public final class LinearClassifier implements Classifier {
    private static final long serialVersionUID = 1L;

    public final Standardizer scaling;
    public final double[] weights;
    public final double bias;

    public LinearClassifier(Standardizer scaling, double[] weights, double bias) {
        if (weights.length != scaling.mean.length) {
            throw new IllegalArgumentException(weights.length + " weights for " + scaling.mean.length + " features");
        }
        this.scaling = scaling;
        this.weights = weights;
        this.bias = bias;
    }

    @Override
    public double probability(double[] features) {
        double[] z = scaling.apply(features);
        double m = bias;
        for (int j = 0; j < z.length; j++) {
            m += weights[j] * z[j];
        }
        return 1 / (1 + Math.exp(-m));
    }

    /**
     * Fits by Newton's method (iteratively reweighted least squares) with an L2 penalty {@code lambda}
     * on the weights, not the bias: deterministic, a few iterations for a few dozen features.
     */
    public static LinearClassifier fit(double[][] rows, boolean[] labels, double lambda) {
        Standardizer s = Standardizer.fit(rows);
        int d = rows[0].length + 1;
        double[][] z = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] zi = s.apply(rows[i]);
            z[i] = new double[d];
            z[i][0] = 1;
            System.arraycopy(zi, 0, z[i], 1, d - 1);
        }
        double[] beta = new double[d];
        for (int iter = 0; iter < 50; iter++) {
            double[] grad = new double[d];
            double[][] h = new double[d][d];
            for (int i = 0; i < z.length; i++) {
                double m = 0;
                for (int j = 0; j < d; j++) {
                    m += beta[j] * z[i][j];
                }
                double p = 1 / (1 + Math.exp(-m));
                double r = (labels[i] ? 1 : 0) - p;
                double w = Math.max(p * (1 - p), 1e-12);
                for (int j = 0; j < d; j++) {
                    grad[j] += r * z[i][j];
                    for (int k = 0; k <= j; k++) {
                        h[j][k] += w * z[i][j] * z[i][k];
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < j; k++) {
                    h[k][j] = h[j][k];
                }
                if (j > 0) {
                    grad[j] -= lambda * beta[j];
                    h[j][j] += lambda;
                }
            }
            double[] step = Matrices.solve(h, grad);
            double change = 0;
            for (int j = 0; j < d; j++) {
                beta[j] += step[j];
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        double[] w = new double[d - 1];
        System.arraycopy(beta, 1, w, 0, d - 1);
        return new LinearClassifier(s, w, beta[0]);
    }
}
