package com.supercandles.alert;


import com.supercandles.candle.BookMetric;
import com.supercandles.candle.FlowFigures;
import com.supercandles.candle.SuperCandle;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market anomalies on crafted 1-minute candles (99th percentile of one day, so 100 candles of history
 * suffice): which candle fires which metric against which limit, and the follow-ups after it.
 */
class MarketAnomaliesTest {
    private static final long T0 = 1_700_006_400_000L; // a whole day

    private static SuperCandle candle(int minute, double volB, double volS, double change, double close) {
        SuperCandle c = new SuperCandle();
        c.symbol = "A";
        c.period = "1m";
        c.windowStart = T0 + minute * 60_000L;
        c.windowEnd = c.windowStart + 60_000L;
        c.trades = new FlowFigures();
        c.trades.volB = volB;
        c.trades.volS = volS;
        c.trades.vol = volB + volS;
        c.puts = new FlowFigures();
        c.cancels = new FlowFigures();
        c.book = new double[BookMetric.values().length];
        c.prChange = change;
        c.prClose = close;
        return c;
    }

    @Test
    void aCandleBeyondItsMetricsPercentileFiresAndIsFollowedUp() throws Exception {
        RuleSettings rule = new WatchdogSettings().rule(WatchdogSettings.MARKET_ANOMALY);
        rule.threshold = 99;
        rule.windowMs = 86_400_000L;
        List<SuperCandle> history = new ArrayList<>();
        for (int m = 0; m < 1_000; m++) {
            double v = m % 100 + 1; // 1..100, ten times each
            history.add(candle(m, v / 2, v / 2, m % 2 == 0 ? 0.1 : -0.1, 100));
        }
        history.set(50, candle(50, 500, 500, 0.1, 100)); // a spike before 100 candles of history: no alert
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new MarketAnomalies(rule)),
                (SuperCandle c) -> c.symbol, Types.STRING)) {
            h.open();
            for (SuperCandle c : history) {
                h.processElement(c, c.windowEnd);
            }
            assertThat(h.extractOutputStreamRecords()).isEmpty();
            // the 99th percentile of the 1,000 volumes is the 10th largest: by hand, the spike 1000 then nine of
            // the ten 100s, so 100; of the buy (sell) volumes 50; of -pr_change 0.1
            h.processElement(candle(1_000, 300, 30, -5, 100), 0);      // buy volume and a fall; sell volume normal
            List<String> alerts = new ArrayList<>();
            for (StreamRecord<? extends Alert> r : h.extractOutputStreamRecords()) {
                Alert a = r.getValue();
                assertThat(a.alertId).isEqualTo(AlertIds.of(a.rule, "A", null, "FIRING", T0 + 1_001 * 60_000L));
                alerts.add(a.rule + " " + a.value + " beyond " + a.threshold);
            }
            assertThat(alerts).containsExactlyInAnyOrder("anomaly_vol 330.0 beyond 100.0", "anomaly_vol_b 300.0 beyond 50.0",
                    "anomaly_net_vol 270.0 beyond 0.0", "anomaly_pr_change -5.0 beyond -0.1");
            h.getOutput().clear();
            // the close after: 101 five minutes on, 99 at fifteen, no trade at thirty (the next candle answers: 102)
            for (int m = 1_001; m <= 1_062; m++) {
                double close = m < 1_005 ? 100 : m < 1_015 ? 101 : m < 1_031 ? 99 : 102;
                SuperCandle c = candle(m, 10, 10, 0, close);
                if (m == 1_030) { // the candle due at +30 had no trade
                    c.prClose = Double.NaN;
                }
                h.processElement(c, c.windowEnd);
            }
            List<String> followUps = new ArrayList<>();
            for (StreamRecord<AnomalyFollowUp> r : h.getSideOutput(MarketAnomalies.FOLLOW_UPS)) {
                AnomalyFollowUp f = r.getValue();
                if (f.rule.equals("anomaly_vol")) {
                    followUps.add("+" + f.minutes + " " + f.closeThen + " -> " + f.closeNow + " " + f.movePct);
                }
            }
            assertThat(followUps).containsExactly("+5 100.0 -> 101.0 1.0", "+15 100.0 -> 99.0 -1.0",
                    "+30 100.0 -> 102.0 2.0", "+60 100.0 -> 102.0 2.0");
            assertThat(h.getSideOutput(MarketAnomalies.FOLLOW_UPS)).hasSize(16); // 4 alerts x 4 horizons
        }
    }
}
