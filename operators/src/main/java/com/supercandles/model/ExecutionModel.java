package com.supercandles.model;

import java.util.Arrays;
import java.util.List;

/**
 * The spec's execution-probability and price-impact model ("Thinking about high-frequency
 * strategies") on one side's non-empty buckets of a lookback. Pure computation, no Flink.
 */
public final class ExecutionModel {
    /** Fewer non-empty buckets than this and the model is undefined. */
    public static final int MIN_BUCKETS = 10;
    /** Fewer buckets with a price change than this and the impact fit is undefined. */
    public static final int MIN_IMPACT_BUCKETS = 3;
    /** The grid Q = k * m / 10, k = 0..50, for the fit error and the best quoting depth. */
    public static final int GRID_STEPS = 50;

    private static final double LN_2_05 = Math.log(2.05);

    private ExecutionModel() {}

    /** P(x * m): the probability that one bucket's flow exceeds x times the mean bucket volume. */
    public static double fillProbability(double alpha, double x) {
        return Math.pow((1 + Math.pow(20, -x)) * x + 1, alpha);
    }

    /** Fills the model figures of {@code r} from the side's non-empty buckets in the lookback. */
    public static void fill(ExecutionModelRecord r, List<SideFlow> buckets, double[] depthMultiples) {
        int n = buckets.size();
        r.n = n;
        r.depthMultiples = depthMultiples.clone();
        r.fillProbability = nans(depthMultiples.length);
        r.tickFractions = nans(5);
        r.m = r.pM = r.alpha = r.fitError = Double.NaN;
        r.impactA = r.impactB = r.qStar = r.gStar = Double.NaN;
        long[] ticks = new long[5];
        for (SideFlow b : buckets) {
            for (int i = 0; i < 5; i++) {
                ticks[i] += b.tickMoves[i];
            }
        }
        r.tickGroups = Arrays.stream(ticks).sum();
        r.impactBuckets = buckets.stream().filter(b -> b.last != b.first).count();
        if (n < MIN_BUCKETS) {
            return;
        }
        for (int i = 0; i < 5; i++) {
            r.tickFractions[i] = r.tickGroups > 0 ? (double) ticks[i] / r.tickGroups : Double.NaN;
        }

        double[] volumes = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            volumes[i] = buckets.get(i).vol;
            total += volumes[i];
        }
        double m = total / n;
        Arrays.sort(volumes);
        double pM = (double) above(volumes, m) / n;
        r.m = m;
        r.pM = pM;
        if (pM == 0 || pM == 1) {
            return;
        }
        double alpha = Math.log(pM) / LN_2_05;
        r.alpha = alpha;
        for (int i = 0; i < depthMultiples.length; i++) {
            r.fillProbability[i] = fillProbability(alpha, depthMultiples[i]);
        }
        double worst = 0;
        for (int k = 0; k <= GRID_STEPS; k++) {
            double q = k * m / 10.0;
            double empirical = (double) above(volumes, q) / n;
            worst = Math.max(worst, Math.abs(fillProbability(alpha, k / 10.0) - empirical));
        }
        r.fitError = worst;
        fitImpact(r, buckets, alpha, m);
    }

    /** Least squares dp = a + b * V over buckets whose price moved; then Q* = argmax P(Q) (a + b Q). */
    private static void fitImpact(ExecutionModelRecord r, List<SideFlow> buckets, double alpha, double m) {
        if (r.impactBuckets < MIN_IMPACT_BUCKETS) {
            return;
        }
        double sx = 0;
        double sy = 0;
        for (SideFlow b : buckets) {
            if (b.last != b.first) {
                sx += b.vol;
                sy += b.last - b.first;
            }
        }
        double meanX = sx / r.impactBuckets;
        double meanY = sy / r.impactBuckets;
        double sxx = 0;
        double sxy = 0;
        for (SideFlow b : buckets) {
            if (b.last != b.first) {
                double dx = b.vol - meanX;
                sxx += dx * dx;
                sxy += dx * (b.last - b.first - meanY);
            }
        }
        if (sxx == 0) {
            return; // every moving bucket had the same volume: no slope to fit
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        r.impactA = intercept;
        r.impactB = slope;
        double bestGain = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= GRID_STEPS; k++) {
            double q = k * m / 10.0;
            double gain = fillProbability(alpha, k / 10.0) * (intercept + slope * q);
            if (gain > bestGain) {
                bestGain = gain;
                r.qStar = q;
            }
        }
        r.gStar = bestGain;
    }

    /** How many of the sorted values are strictly above {@code threshold}. */
    private static int above(double[] sorted, double threshold) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] > threshold) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return sorted.length - lo;
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
