package com.supercandles.alert;


import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each event rule firing and resolving on crafted events, with exact ids, times and values. */
class EventWatchdogTest {
    private static final long T0 = 1_700_000_000_000L; // a whole second

    @Test
    void idsAreTheFirst128BitsOfSha256OverRuleKeyStateAndEventTime() {
        // expected values from sha256sum of the same bytes
        assertThat(AlertIds.of("ts_backwards", "BTCUSD", "trades", "FIRING", 1430438404645L))
                .isEqualTo("c505b0d100576374d344b27fa758f552");
        assertThat(AlertIds.of("big_order", "SBER", null, "RESOLVED", T0)).isEqualTo("f3dcbe7afc2ca29efdc0adb7087b4912");
    }

    /**
     * The events through the per-stream instance and the cross-stream one (as the job runs them), with a
     * checkpoint and a restore of each halfway: the restored state must carry on exactly, and the
     * checkpoint must account for every event before it (the watchdog judges events in batches).
     */
    private static List<Alert> run(WatchdogSettings settings, MarketEvent... events) throws Exception {
        List<Alert> out = new ArrayList<>();
        for (boolean crossStream : new boolean[] {false, true}) {
            int half = events.length / 2;
            org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
            try (var h = KeyedBySymbol.harness(new StreamWatchdog(settings, crossStream))) {
                h.open();
                for (MarketEvent e : java.util.Arrays.copyOfRange(events, 0, half)) {
                    h.processElement(e, e.ts);
                }
                h.prepareSnapshotPreBarrier(1); // as the task does before each barrier
                snapshot = h.snapshot(1, 1);
                for (StreamRecord<? extends Alert> r : h.extractOutputStreamRecords()) {
                    out.add(r.getValue());
                }
            }
            try (var h = KeyedBySymbol.harness(new StreamWatchdog(settings, crossStream))) {
                h.initializeState(snapshot);
                h.open();
                for (MarketEvent e : java.util.Arrays.copyOfRange(events, half, events.length)) {
                    h.processElement(e, e.ts);
                }
                h.endInput(); // the last events wait for a batch, a watermark, a checkpoint or the end
                for (StreamRecord<? extends Alert> r : h.extractOutputStreamRecords()) {
                    out.add(r.getValue());
                }
            }
        }
        out.sort(java.util.Comparator.comparingLong((Alert a) -> a.eventTime));
        return out;
    }

    private static MarketEvent trade(long ts, double price) {
        return MarketEvent.trade("X", ts, "t" + ts, price, 1, Side.B);
    }

    private static MarketEvent put(long ts, double price, double qty) {
        return MarketEvent.order("X", ts, "o" + ts, OrderAction.PUT, Side.B, price, qty);
    }

    private static MarketEvent cancel(long ts) {
        return MarketEvent.order("X", ts, "c" + ts, OrderAction.CANCEL, Side.B, 100, 1);
    }

    private static String summary(Alert a) {
        return a.rule + " " + a.stream + " " + a.state + " @" + (a.eventTime - T0) + " value " + a.value;
    }

    private static void assertIds(List<Alert> alerts) {
        for (Alert a : alerts) {
            assertThat(a.alertId).isEqualTo(AlertIds.of(a.rule, a.symbol, a.stream, a.state, a.eventTime));
        }
    }

    @Test
    void timeGoingBackwardsBeyondTheToleranceFiresPerStreamAndResolves() throws Exception {
        List<Alert> alerts = run(new WatchdogSettings(),
                trade(T0 + 5_000, 100),
                trade(T0 + 4_500, 100),   // 500 ms back: within 1 s
                trade(T0 + 3_000, 100),   // 2,000 ms behind the newest (5,000): FIRING
                put(T0 + 1_000, 100, 1),  // the order log has its own newest ts: nothing
                trade(T0 + 4_200, 100),   // 800 ms behind: RESOLVED
                trade(T0 + 6_000, 100));
        assertThat(alerts).extracting(EventWatchdogTest::summary).containsExactly(
                "ts_backwards trades FIRING @3000 value 2000.0",
                "ts_backwards trades RESOLVED @4200 value 800.0");
        assertThat(alerts.get(0).severity).isEqualTo("warning");
        assertThat(alerts.get(0).threshold).isEqualTo(1000);
        assertThat(alerts.get(0).message).contains("X trades: ts went back 2000 ms");
        assertThat(alerts.get(1).message).startsWith("resolved: ");
        assertIds(alerts);
    }

