package com.supercandles.jobs;

import java.util.Random;

/**
 * A small dense autoencoder (d -> k tanh -> d linear), trained by Adam on the mean squared
 * reconstruction error: the non-linear model of "normal" candles the phase guard could use instead
 * of PCA. Test code: it exists to measure whether it tells a changed market apart better than PCA.
 */
final class DenseAutoencoder {
    private final int d;
    private final int k;
    private final double[] w1; // k x d
    private final double[] b1;
    private final double[] w2; // d x k
    private final double[] b2;

    DenseAutoencoder(int d, int k, long seed) {
        this.d = d;
        this.k = k;
        Random r = new Random(seed);
        w1 = new double[k * d];
        w2 = new double[d * k];
        b1 = new double[k];
        b2 = new double[d];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = r.nextGaussian() / Math.sqrt(d);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = r.nextGaussian() / Math.sqrt(k);
        }
    }

    /** The mean squared residual of one standardized row. */
    double error(double[] z) {
        double[] h = new double[k];
        double[] out = forward(z, h);
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += (out[j] - z[j]) * (out[j] - z[j]);
        }
        return s / d;
    }

    private double[] forward(double[] z, double[] h) {
        for (int a = 0; a < k; a++) {
            double s = b1[a];
            for (int j = 0; j < d; j++) {
                s += w1[a * d + j] * z[j];
            }
            h[a] = Math.tanh(s);
        }
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            double s = b2[j];
            for (int a = 0; a < k; a++) {
                s += w2[j * k + a] * h[a];
            }
            out[j] = s;
        }
        return out;
    }

    void train(double[][] rows, int epochs, int batch, double rate, long seed) {
        double[][] params = {w1, b1, w2, b2};
        double[][] m = new double[4][];
        double[][] v = new double[4][];
        for (int p = 0; p < 4; p++) {
            m[p] = new double[params[p].length];
            v[p] = new double[params[p].length];
        }
        Random r = new Random(seed);
        int[] order = new int[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long step = 0;
        for (int e = 0; e < epochs; e++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < order.length; from += batch) {
                double[][] g = {new double[w1.length], new double[b1.length], new double[w2.length], new double[b2.length]};
                int n = Math.min(batch, order.length - from);
                for (int bi = 0; bi < n; bi++) {
                    double[] z = rows[order[from + bi]];
                    double[] h = new double[k];
                    double[] out = forward(z, h);
                    double[] dOut = new double[d];
                    for (int j = 0; j < d; j++) {
                        dOut[j] = 2 * (out[j] - z[j]) / d / n;
                        g[3][j] += dOut[j];
                    }
                    double[] dH = new double[k];
                    for (int j = 0; j < d; j++) {
                        for (int a = 0; a < k; a++) {
                            g[2][j * k + a] += dOut[j] * h[a];
                            dH[a] += dOut[j] * w2[j * k + a];
                        }
                    }
                    for (int a = 0; a < k; a++) {
                        double dPre = dH[a] * (1 - h[a] * h[a]);
                        g[1][a] += dPre;
                        for (int j = 0; j < d; j++) {
                            g[0][a * d + j] += dPre * z[j];
                        }
                    }
                }
                step++;
                for (int p = 0; p < 4; p++) {
                    for (int i = 0; i < params[p].length; i++) {
                        m[p][i] = 0.9 * m[p][i] + 0.1 * g[p][i];
                        v[p][i] = 0.999 * v[p][i] + 0.001 * g[p][i] * g[p][i];
                        double mHat = m[p][i] / (1 - Math.pow(0.9, step));
                        double vHat = v[p][i] / (1 - Math.pow(0.999, step));
                        params[p][i] -= rate * mHat / (Math.sqrt(vHat) + 1e-8);
                    }
                }
            }
        }
    }
}
