package com.supercandles.alert;


import com.supercandles.candle.BookMetric;
import com.supercandles.candle.FlowFigures;
import com.supercandles.candle.SuperCandle;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The flink-cep sequences on crafted candles: which candle completes a match, its id and message. */
class CandleSequenceAlertsTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final long T0 = 1_700_000_040_000L;

    /** A 1-minute candle {@code t} minutes after T0 with its disb and close. */
    static SuperCandle candle(String symbol, int t, double disb, double close) {
        SuperCandle c = new SuperCandle();
        c.symbol = symbol;
        c.period = "1m";
        c.windowStart = T0 + t * 60_000L;
        c.windowEnd = c.windowStart + 60_000L;
        c.trades = new FlowFigures();
        c.puts = new FlowFigures();
        c.cancels = new FlowFigures();
        c.book = new double[BookMetric.values().length];
        c.disb = disb;
        c.prClose = close;
        c.prOpen = c.prHigh = c.prLow = close;
        c.prChange = c.prStd = Double.NaN;
        return c;
    }

    private static List<Alert> run(List<SuperCandle> candles) throws Exception {
        return run(candles, true);
    }

    private static List<Alert> run(List<SuperCandle> candles, boolean prefilter) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<Alert> out = new ArrayList<>();
        try (var it = CandleSequenceAlerts.of(env.fromData(candles, TypeInformation.of(SuperCandle.class)).setParallelism(1),
                new WatchdogSettings(), prefilter).executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        out.sort((a, b) -> Long.compare(a.eventTime, b.eventTime));
        return out;
    }

    @Test
    void threeBuyingCandlesThenALowerCloseAndTheMirror() throws Exception {
        List<SuperCandle> candles = new ArrayList<>(List.of(
                candle("A", 0, 0.6, 100), candle("A", 1, 0.7, 101), candle("A", 2, 0.4, 102),   // run broken
                candle("A", 3, 0.6, 102), candle("A", 4, 0.8, 103), candle("A", 5, 0.9, 104),
                candle("A", 6, 0.1, 103.5),                                                     // lower close: match
                candle("A", 7, 0.6, 103), candle("A", 8, 0.6, 103), candle("A", 9, 0.6, 103),
                candle("A", 10, 0.6, 103),                                                      // not lower: no match
                candle("B", 0, -0.6, 50), candle("B", 1, -0.9, 49), candle("B", 2, -0.7, 48),
                candle("B", 3, Double.NaN, Double.NaN),                                         // no trade: breaks it
                candle("B", 4, -0.6, 48), candle("B", 5, -0.6, 47), candle("B", 6, -0.6, 46),
                candle("B", 7, 0.0, 46.5),                                                      // higher close: match
                candle("C", 0, 0.6, 10), candle("C", 1, 0.7, 11), candle("C", 2, -0.6, 12),    // sides mixed: no run
                candle("C", 3, -0.7, 11), candle("C", 4, -0.8, 10),                            // three sellers from 2
                candle("C", 5, 0.9, 10.5)));                                                    // higher close: match
        List<Alert> alerts = run(candles);
        assertThat(alerts).extracting(a -> a.rule + " " + a.symbol + " " + a.state + " @" + (a.eventTime - T0) + " " + a.value)
                .containsExactly("disb_run_then_rise C FIRING @360000 10.5", "disb_run_then_fall A FIRING @420000 103.5",
                        "disb_run_then_rise B FIRING @480000 46.5");
        assertThat(alerts.get(1).message).contains("A 1m: three candles with disb > 0.5 (0.60, 0.80, 0.90)")
                .contains("fell from 104 to 103.5");
        assertThat(alerts.get(1).alertId).isEqualTo(AlertIds.of("disb_run_then_fall", "A", null, "FIRING", T0 + 420_000));
        assertThat(alerts.get(1).severity).isEqualTo("info");
    }

    /**
     * The prefilter changes no match: random markets where runs are common, with and without it, give
     * the same alerts (ids, times, messages).
     */
    @Test
    void thePrefilterKeepsEveryMatch() throws Exception {
        java.util.Random random = new java.util.Random(17);
        List<SuperCandle> candles = new ArrayList<>();
        for (String symbol : new String[] {"A", "B", "C", "D"}) {
            double close = 100;
            for (int t = 0; t < 400; t++) {
                double u = random.nextDouble();
                double disb = u < 0.3 ? 0.5 + random.nextDouble() * 0.5 : u < 0.6 ? -0.5 - random.nextDouble() * 0.5
                        : u < 0.62 ? Double.NaN : random.nextDouble() - 0.5;
                close += random.nextGaussian();
                candles.add(candle(symbol, t, disb, Double.isNaN(disb) ? Double.NaN : close));
            }
        }
        List<Alert> filtered = run(candles, true);
        List<Alert> all = run(candles, false);
        assertThat(filtered).hasSizeGreaterThan(20);
        assertThat(filtered).extracting(a -> a.alertId + " " + a.message)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(a -> a.alertId + " " + a.message).toList());
    }

    /** Candles shorter than the rules' window (1 min by default) are not watched; a shorter window watches them. */
    @Test
    void candlesOfShorterPeriodsThanTheWindowAreNotWatched() throws Exception {
        List<SuperCandle> candles = new ArrayList<>();
        double[] disb = {0.6, 0.8, 0.9, 0.1};
        double[] close = {100, 101, 102, 101};
        for (int t = 0; t < disb.length; t++) {
            SuperCandle c = candle("A", t, disb[t], close[t]);
            c.period = "10s";
            candles.add(c);
        }
        assertThat(run(candles)).isEmpty();
        WatchdogSettings tenSeconds = new WatchdogSettings();
        tenSeconds.rule(WatchdogSettings.DISB_RUN_THEN_FALL).windowMs = 10_000;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        List<Alert> out = new ArrayList<>();
        try (var it = CandleSequenceAlerts.of(env.fromData(candles, TypeInformation.of(SuperCandle.class)).setParallelism(1),
                tenSeconds).executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).extracting(a -> a.rule).containsExactly("disb_run_then_fall");
    }
}
