package com.supercandles.alert;

import com.supercandles.gap.FeedGapSpan;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * {@code feed_gap}: one FIRING alert per gap record of the feed (an event, nothing resolves it: the record
 * arrives when the feed has already rebuilt its book). Its value is the gap's length in exchange-time ms
 * (null for a gap the feed never closed), its threshold the least length that alerts. The id is the
 * rule's usual one over (symbol, stream, the gap's first covered time): the record read again after a
 * restore gives the same id, so the alert sinks and receivers drop the repeat.
 */
public final class FeedGapAlerts implements FlatMapFunction<FeedGapSpan, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "feed_gap";

    private final RuleSettings rule;

    public FeedGapAlerts(RuleSettings rule) {
        this.rule = rule;
    }

    @Override
    public void flatMap(FeedGapSpan g, Collector<Alert> out) {
        boolean closed = g.from != FeedGapSpan.NONE && g.to != FeedGapSpan.NONE;
        double length = closed ? g.to - g.from : Double.NaN;
        if (closed && length < rule.threshold) {
            return;
        }
        out.collect(Alert.of(RULE, g.symbol, g.stream, rule.severity, Alert.FIRING, length, rule.threshold, g.start(),
                message(g)));
    }

    private static String message(FeedGapSpan g) {
        String span = g.to == FeedGapSpan.NONE ? "from " + g.from + " until the feed stopped"
                : g.from == FeedGapSpan.NONE ? "before its first book (until " + g.to + ")"
                : (g.to - g.from) + " ms (" + g.from + " to " + g.to + ")";
        return "feed gap on " + g.symbol + " " + (g.stream == null ? "" : g.stream + " ") + span + ": "
                + (g.reason == null ? "no reason given" : g.reason) + (g.detail == null ? "" : " (" + g.detail + ")")
                + "; the candles it touches are marked gap=true";
    }
}
