package com.supercandles.candle;

import com.supercandles.event.MarketEvent;
import com.supercandles.instrument.InstrumentSpec;

/** Sums and defined-counts of each {@link BookMetric} over a window's snapshots. */
public class BookStats {
    public long snapshots;
    public double[] sums = new double[BookMetric.COUNT];
    public long[] counts = new long[BookMetric.COUNT];

    private transient double[] scratch;

    public BookStats() {}

    public void add(MarketEvent book, InstrumentSpec spec) {
        if (scratch == null) {
            scratch = new double[BookMetric.COUNT];
        }
        BookSnapshotMetrics.compute(book, spec, scratch);
        snapshots++;
        for (int i = 0; i < BookMetric.COUNT; i++) {
            double v = scratch[i];
            if (!Double.isNaN(v)) {
                sums[i] += v;
                counts[i]++;
            }
        }
    }

    /** Back to no snapshots, for reuse. */
    public void clear() {
        snapshots = 0;
        java.util.Arrays.fill(sums, 0);
        java.util.Arrays.fill(counts, 0);
    }

    public void merge(BookStats o) {
        snapshots += o.snapshots;
        for (int i = 0; i < BookMetric.COUNT; i++) {
            sums[i] += o.sums[i];
            counts[i] += o.counts[i];
        }
    }

    /** Window averages, NaN where a metric was defined on no snapshot. */
    public double[] means() {
        double[] means = new double[BookMetric.COUNT];
        for (int i = 0; i < BookMetric.COUNT; i++) {
            means[i] = counts[i] > 0 ? sums[i] / counts[i] : Double.NaN;
        }
        return means;
    }
}
