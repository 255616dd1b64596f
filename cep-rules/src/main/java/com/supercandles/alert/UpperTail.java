package com.supercandles.alert;

import java.util.Arrays;

/**
 * The upper tail of a metric over a sliding horizon, exactly, in bounded memory: the horizon is cut
 * into buckets (e.g. 13 weeks for 90 days) and each keeps only its {@code k} largest values and its
 * count. The r-th largest value of the whole horizon is among the buckets' top values as long as
 * {@code r <= k}, so a high percentile ({@code r = ceil((1 - p) n)}) is exact; buckets merge by
 * merging their tops, and an old bucket leaves the horizon whole. A Flink POJO.
 */
public class UpperTail {
    /** Per bucket slot (bucket id mod slots): the bucket's id, its count and its top values, ascending. */
    public long[] ids;
    public long[] counts;
    public double[][] tops;
    public int k;

    public UpperTail() {}

    static UpperTail create(int buckets, int k) {
        UpperTail t = new UpperTail();
        t.ids = new long[buckets];
        Arrays.fill(t.ids, Long.MIN_VALUE);
        t.counts = new long[buckets];
        t.tops = new double[buckets][];
        t.k = k;
        return t;
    }

    /** The top {@code k} values a percentile {@code p} (e.g. 99.9) needs over at most {@code n} values. */
    static int topFor(double percentile, long n) {
        return (int) rank(percentile, n) + 1;
    }

    /** r of the r-th largest of n values at percentile p (e.g. 99.9 of 1,000: the largest). */
    static long rank(double percentile, long n) {
        return (long) Math.ceil((100 - percentile) * n / 100 - 1e-9);
    }

    /** Adds {@code x} to bucket {@code bucket} (buckets only move forward; an older one is dropped). */
    void add(long bucket, double x) {
        int slot = (int) Math.floorMod(bucket, (long) ids.length);
        if (ids[slot] != bucket) {
            if (ids[slot] > bucket) {
                return; // older than the horizon
            }
            ids[slot] = bucket;
            counts[slot] = 0;
            tops[slot] = new double[0];
        }
        counts[slot]++;
        double[] top = tops[slot];
        if (top.length == k && x <= top[0]) {
            return;
        }
        int at = Arrays.binarySearch(top, x);
        at = at < 0 ? -at - 1 : at;
        double[] next;
        if (top.length < k) {
            next = new double[top.length + 1];
            System.arraycopy(top, 0, next, 0, at);
            next[at] = x;
            System.arraycopy(top, at, next, at + 1, top.length - at);
        } else { // drop the smallest
            next = new double[k];
            System.arraycopy(top, 1, next, 0, at - 1);
            next[at - 1] = x;
            System.arraycopy(top, at, next, at, top.length - at);
        }
        tops[slot] = next;
    }

    /** How many values buckets {@code (newest - slots, newest]} hold. */
    long count(long newest) {
        long n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (inHorizon(i, newest)) {
                n += counts[i];
            }
        }
        return n;
    }

    /**
     * The value at percentile {@code p} of the horizon ending with bucket {@code newest}: the r-th
     * largest, {@code r = ceil((1 - p / 100) n)}; NaN when r is beyond the kept tops (too few values
     * for that percentile, or a horizon longer than the sketch was sized for).
     */
    double percentile(double p, long newest) {
        long n = count(newest);
        long r = rank(p, n);
        if (n == 0 || r < 1 || r > k) {
            return Double.NaN;
        }
        int kept = 0;
        for (int i = 0; i < ids.length; i++) {
            if (inHorizon(i, newest)) {
                kept += tops[i].length;
            }
        }
        double[] all = new double[kept];
        kept = 0;
        for (int i = 0; i < ids.length; i++) {
            if (inHorizon(i, newest)) {
                System.arraycopy(tops[i], 0, all, kept, tops[i].length);
                kept += tops[i].length;
            }
        }
        Arrays.sort(all);
        return r > all.length ? Double.NaN : all[all.length - (int) r];
    }

    private boolean inHorizon(int slot, long newest) {
        return ids[slot] != Long.MIN_VALUE && ids[slot] > newest - ids.length && ids[slot] <= newest;
    }
}
