package com.supercandles.jobs.train;

import java.util.Arrays;

/** Classification metrics of the trainer's reports. */
public final class Metrics {
    private Metrics() {}

    /**
     * Area under the ROC curve: the probability that a random positive scores above a random negative,
     * ties counting half (the Mann-Whitney statistic from ranks). NaN without both classes.
     */
    public static double auc(double[] p, boolean[] y) {
        int n = p.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // mean rank of the tie group, 1-based
            for (int k = i; k <= j; k++) {
                if (y[order[k]]) {
                    rankSumPositives += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Mean negative log likelihood, probabilities clipped to [1e-15, 1 - 1e-15]. */
    public static double logLoss(double[] p, boolean[] y) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += logLoss(p[i], y[i]);
        }
        return sum / p.length;
    }

    /** One row's negative log likelihood, the probability clipped to [1e-15, 1 - 1e-15]. */
    static double logLoss(double p, boolean y) {
        double q = Math.min(1 - 1e-15, Math.max(1e-15, p));
        return y ? -Math.log(q) : -Math.log(1 - q);
    }

    public static double positiveRate(boolean[] y) {
        long n = 0;
        for (boolean b : y) {
            n += b ? 1 : 0;
        }
        return (double) n / y.length;
    }
}
