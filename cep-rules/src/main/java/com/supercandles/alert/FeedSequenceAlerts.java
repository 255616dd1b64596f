package com.supercandles.alert;


import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sequences of the feed alerts themselves, with flink-cep per (symbol, stream), in processing time (the
 * feed alerts are processing-time facts; live only):
 * <ul>
 *   <li>{@code feed_flapping}: more than n STALE alerts (feed_stale, or feed_down for a whole stream)
 *   within m minutes: a feed that keeps dropping and coming back, which each STALE/RECOVERED pair alone
 *   does not say;</li>
 *   <li>{@code feed_dying}: a latency FIRING followed by a STALE of the same feed within a minute: the
 *   lag grew until the feed stopped.</li>
 * </ul>
 * Each match is an event: one FIRING alert, nothing to resolve, at the event time of the STALE that
 * completes it.
 */
public final class FeedSequenceAlerts {
    private FeedSequenceAlerts() {}

    /**
     * The alerts of the sequences that are on, over {@code feedAlerts} (after {@link FeedDownCollapse})
     * and the latency alerts among {@code latencyAlerts}; null when both are off.
     */
    public static DataStream<Alert> of(DataStream<Alert> feedAlerts, DataStream<Alert> latencyAlerts,
                                       WatchdogSettings settings) {
        DataStream<Alert> out = null;
        RuleSettings flapping = settings.rule(WatchdogSettings.FEED_FLAPPING);
        if (flapping.enabled) {
            out = CEP.pattern(feedAlerts.keyBy(FeedSequenceAlerts::key), flapping(flapping))
                    .inProcessingTime()
                    .process(new Flapping(flapping))
                    .returns(TypeInformation.of(Alert.class))
                    .name(flapping.rule).uid("cep-" + flapping.rule);
        }
        RuleSettings dying = settings.rule(WatchdogSettings.FEED_DYING);
        if (dying.enabled && latencyAlerts != null && settings.rule(WatchdogSettings.LATENCY).enabled) {
            DataStream<Alert> lagThenStale = latencyAlerts.filter(a -> WatchdogSettings.LATENCY.equals(a.rule))
                    .name("latency alerts").uid("latency-alerts")
                    .union(feedAlerts);
            DataStream<Alert> alerts = CEP.pattern(lagThenStale.keyBy(FeedSequenceAlerts::key), dying(dying))
                    .inProcessingTime()
                    .process(new Dying(dying))
                    .returns(TypeInformation.of(Alert.class))
                    .name(dying.rule).uid("cep-" + dying.rule);
            out = out == null ? alerts : out.union(alerts);
        }
        return out;
    }

    static String key(Alert a) {
        return a.symbol + '|' + a.stream;
    }

    static Pattern<Alert, ?> flapping(RuleSettings rule) {
        return Pattern.<Alert>begin("stale", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new Firing(FeedStaleness.RULE, FeedDownCollapse.RULE))
                .times((int) rule.threshold + 1)
                .within(Duration.ofMillis(rule.windowMs));
    }

    static Pattern<Alert, ?> dying(RuleSettings rule) {
        return Pattern.<Alert>begin("lag", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new Firing(WatchdogSettings.LATENCY))
                .followedBy("stale").where(new Firing(FeedStaleness.RULE))
                .within(Duration.ofMillis((long) rule.threshold));
    }

    /** A FIRING of one of the rules. */
    private static final class Firing extends SimpleCondition<Alert> {
        private static final long serialVersionUID = 1L;
        private final String[] rules;

        Firing(String... rules) {
            this.rules = rules;
        }

        @Override
        public boolean filter(Alert a) {
            if (!a.firing()) {
                return false;
            }
            for (String r : rules) {
                if (r.equals(a.rule)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A sequence rule's match into its alert. */
    private abstract static class Raise extends PatternProcessFunction<Alert, Alert> {
        private static final long serialVersionUID = 1L;
        protected final RuleSettings rule;

        Raise(RuleSettings rule) {
            this.rule = rule;
        }
    }

    private static final class Flapping extends Raise {
        private static final long serialVersionUID = 1L;

        Flapping(RuleSettings rule) {
            super(rule);
        }

        @Override
        public void processMatch(Map<String, List<Alert>> match, Context ctx, Collector<Alert> out) {
            List<Alert> stale = match.get("stale");
            Alert last = stale.get(stale.size() - 1);
            String where = FeedDownCollapse.EVERY_SYMBOL.equals(last.symbol) ? "the whole " + last.stream + " feed"
                    : last.symbol + " " + last.stream;
            out.collect(Alert.of(rule.rule, last.symbol, last.stream, rule.severity, Alert.FIRING, stale.size(),
                    rule.threshold, last.eventTime, where + " went STALE " + stale.size() + " times within "
                            + (rule.windowMs % 60_000 == 0 ? rule.windowMs / 60_000 + " min"
                                    : Numbers.shown(rule.windowMs / 1000.0) + " s") + " (more than " + (long) rule.threshold + "): the feed is"
                            + " flapping; check the connection's stability (reconnects, network, the producer)"));
        }
    }

    private static final class Dying extends Raise {
        private static final long serialVersionUID = 1L;

        Dying(RuleSettings rule) {
            super(rule);
        }

        @Override
        public void processMatch(Map<String, List<Alert>> match, Context ctx, Collector<Alert> out) {
            Alert lag = match.get("lag").get(0);
            Alert stale = match.get("stale").get(0);
            long between = Math.max(0, stale.emittedAt - lag.emittedAt);
            out.collect(Alert.of(rule.rule, stale.symbol, stale.stream, rule.severity, Alert.FIRING, between,
                    rule.threshold, stale.eventTime, stale.symbol + " " + stale.stream + ": latency was "
                            + Numbers.shown(lag.value) + " ms, then the feed stopped " + between / 1000 + " s later:"
                            + " the feed is dying, not just quiet; check the exchange link and the producer's backlog"));
        }
    }
}
