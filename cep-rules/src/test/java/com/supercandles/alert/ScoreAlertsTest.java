package com.supercandles.alert;


import com.supercandles.score.GuardRecord;
import com.supercandles.score.ScoreBands;
import com.supercandles.score.ScoreRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The model score's band alerts (band changes, one per cooldown) and the guard's decision alerts. */
class ScoreAlertsTest {
    private static ScoreRecord score(long endSeconds, int band, double score) {
        ScoreRecord r = new ScoreRecord();
        r.symbol = "BTCUSD";
        r.period = "10s";
        r.windowEnd = endSeconds * 1000;
        r.windowStart = r.windowEnd - 10_000;
        r.band = band;
        r.score = score;
        r.close = 60_518;
        return r;
    }

    @Test
    void aBandChangeGoesOutOncePerCooldownAndTheLatestBandWins() throws Exception {
        RuleSettings rule = new WatchdogSettings().rule(WatchdogSettings.MODEL_SCORE); // cooldown 60 s
        KeyedOneInputStreamOperatorTestHarness<String, ScoreRecord, Alert> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ScoreBandAlerts(new ScoreBands(0.15, 0.05), rule)), r -> r.symbol,
                Types.STRING);
        h.open();
        long[] ends = {10, 20, 30, 40, 50, 60, 70, 80, 90, 140};
        int[] bands = {0, 2, 3, -1, 0, 0, 0, 0, 2, 2};
        double[] scores = {0.1, 0.21, 0.26, -0.16, 0.0, 0.01, 0.02, 0.03, 0.2, 0.22};
        for (int i = 0; i < ends.length; i++) {
            h.processElement(new StreamRecord<>(score(ends[i], bands[i], scores[i])));
        }
        List<String> got = new ArrayList<>();
        for (Alert a : h.extractOutputValues()) {
            got.add(a.state + "@" + a.eventTime / 1000 + " " + a.message + " " + a.threshold);
            assertThat(a.alertId).isEqualTo(AlertIds.of("model_score", "BTCUSD", null, a.state, a.eventTime));
        }
        // 20: first change; 30-70 within the cooldown of 20; 80: back to 0 differs from 2 sent: RESOLVED;
        // 90 within the cooldown of 80; 140: band 2 differs from 0 sent
        assertThat(got).containsExactly(
                "FIRING@20 BTCUSD 60,518 \uD83D\uDCC8\uD83D\uDCC8 Score: 0.21 0.2",
                "RESOLVED@80 BTCUSD 60,518 Score: 0.03 (back within ±0.15) 0.15",
                "FIRING@140 BTCUSD 60,518 \uD83D\uDCC8\uD83D\uDCC8 Score: 0.22 0.2");
        h.close();
    }

    @Test
    void aGuardDecisionChangeIsAnAlertWithWhatToDo() throws Exception {
        RuleSettings rule = new WatchdogSettings().rule(WatchdogSettings.PHASE_GUARD);
        GuardAlerts alerts = new GuardAlerts(rule);
        List<Alert> out = new ArrayList<>();
        Collector<Alert> collector = new Collector<>() {
            @Override
            public void collect(Alert a) {
                out.add(a);
            }

            @Override
            public void close() {}
        };
        GuardRecord r = new GuardRecord();
        r.symbol = "SBER";
        r.period = "1m";
        r.windowEnd = 120_000;
        r.strategy = "disb";
        r.drifting = true;
        r.phaseChanged = true;
        r.phaseError = 0.5;
        r.phaseThreshold = 0.2;
        r.sharpe = -0.4;
        r.backtestSharpe = 0.1;
        r.sharpeSe = 0.1;
        r.bars = 100;
        r.decision = GuardRecord.decision(true, true);
        r.decisionChanged = true;
        alerts.flatMap(r, collector);
        r.decisionChanged = false;
        alerts.flatMap(r, collector); // no change: no alert
        r.decision = GuardRecord.decision(false, false);
        r.drifting = false;
        r.phaseChanged = false;
        r.decisionChanged = true;
        alerts.flatMap(r, collector);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).state).isEqualTo(Alert.FIRING);
        assertThat(out.get(0).stream).isEqualTo("disb");
        assertThat(out.get(0).threshold).isEqualTo(0.1 - 2 * 0.1);
        assertThat(out.get(0).message).isEqualTo("SBER disb on 1m: RETIRE: the market's phase changed (reconstruction"
                + " error 0.500 over 0.200), the strategy drifts from its backtest (Sharpe -0.400 over the last 100 bars"
                + " vs 0.100, SE 0.100); stop trading it and retrain on recent data.");
        assertThat(out.get(1).state).isEqualTo(Alert.RESOLVED);
        assertThat(out.get(1).message).startsWith("SBER disb on 1m: KEEP: the market looks like the training period");
    }
}
