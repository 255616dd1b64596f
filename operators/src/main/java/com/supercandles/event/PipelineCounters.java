package com.supercandles.event;

/**
 * Names of the job's counters. Each is both a metric (for dashboards and alerts on a cluster) and an
 * accumulator (so a bounded run such as a replay can print its totals when it ends).
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
    public static final String SCORE_RECORDS = "score_records";
    public static final String GUARD_RECORDS = "guard_records";

    private PipelineCounters() {}
}
