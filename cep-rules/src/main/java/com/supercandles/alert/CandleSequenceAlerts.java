package com.supercandles.alert;


import com.supercandles.candle.Period;
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
 * Candle sequences with flink-cep, per (symbol, period) of the periods from the rule's window (1 min)
 * up: three candles in a row with {@code disb > 0.5}
 * followed by a candle whose close is lower than the last of them (buyers exhausted: a possible top),
 * and the mirror (three with {@code disb < -0.5}, then a higher close). A sequence is an event, not a
 * condition: it raises one FIRING alert, at the window end of the candle that completes it, and nothing
 * to resolve. Candles of one key arrive in window order, so the patterns run in processing time and
 * match the same sequences in a replay as live.
 *
 * <p>Both sequences are one pattern (the turn checks that the run kept to one side) in one CEP operator
 * over a compact {@link SequenceCandle} (which carries its period's length, so a match reads no
 * label), and only candles that can take part in a match reach it
 * ({@link SequencePrefilter}): flink-cep writes each candle and its partial matches to keyed state, about
 * 20 us a candle with RocksDB (measured at 10,000 symbols), where the filter costs a hash lookup.
 */
public final class CandleSequenceAlerts {
    private CandleSequenceAlerts() {}

    /** The alerts of both sequences (of those that are on); null when both are off. */
    public static DataStream<Alert> of(DataStream<SuperCandle> candles, WatchdogSettings settings) {
        return of(candles, settings, true);
    }

    /** @param prefilter false: every candle reaches the pattern (the reference the filter is tested against) */
    static DataStream<Alert> of(DataStream<SuperCandle> candles, WatchdogSettings settings, boolean prefilter) {
        RuleSettings fall = settings.rule(WatchdogSettings.DISB_RUN_THEN_FALL);
        RuleSettings rise = settings.rule(WatchdogSettings.DISB_RUN_THEN_RISE);
        if (!fall.enabled && !rise.enabled) {
            return null;
        }
        double buyers = fall.enabled ? fall.threshold : Double.POSITIVE_INFINITY;
        double sellers = rise.enabled ? rise.threshold : Double.POSITIVE_INFINITY;
        // where the candles come out (same parallelism: forward), so each key's window order holds and
        // each subtask sees the symbols of its window subtask
        long shortest = Math.min(fall.enabled ? fall.windowMs : Long.MAX_VALUE, rise.enabled ? rise.windowMs : Long.MAX_VALUE);
        DataStream<SequenceCandle> compact = (prefilter ? candles.flatMap(new SequencePrefilter(buyers, sellers, shortest))
                        : candles.map(c -> SequenceCandle.of(c, Period.parse(c.period))))
                .returns(TypeInformation.of(SequenceCandle.class)).setParallelism(candles.getParallelism())
                .name("sequence candles").uid("sequence-candles");
        return CEP.pattern(compact.keyBy(c -> c.symbol + '|' + c.period), pattern(buyers, sellers))
                .inProcessingTime()
                .process(new Raise(fall, rise))
                .returns(TypeInformation.of(Alert.class))
                .name("disb runs").uid("cep-disb-runs");
    }

    /**
     * Three candles in a row beyond the threshold on either side, then the turn, which also requires the
     * three to be on one side: conditions on a single candle read no state, so only a turn candidate
     * reads its partial match back (flink-cep keeps it serialized in keyed state).
     */
    static Pattern<SequenceCandle, ?> pattern(double buyers, double sellers) {
        Sided sided = new Sided(buyers, sellers);
        return Pattern.<SequenceCandle>begin("run", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(sided).times(3).consecutive()
                .next("turn").where(new Turn(sided));
    }

    /** A candle beyond the threshold on the buyers' or the sellers' side. */
    private static final class Sided extends SimpleCondition<SequenceCandle> {
        private static final long serialVersionUID = 1L;
        private final double buyers;
        private final double sellers;

        Sided(double buyers, double sellers) {
            this.buyers = buyers;
            this.sellers = sellers;
        }

        /** +1 buyers', -1 sellers', 0 neither. */
        int side(SequenceCandle c) {
            return c.side(buyers, sellers);
        }

        @Override
        public boolean filter(SequenceCandle c) {
            return side(c) != 0;
        }
    }

    /** After a run all on one side: a close lower (after buyers) or higher (after sellers) than the run's last. */
    private static final class Turn extends IterativeCondition<SequenceCandle> {
        private static final long serialVersionUID = 1L;
        private final Sided sides;

        Turn(Sided sides) {
            this.sides = sides;
        }

        @Override
        public boolean filter(SequenceCandle c, Context<SequenceCandle> ctx) throws Exception {
            int side = 0;
            double last = Double.NaN;
            for (SequenceCandle r : ctx.getEventsForPattern("run")) {
                int s = sides.side(r);
                if (side != 0 && s != side) {
                    return false;
                }
                side = s;
                last = r.close;
            }
            return side > 0 ? c.close < last : side < 0 && c.close > last;
        }
    }

    private static final class Raise extends PatternProcessFunction<SequenceCandle, Alert> {
        private static final long serialVersionUID = 1L;
        private final RuleSettings fall;
        private final RuleSettings rise;

        Raise(RuleSettings fall, RuleSettings rise) {
            this.fall = fall;
            this.rise = rise;
        }

        @Override
        public void processMatch(Map<String, List<SequenceCandle>> match, Context ctx, Collector<Alert> out) {
            List<SequenceCandle> run = match.get("run");
            SequenceCandle turn = match.get("turn").get(0);
            boolean buyers = run.get(0).disb > 0;
            RuleSettings rule = buyers ? fall : rise;
            if (turn.periodMs < rule.windowMs) {
                return; // the other rule watches shorter periods than this one
            }
            StringBuilder disbs = new StringBuilder();
            for (SequenceCandle c : run) {
                disbs.append(disbs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", c.disb));
            }
            double last = run.get(run.size() - 1).close;
            out.collect(Alert.of(rule.rule, turn.symbol, null, rule.severity, Alert.FIRING, turn.close,
                    rule.threshold, turn.windowEnd,
                    turn.symbol + " " + turn.period + ": three candles with disb " + (buyers ? "> " : "< -")
                            + rule.threshold + " (" + disbs + "), then the close " + (buyers ? "fell" : "rose")
                            + " from " + Numbers.shown(last) + " to " + Numbers.shown(turn.close) + " in the candle ending "
                            + Instant.ofEpochMilli(turn.windowEnd) + ": " + (buyers ? "buyers" : "sellers")
                            + " exhausted, a possible local " + (buyers ? "top" : "bottom")));
        }
    }
}