    @Test
    void aTradeOutsideItsCorridorFiresAndTheCooldownHoldsTheNextOne() throws Exception {
        List<Alert> alerts = run(new WatchdogSettings(),
                trade(T0, 100),
                trade(T0 + 1_000, 106),    // 6 % from 100: FIRING
                trade(T0 + 2_000, 106.5),  // 0.47 %: RESOLVED
                trade(T0 + 3_000, 95),     // 10.8 %: within the 60 s cooldown of the FIRING at 1 s: quiet
                trade(T0 + 4_000, 95.1),
                trade(T0 + 70_000, 110));  // 15.7 %, after the cooldown: FIRING again
        assertThat(alerts).extracting(a -> a.rule + " " + a.state + " @" + (a.eventTime - T0)).containsExactly(
                "trade_corridor FIRING @1000", "trade_corridor RESOLVED @2000", "trade_corridor FIRING @70000");
        assertThat(alerts.get(0).value).isCloseTo(6.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(alerts.get(2).value).isCloseTo(15.667718, org.assertj.core.api.Assertions.within(1e-6));
        assertIds(alerts);
    }

    @Test
    void orderRatesPerSecondFiveSecondsAndMinute() throws Exception {
        WatchdogSettings s = new WatchdogSettings();
        s.rule(WatchdogSettings.PUT_RATE_1S).threshold = 3;
        s.rule(WatchdogSettings.PUT_RATE_5S).threshold = 6;
        s.rule(WatchdogSettings.PUT_RATE_1M).threshold = 100;
        List<MarketEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(put(T0 + i * 100, 100, 1));      // the 4th put within second 0: 1 s rate 4 > 3
        }
        for (int i = 0; i < 3; i++) {
            events.add(put(T0 + 1_000 + i * 100, 100, 1)); // second 1: 1 s rate 1..3 (resolves), 5 s rate 5..7 (> 6 at 7)
        }
        events.add(put(T0 + 10_000, 100, 1));            // second 10: 5 s rate 1, resolves
        List<Alert> alerts = run(s, events.toArray(new MarketEvent[0]));
        assertThat(alerts).extracting(a -> a.rule + " " + a.state + " @" + (a.eventTime - T0) + " " + a.value).containsExactly(
                "put_rate_1s FIRING @300 4.0",
                "put_rate_1s RESOLVED @1000 1.0",
                "put_rate_5s FIRING @1200 7.0",
                "put_rate_5s RESOLVED @10000 1.0");
        assertIds(alerts);
        // a FIRING says what happened and what to look at; its RESOLVED what is the case now, no advice
        assertThat(alerts.get(0).message).isEqualTo("X: 4 orders put in 1 s (limit 3): a runaway robot or a quote storm;"
                + " check who sends them");
        assertThat(alerts.get(1).message).isEqualTo("resolved: X: 1 orders put in 1 s (limit 3)");
    }

