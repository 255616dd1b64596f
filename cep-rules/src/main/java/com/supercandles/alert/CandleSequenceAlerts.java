package com.supercandles.alert;

import com.supercandles.candle.SuperCandle;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Candle sequences with flink-cep, per (symbol, period): three candles in a row with {@code disb > 0.5}
 * followed by a candle whose close is lower than the last of them (buyers exhausted: a possible top),
 * and the mirror (three with {@code disb < -0.5}, then a higher close). A sequence is an event, not a
 * condition: it raises one FIRING alert, at the window end of the candle that completes it, and nothing
 * to resolve. Candles of one key arrive in window order, so the patterns run in processing time and
 * match the same sequences in a replay as live.
 */
public final class CandleSequenceAlerts {
    private CandleSequenceAlerts() {}

    /** The alerts of both sequences that are on. */
    public static DataStream<Alert> of(DataStream<SuperCandle> candles, WatchdogSettings settings) {
        DataStream<Alert> out = null;
        for (boolean buyers : new boolean[] {true, false}) {
            RuleSettings rule = settings.rule(buyers ? WatchdogSettings.DISB_RUN_THEN_FALL : WatchdogSettings.DISB_RUN_THEN_RISE);
            if (!rule.enabled) {
                continue;
            }
            DataStream<Alert> alerts = CEP.pattern(candles.keyBy(c -> c.symbol + '|' + c.period), pattern(buyers, rule.threshold))
                    .inProcessingTime()
                    .process(new Raise(rule, buyers))
                    .returns(TypeInformation.of(Alert.class))
                    .name(rule.rule).uid("cep-" + rule.rule);
            out = out == null ? alerts : out.union(alerts);
        }
        return out;
    }

    static Pattern<SuperCandle, ?> pattern(boolean buyers, double threshold) {
        return Pattern.<SuperCandle>begin("run", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new Imbalance(buyers, threshold)).times(3).consecutive()
                .next("turn").where(new Turn(buyers));
    }

    /** disb beyond the threshold on the buyers' (or sellers') side. */
    private static final class Imbalance extends SimpleCondition<SuperCandle> {
        private static final long serialVersionUID = 1L;
        private final boolean buyers;
        private final double threshold;

        Imbalance(boolean buyers, double threshold) {
            this.buyers = buyers;
            this.threshold = threshold;
        }

        @Override
        public boolean filter(SuperCandle c) {
            return buyers ? c.disb > threshold : c.disb < -threshold;
        }
    }

    /** A close lower (higher) than the run's last close. */
    private static final class Turn extends IterativeCondition<SuperCandle> {
        private static final long serialVersionUID = 1L;
        private final boolean buyers;

        Turn(boolean buyers) {
            this.buyers = buyers;
        }

        @Override
        public boolean filter(SuperCandle c, Context<SuperCandle> ctx) throws Exception {
            double last = Double.NaN;
            for (SuperCandle r : ctx.getEventsForPattern("run")) {
                last = r.prClose;
            }
            return buyers ? c.prClose < last : c.prClose > last;
        }
    }

    private static final class Raise extends PatternProcessFunction<SuperCandle, Alert> {
        private static final long serialVersionUID = 1L;
        private final RuleSettings rule;
        private final boolean buyers;

        Raise(RuleSettings rule, boolean buyers) {
            this.rule = rule;
            this.buyers = buyers;
        }

        @Override
        public void processMatch(Map<String, List<SuperCandle>> match, Context ctx, Collector<Alert> out) {
            List<SuperCandle> run = match.get("run");
            SuperCandle turn = match.get("turn").get(0);
            StringBuilder disbs = new StringBuilder();
            for (SuperCandle c : run) {
                disbs.append(disbs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", c.disb));
            }
            double last = run.get(run.size() - 1).prClose;
            out.collect(Alert.of(rule.rule, turn.symbol, null, rule.severity, Alert.FIRING, turn.prClose,
                    rule.threshold, turn.windowEnd,
                    turn.symbol + " " + turn.period + ": three candles with disb " + (buyers ? "> " : "< -")
                            + rule.threshold + " (" + disbs + "), then the close " + (buyers ? "fell" : "rose")
                            + " from " + Numbers.shown(last) + " to " + Numbers.shown(turn.prClose) + " in the candle ending "
                            + Instant.ofEpochMilli(turn.windowEnd) + ": " + (buyers ? "buyers" : "sellers")
                            + " exhausted, a possible local " + (buyers ? "top" : "bottom")));
        }
    }
}
