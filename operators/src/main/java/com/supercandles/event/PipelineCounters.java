package com.supercandles.event;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.Arrays;
import java.util.Map;

/**
 * Names of the job's counters, and how an operator registers one. Each is a metric (for dashboards and
 * alerts on a cluster) and an accumulator (so a bounded run such as a replay can print its totals when
 * it ends), registered and counted together ({@link #register}); a few are accumulators only, for the
 * summaries ({@link #total}).
 *
 * <p>The metrics are named for what they count and carry what they are counted by as labels: each is in
 * the operator's group {@link #GROUP}, then one key-value group per label ({@link #metrics}). Flink's
 * Prometheus reporter puts the keys into the name and the values into labels, so the events of the trades
 * stream are {@code flink_taskmanager_job_task_operator_supercandles_stream_events{stream="trades"}}
 * (docs/metrics.md lists every one). An accumulator keeps its own name ({@code events_trades}): the
 * replay's summary and the benchmark read those.
 */
public final class PipelineCounters {
    /** The group of every metric of the job's own, under the operator's: the names' common prefix. */
    public static final String GROUP = "supercandles";

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

    /** Metric: valid events read, by {@link #STREAM}. */
    public static final String EVENTS_METRIC = "events";
    /** Metric: records set aside as dead letters, by {@link #STREAM} and {@link #REASON} (a dead letter's kind). */
    public static final String DEAD_LETTERS_METRIC = "deadLetters";
    /** Metric: events that came after their window had closed, by {@link #PERIOD} (one event may be late for several). */
    public static final String LATE_METRIC = "lateEvents";
    /** Metric: candles emitted (a candle updated within the allowed lateness again), by {@link #PERIOD}. */
    public static final String CANDLES_METRIC = "candles";
    /** Metric, a histogram: processing time at a candle's emission minus its window's end, ms, by {@link #PERIOD}. */
    public static final String CANDLE_LATENCY_METRIC = "candleLatencyMs";
    /** Metric: records of the execution model and the paper strategies written, by {@link #OUTPUT}. */
    public static final String RECORDS_METRIC = "records";

    public static final String STREAM = "stream";
    public static final String REASON = "reason";
    public static final String PERIOD = "period";
    public static final String OUTPUT = "output";

    /**
     * The metric of each counter that operators register by its name alone: name, then the labels' keys
     * and values. The labels are fixed here because the operator has nothing to add (the duplicate filter
     * runs on trades only).
     */
    private static final Map<String, String[]> METRIC_OF = Map.of(
            DUPLICATES, new String[] {DEAD_LETTERS_METRIC, STREAM, "trades", REASON, DeadLetter.DUPLICATE},
            MODEL_RECORDS, new String[] {RECORDS_METRIC, OUTPUT, "models"},
            SIGNAL_RECORDS, new String[] {RECORDS_METRIC, OUTPUT, "signals"});

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

    /**
     * The group of the job's metrics under {@code operator}, with {@code labels} (key, value, key, value,
     * ...): a metric registered in it carries them. The keys become part of the metric's name in Prometheus,
     * in this order, so one metric always takes the same keys in the same order.
     */
    public static MetricGroup metrics(MetricGroup operator, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in key, value pairs: " + String.join(", ", labels));
        }
        MetricGroup group = operator.addGroup(GROUP);
        for (int i = 0; i < labels.length; i += 2) {
            group = group.addGroup(labels[i], labels[i + 1]);
        }
        return group;
    }

    /**
     * Registers the accumulator {@code accumulator} and the metric {@code metric} with {@code labels} (as
     * {@link #metrics}) of the operator of {@code context}, counted together.
     */
    public static Count register(RuntimeContext context, String accumulator, String metric, String... labels) {
        return new Count(metrics(context.getMetricGroup(), labels).counter(metric), context.getLongCounter(accumulator));
    }

    /** Registers the counter {@code name}, whose metric is fixed ({@link #DUPLICATES}, the records of a layer). */
    public static Count register(RuntimeContext context, String name) {
        String[] metric = METRIC_OF.get(name);
        if (metric == null) {
            throw new IllegalArgumentException("the counter " + name + " has no fixed metric: register it with its"
                    + " metric's name and labels");
        }
        return register(context, name, metric[0], Arrays.copyOfRange(metric, 1, metric.length));
    }

    /** Registers {@code name} as an accumulator of the operator of {@code context}, with no metric. */
    public static Count total(RuntimeContext context, String name) {
        return new Count(null, context.getLongCounter(name));
    }
}
