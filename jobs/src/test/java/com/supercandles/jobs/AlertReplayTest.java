package com.supercandles.jobs;

import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.supercandles.alert.AlertIds;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.candle.Period;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchdogs in the job: crafted files give exactly the expected alerts; a replay repeats its ids. */
class AlertReplayTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long T0 = 1_699_999_980_000L; // a whole minute

    private static String trade(long ts, String id, double price) {
        return String.format(java.util.Locale.ROOT,
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":%d,\"trade_id\":\"%s\",\"price\":%s,\"qty\":1,\"side\":\"B\"}",
                ts, id, price);
    }

    private static List<String> summaries(Path alerts) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode a : CandleAssertions.readLines(alerts)) {
            assertThat(a.get("alert_id").asText()).isEqualTo(AlertIds.of(a.get("rule").asText(), a.get("symbol").asText(),
                    a.get("stream").isNull() ? null : a.get("stream").asText(), a.get("state").asText(),
                    a.get("event_time").asLong()));
            out.add(a.get("rule").asText() + " " + a.get("state").asText() + " @" + (a.get("event_time").asLong() - T0));
        }
        out.sort(null);
        return out;
    }

    @Test
    void craftedFilesGiveExactlyTheExpectedAlerts(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("trades.jsonl"), List.of(
                trade(T0 + 1_000, "1", 100),
                trade(T0 + 2_000, "2", 108),     // 8 % from 100: trade_corridor FIRING @2000
                trade(T0 + 3_000, "3", 108.5),   // RESOLVED @3000
                trade(T0 + 9_000, "4", 108.5),
                trade(T0 + 4_000, "5", 108.5),   // 5 s back: ts_backwards FIRING @4000 (it is late for nothing: bound 1 h)
                trade(T0 + 9_500, "6", 108.5),   // ts_backwards RESOLVED @9500
                trade(T0 + 9_600, "6", 150),     // a repeated trade_id: duplicate_trade FIRING @9600, out of the candle
                trade(T0 + 9_700, "7", 108.5))); // duplicate_trade RESOLVED @9700
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {           // 12 puts within one second: put_rate_1s (limit 10) FIRING at the 11th
            orders.add("{\"type\":\"order\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 20_000 + i) + ",\"order_id\":\"o" + i
                    + "\",\"action\":\"put\",\"side\":\"B\",\"price\":100,\"qty\":1}");
        }
        orders.add("{\"type\":\"order\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 22_000) + ",\"order_id\":\"o99\","
                + "\"action\":\"put\",\"side\":\"B\",\"price\":100,\"qty\":1}");    // a later second: RESOLVED
        Files.write(in.resolve("orders.jsonl"), orders);
        WatchdogSettings watchdogs = new WatchdogSettings();
        watchdogs.rule(WatchdogSettings.PUT_RATE_1S).threshold = 10;
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("1m"))
                .maxOutOfOrderness(java.time.Duration.ofHours(1)).watchdogs(watchdogs);
        Replay.run(settings, in, ReplayFiles.of(tmp.resolve("c.jsonl"), tmp.resolve("d.jsonl")).with(Outputs.ALERTS, tmp.resolve("a.jsonl")), null, 2);
        assertThat(summaries(tmp.resolve("a.jsonl"))).containsExactly(
                "duplicate_trade FIRING @9600", "duplicate_trade RESOLVED @9700",
                "put_rate_1s FIRING @20010", "put_rate_1s RESOLVED @22000",
                "trade_corridor FIRING @2000", "trade_corridor RESOLVED @3000",
                "ts_backwards FIRING @4000", "ts_backwards RESOLVED @9500");
        // the repeat is a dead letter and no part of the candle: 7 trades, highest price 108.5
        assertThat(CandleAssertions.readLines(tmp.resolve("d.jsonl"))).singleElement().satisfies(d -> {
            assertThat(d.get("kind").asText()).isEqualTo("duplicate");
            assertThat(d.get("payload").asText()).contains("\"price\":150.0");
        });
        JsonNode candle = CandleAssertions.readCandles(tmp.resolve("c.jsonl"), "1m").get("ABC|" + T0);
        assertThat(candle.get("trades").asLong()).isEqualTo(7);
        assertThat(candle.get("pr_high").asDouble()).isEqualTo(108.5);
    }

    /**
     * The recorded day twice, at parallelism 1 and 2: the same alerts, the same ids. (The order-to-mid rule,
     * which compares two streams as they arrive, is off here.)
     */
    @Test
    void aReplayOfTheRecordedDayRepeatsEveryAlertId(@TempDir Path tmp) throws Exception {
        WatchdogSettings watchdogs = new WatchdogSettings();
        watchdogs.rule(WatchdogSettings.ORDER_OFF_MID).enabled = false;
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("1m,5m"))
                .instruments(Instruments.withDefaults(new InstrumentSpec(1, 0.01, 10_000))).watchdogs(watchdogs);
        Path day = RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2015-05-01");
        List<TreeSet<String>> runs = new ArrayList<>();
        for (int p = 1; p <= 2; p++) {
            Path alerts = tmp.resolve("a" + p + ".jsonl");
            Replay.run(settings, day, ReplayFiles.of(tmp.resolve("c" + p + ".jsonl"), tmp.resolve("d" + p + ".jsonl")).with(Outputs.ALERTS, alerts), null, p);
            TreeSet<String> ids = new TreeSet<>();
            for (JsonNode a : CandleAssertions.readLines(alerts)) {
                ids.add(a.get("alert_id").asText() + " " + a.get("rule").asText() + " " + a.get("message").asText());
            }
            runs.add(ids);
        }
        assertThat(runs.get(0)).hasSizeGreaterThan(5).isEqualTo(runs.get(1));
        assertThat(runs.get(0)).anyMatch(s -> s.contains("disb_run_then_fall"));
    }
}