    @Test
    void cancelsPerPutBigOrdersAndOrdersFarFromTheMid() throws Exception {
        List<MarketEvent> events = new ArrayList<>();
        events.add(MarketEvent.book("X", T0, new double[] {99}, new double[] {1}, new double[] {101}, new double[] {1}));
        events.add(put(T0 + 1, 100, 1));                 // at the mid
        events.add(put(T0 + 2, 74, 1));                  // 26 % below the mid 100: FIRING (limit 25 %)
        events.add(put(T0 + 3, 2_000_000, 1));           // 1,999,900 % from the mid (still firing) ...
        events.add(put(T0 + 4, 100, 5_000_000));         // ... at the mid again: RESOLVED; 5 M lots: big order FIRING
        events.add(put(T0 + 5, 100, 10));                // big order RESOLVED
        for (int i = 0; i < 100; i++) {
            events.add(cancel(T0 + 10 + i));             // 100 cancels for 5 puts: 20 per put > 3 at the 100th
        }
        WatchdogSettings settings = new WatchdogSettings();
        settings.rule(WatchdogSettings.ORDER_OFF_MID).enabled = true; // off by default
        List<Alert> alerts = run(settings, events.toArray(new MarketEvent[0]));
        assertThat(alerts).extracting(a -> a.rule + " " + a.state + " @" + (a.eventTime - T0)).containsExactly(
                "order_off_mid FIRING @2",
                "big_order FIRING @4",
                "order_off_mid RESOLVED @4",
                "big_order RESOLVED @5",
                "cancels_per_put FIRING @109");
        assertThat(alerts.get(0).value).isCloseTo(26.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(alerts.get(4).value).isEqualTo(20.0);
        assertThat(alerts.get(4).severity).isEqualTo("info");
        assertIds(alerts);
    }

    @Test
    void aRuleTurnedOffSaysNothing() throws Exception {
        WatchdogSettings s = new WatchdogSettings();
        s.rule(WatchdogSettings.TRADE_CORRIDOR).enabled = false;
        assertThat(run(s, trade(T0, 100), trade(T0 + 1, 200))).isEmpty();
    }

    private static MarketEvent ingested(long ts, long latency) {
        MarketEvent e = trade(ts, 10);
        e.ingestTime = ts + latency;
        return e;
    }

    @Test
    void latencyFiresAfterKEventsAboveTheLimitAndResolvesAfterKBelowHalfOfIt() throws Exception {
        List<MarketEvent> events = new ArrayList<>();
        long[] latencies = {6_000, 6_000, 6_000, 6_000, 100, 6_000, 6_000, 6_000, 6_000, 6_000, // 5 in a row at the 10th
            3_000, 1_000, 1_000, 1_000, 1_000, 6_000, 1_000, 1_000, 1_000, 1_000, 1_000};       // 3 s is not below 2.5 s
        for (int i = 0; i < latencies.length; i++) {
            events.add(ingested(T0 + i * 1_000L, latencies[i]));
        }
        events.add(trade(T0 + 30_000, 10));                                    // no ingest time (a file): not judged
        List<Alert> alerts = run(new WatchdogSettings(), events.toArray(new MarketEvent[0]));
        assertThat(alerts).extracting(a -> a.rule + " " + a.stream + " " + a.state + " @" + (a.eventTime - T0) + " " + a.value)
                .containsExactly("latency trades FIRING @9000 6000.0", "latency trades RESOLVED @20000 1000.0");
        assertIds(alerts);
    }

    /**
     * Thousands of symbols interleaved, through the job's operators with a checkpoint and a restore
     * halfway (the table grows while judging and while restoring), give exactly the alerts of each
     * symbol's events judged alone on a watchdog of its own: no symbol's figures leak into another's.
     */
    @Test
    void manySymbolsInterleavedGiveEachSymbolsOwnAlerts() throws Exception {
        WatchdogSettings s = new WatchdogSettings();
        s.rule(WatchdogSettings.PUT_RATE_1S).threshold = 3;
        s.rule(WatchdogSettings.PUT_RATE_5S).threshold = 8;
        s.rule(WatchdogSettings.PUT_RATE_1M).threshold = 40;
        s.rule(WatchdogSettings.CANCEL_RATE_1S).threshold = 3;
        s.rule(WatchdogSettings.CANCEL_RATE_5S).threshold = 8;
        s.rule(WatchdogSettings.CANCEL_RATE_1M).threshold = 40;
        s.rule(WatchdogSettings.CANCELS_PER_PUT).threshold = 1.5;
        s.rule(WatchdogSettings.BIG_ORDER).threshold = 95;
        s.rule(WatchdogSettings.TRADE_CORRIDOR).threshold = 2;
        s.rule(WatchdogSettings.ORDER_OFF_MID).enabled = true;
        s.rule(WatchdogSettings.ORDER_OFF_MID).threshold = 3;
        for (RuleSettings r : s.all()) {
            r.cooldownMs = 5_000;
        }
        java.util.Random random = new java.util.Random(7);
        int symbols = 3_000;
        double[] price = new double[symbols];
        java.util.Arrays.fill(price, 100);
        List<MarketEvent> events = new ArrayList<>();
        long t = T0;
        for (int n = 0; n < 120_000; n++) {
            t += random.nextInt(3);
            // a few busy symbols (rates, cancels per put), the rest quiet
            int k = random.nextInt(4) == 0 ? random.nextInt(20) : random.nextInt(symbols);
            String symbol = "S" + k;
            long ts = random.nextInt(200) == 0 ? t - 1_500 : t; // now and then 1.5 s back
            price[k] *= 1 + (random.nextInt(50) == 0 ? 0.05 : 0.002) * random.nextGaussian();
            MarketEvent e;
            // the first five busy symbols mostly cancel (cancels per put)
            switch (k < 5 && random.nextBoolean() ? 2 : random.nextInt(5)) {
                case 0: e = MarketEvent.trade(symbol, ts, "t" + n, price[k], 1, Side.B); break;
                case 1: e = MarketEvent.book(symbol, ts, new double[] {price[k] * 0.999}, new double[] {1},
                        new double[] {price[k] * 1.001}, new double[] {1}); break;
                case 2: e = MarketEvent.order(symbol, ts, "c" + n, OrderAction.CANCEL, Side.S, price[k], 1); break;
                default: e = MarketEvent.order(symbol, ts, "o" + n, OrderAction.PUT, Side.B,
                        price[k] * (1 + 0.02 * random.nextGaussian()), random.nextInt(100));
            }
            if (random.nextInt(3) == 0) {
                e.ingestTime = ts + (k % 7 == 0 && n < 60_000 ? 6_000 : 10); // lagging, then not
            }
            events.add(e);
        }
        t += 120_000; // the busy symbols quiet down: their minute rates resolve
        for (int k = 0; k < 20; k++) {
            events.add(MarketEvent.order("S" + k, t + k, "q" + k, OrderAction.PUT, Side.B, price[k], 1));
            events.add(MarketEvent.order("S" + k, t + k, "r" + k, OrderAction.CANCEL, Side.B, price[k], 1));
        }

        List<Alert> alone = new ArrayList<>();
        java.util.Map<String, List<MarketEvent>> bySymbol = new java.util.LinkedHashMap<>();
        for (MarketEvent e : events) {
            bySymbol.computeIfAbsent(e.symbol, x -> new ArrayList<>()).add(e);
        }
        for (List<MarketEvent> one : bySymbol.values()) {
            for (boolean crossStream : new boolean[] {false, true}) {
                SymbolWatches w = new SymbolWatches(StreamWatchdog.rules(s, crossStream));
                org.apache.flink.util.Collector<Alert> out = new org.apache.flink.api.common.functions.util.ListCollector<>(alone);
                for (MarketEvent e : one) {
                    w.judge(e, out);
                }
            }
        }
        java.util.function.Function<Alert, String> line = a -> a.eventTime + " " + a.symbol + " " + a.rule + " "
                + a.stream + " " + a.state + " " + a.value + " " + a.message;
        List<String> expected = alone.stream().map(line).sorted().collect(java.util.stream.Collectors.toList());
        List<String> interleaved = run(s, events.toArray(new MarketEvent[0])).stream().map(line).sorted()
                .collect(java.util.stream.Collectors.toList());
        assertThat(interleaved).isEqualTo(expected);
        // every rule had its say, on many symbols
        for (String rule : List.of("ts_backwards", "trade_corridor", "put_rate_1s", "put_rate_5s", "put_rate_1m",
                "cancel_rate_1s", "cancel_rate_5s", "cancel_rate_1m", "cancels_per_put", "big_order", "order_off_mid",
                "latency")) {
            assertThat(alone).as(rule).filteredOn(a -> a.rule.equals(rule) && a.state.equals(Alert.RESOLVED)).isNotEmpty();
        }
        assertThat(alone.stream().map(a -> a.symbol).distinct().count()).isGreaterThan(1_000);
    }

    /** Events wait for a batch, but never behind a watermark: their alerts go out before it. */
    @Test
    void pendingEventsAreJudgedBeforeAWatermarkIsPassedOn() throws Exception {
        try (var h = KeyedBySymbol.harness(new StreamWatchdog(new WatchdogSettings(), false))) {
            h.open();
            h.processElement(trade(T0, 100), T0);
            h.processElement(trade(T0 + 1_000, 106), T0 + 1_000); // 6 % from 100: FIRING, once judged
            assertThat(h.getOutput()).as("both events wait for a batch").isEmpty();
            h.processWatermark(T0 + 1_000);
            List<Object> out = new ArrayList<>(h.getOutput());
            assertThat(out).hasSize(2);
            assertThat(out.get(0)).isInstanceOf(StreamRecord.class);
            assertThat(((Alert) ((StreamRecord<?>) out.get(0)).getValue()).rule).isEqualTo("trade_corridor");
            assertThat(out.get(1)).isEqualTo(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 1_000));
        }
    }
}
