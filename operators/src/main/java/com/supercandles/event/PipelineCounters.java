package com.supercandles.event;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * Names of the job's counters, and how an operator registers one. Each is a metric (for dashboards and
 * alerts on a cluster) and an accumulator (so a bounded run such as a replay can print its totals when
 * it ends), registered and counted together ({@link #register}); a few are accumulators only, for the
 * summaries ({@link #total}).
 */
public final class PipelineCounters {
    /** Followed by the stream name: valid events read per stream. */
    public static final String EVENTS_PREFIX = "events_";
    public static final String REJECTED = "rejected_events";
    /** Followed by the stream name: records of that stream rejected (an accumulator only, for summaries). */
    public static final String REJECTED_OF_PREFIX = "rejected_of_";
    public static final String LATE = "late_events";
    public static final String DUPLICATES = "duplicate_events";
    public static final String CANDLES = "candles";
    public static final String MODEL_RECORDS = "model_records";
    public static final String SIGNAL_RECORDS = "signal_records";
    /** An accumulator only, for summaries. */
    public static final String SCORE_RECORDS = "score_records";
    /** An accumulator only, for summaries. */
    public static final String GUARD_RECORDS = "guard_records";

    private PipelineCounters() {}

    /** One counter of an operator: its metric (if it has one) and its accumulator, counted together. */
    public static final class Count {
        private final Counter metric;
        private final LongCounter total;

        private Count(Counter metric, LongCounter total) {
            this.metric = metric;
            this.total = total;
        }

        public void inc() {
            if (metric != null) {
                metric.inc();
            }
            total.add(1L);
        }

        public void add(long n) {
            if (metric != null) {
                metric.inc(n);
            }
            total.add(n);
        }
    }

    /** Registers {@code name} as the metric and the accumulator of the operator of {@code context}. */
    public static Count register(RuntimeContext context, String name) {
        return new Count(context.getMetricGroup().counter(name), context.getLongCounter(name));
    }

    /** Registers {@code name} as an accumulator of the operator of {@code context}, with no metric. */
    public static Count total(RuntimeContext context, String name) {
        return new Count(null, context.getLongCounter(name));
    }
}
