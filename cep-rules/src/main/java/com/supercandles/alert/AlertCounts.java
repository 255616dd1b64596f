package com.supercandles.alert;

import com.supercandles.event.EventType;
import com.supercandles.event.PipelineCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts every alert on its way to the sinks, once, whichever rule made it: {@code alerts} by rule, severity
 * and state, and {@code feedGaps} by stream and rule, the feed_stale and feed_down alerts that FIRE (a symbol's
 * stream, or a whole stream, that went silent while events were expected). Passes the alerts on unchanged.
 *
 * <p>The job has no feed-gap notion of its own beyond those two rules: a gap is what they call one. The
 * feed-gap counters exist from the start (0 until one fires), so a dashboard shows the streams before any gap;
 * an alert counter appears with the first alert of its rule, severity and state.
 */
public final class AlertCounts extends RichMapFunction<Alert, Alert> {
    private static final long serialVersionUID = 1L;

    public static final String ALERTS_METRIC = "alerts";
    public static final String FEED_GAPS_METRIC = "feedGaps";
    public static final String RULE = "rule";
    public static final String SEVERITY = "severity";
    public static final String STATE = "state";
    /** The rules whose FIRING is a feed gap. */
    static final String[] GAP_RULES = {WatchdogSettings.FEED_STALE, WatchdogSettings.FEED_DOWN};

    private transient MetricGroup metrics;
    /** rule, then severity, then state: lookups of the strings an alert holds, nothing made per alert. */
    private transient Map<String, Map<String, Map<String, Counter>>> alerts;
    /** rule, then stream. */
    private transient Map<String, Map<String, Counter>> gaps;

    @Override
    public void open(OpenContext openContext) {
        metrics = getRuntimeContext().getMetricGroup();
        alerts = new HashMap<>();
        gaps = new HashMap<>();
        for (String rule : GAP_RULES) {
            for (EventType type : EventType.values()) {
                gapCounter(rule, type.streamName());
            }
        }
    }

    @Override
    public Alert map(Alert alert) {
        Map<String, Map<String, Counter>> bySeverity = alerts.get(alert.rule);
        if (bySeverity == null) {
            bySeverity = new HashMap<>();
            alerts.put(alert.rule, bySeverity);
        }
        Map<String, Counter> byState = bySeverity.get(alert.severity);
        if (byState == null) {
            byState = new HashMap<>();
            bySeverity.put(alert.severity, byState);
        }
        Counter count = byState.get(alert.state);
        if (count == null) {
            count = PipelineCounters.metrics(metrics, RULE, alert.rule, SEVERITY, alert.severity, STATE, alert.state)
                    .counter(ALERTS_METRIC);
            byState.put(alert.state, count);
        }
        count.inc();
        Map<String, Counter> gapsByStream = gaps.get(alert.rule);
        if (gapsByStream != null && alert.firing() && alert.stream != null) {
            Counter gap = gapsByStream.get(alert.stream);
            (gap != null ? gap : gapCounter(alert.rule, alert.stream)).inc();
        }
        return alert;
    }

    private Counter gapCounter(String rule, String stream) {
        Counter c = PipelineCounters.metrics(metrics, PipelineCounters.STREAM, stream, RULE, rule).counter(FEED_GAPS_METRIC);
        gaps.computeIfAbsent(rule, r -> new HashMap<>()).put(stream, c);
        return c;
    }
}
