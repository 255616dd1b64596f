package com.supercandles.jobs;

import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.candle.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market anomalies in a replay of the recorded Bitstamp week of trades (about 9,000 one-minute candles):
 * the alerts equal a plain recomputation from the replay's own candles (every earlier candle of the 90
 * days, sorted, the r-th largest), and each follow-up equals the close of the first candle with a price
 * at or after its horizon.
 */
class MarketAnomalyReplayTest {
    private static final String[] RULES = {"anomaly_vol", "anomaly_vol_b", "anomaly_vol_s", "anomaly_net_vol",
            "anomaly_net_vol", "anomaly_pr_change", "anomaly_pr_change"};

    private static double[] values(JsonNode c) {
        double volB = c.get("vol_b").asDouble();
        double volS = c.get("vol_s").asDouble();
        double change = c.get("pr_change").isNull() ? Double.NaN : c.get("pr_change").asDouble();
        return new double[] {c.get("vol").asDouble(), volB, volS, volB - volS, volS - volB, change, -change};
    }

    @Test
    void alertsEqualAPlainRecomputationFromTheCandlesAndFollowUpsTheLaterCloses(@TempDir Path tmp) throws Exception {
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("1m"))
                .watchdogs(new WatchdogSettings());
        Path alerts = tmp.resolve("c.alerts.jsonl");
        Replay.run(settings, RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2013-11-25"), ReplayFiles.of(tmp.resolve("c.jsonl"), tmp.resolve("d.jsonl")).with(Outputs.ALERTS, alerts), null, 2);
        List<JsonNode> candles = new ArrayList<>(CandleAssertions.readLines(tmp.resolve("c.jsonl")));
        candles.sort((a, b) -> Long.compare(a.get("window_start").asLong(), b.get("window_start").asLong()));
        assertThat(candles).hasSizeGreaterThan(5_000);

        // by hand: before candle t, every earlier value of the tail; fire when x > the r-th largest,
        // r = ceil(0.1 % of them), once there are 1,000 of them, and x > 0
        Set<String> expected = new TreeSet<>();
        List<List<Double>> history = new ArrayList<>();
        for (int i = 0; i < RULES.length; i++) {
            history.add(new ArrayList<>());
        }
        for (JsonNode c : candles) {
            double[] v = values(c);
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    continue;
                }
                List<Double> h = history.get(i);
                int n = h.size();
                long r = (long) Math.ceil(n / 1000.0 - 1e-9);
                if (n >= 1_000 && v[i] > 0 && v[i] > h.get(n - (int) r)) {
                    expected.add(RULES[i] + " @" + c.get("window_end").asLong());
                }
                int at = Collections.binarySearch(h, v[i]);
                h.add(at < 0 ? -at - 1 : at, v[i]);
            }
        }
        Set<String> actual = new TreeSet<>();
        for (JsonNode a : CandleAssertions.readLines(alerts)) {
            if (a.get("rule").asText().startsWith("anomaly_")) {
                assertThat(a.get("state").asText()).isEqualTo("FIRING");
                actual.add(a.get("rule").asText() + " @" + a.get("event_time").asLong());
            }
        }
        assertThat(expected).as("the week has anomalies").hasSizeGreaterThan(5);
        assertThat(actual).isEqualTo(expected);

        // follow-ups: the close of the first candle with a price whose window ends at or after the horizon
        List<JsonNode> followUps = CandleAssertions.readLines(ReplayFiles.besideOther(alerts, Outputs.ANOMALY_FOLLOW_UPS));
        int checked = 0;
        for (JsonNode f : followUps) {
            long due = f.get("alert_time").asLong() + f.get("minutes").asLong() * 60_000;
            JsonNode answer = null;
            for (JsonNode c : candles) {
                if (c.get("window_end").asLong() >= due && !c.get("pr_close").isNull()) {
                    answer = c;
                    break;
                }
            }
            assertThat(answer).isNotNull();
            assertThat(f.get("close_now").asDouble()).as(f.toString()).isEqualTo(answer.get("pr_close").asDouble());
            checked++;
        }
        // every alert but those too close to the end has its four follow-ups
        assertThat(checked).isGreaterThan(4 * (actual.size() - 10));
    }
}
