package com.supercandles.alert;


import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream silent for every symbol is one feed_down alert: the per-symbol STALEs are held N / 2 + 1 s
 * (N = 30 s: 16 s) and dropped when the whole stream turns out to be down. Times on the harness's clock.
 */
class FeedDownCollapseTest {
    private static final long N = 30_000;
    private static final long HOLD = 16_000;

    private static Alert seen(String symbol, String stream) {
        Alert a = new Alert();
        a.rule = FeedStaleness.RULE;
        a.symbol = symbol;
        a.stream = stream;
        a.state = FeedStaleness.SEEN;
        return a;
    }

    private static Alert stale(String symbol, String stream, long lastTs) {
        return Alert.of(FeedStaleness.RULE, symbol, stream, Severity.CRITICAL, Alert.FIRING, 31_000, N, lastTs, "stale");
    }

    private static Alert recovered(String symbol, String stream, long ts) {
        return Alert.of(FeedStaleness.RULE, symbol, stream, Severity.CRITICAL, Alert.RESOLVED, 40_000, N, ts, "back");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness() throws Exception {
        RuleSettings down = new WatchdogSettings().rule(WatchdogSettings.FEED_DOWN);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new FeedDownCollapse(down, N)),
                (Alert a) -> a.stream, Types.STRING);
        h.open();
        h.setProcessingTime(0);
        return h;
    }

    private static List<String> drain(KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> h) {
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends Alert> r : h.extractOutputStreamRecords()) {
            Alert a = r.getValue();
            assertThat(a.alertId).isEqualTo(AlertIds.of(a.rule, a.symbol, a.stream, a.state, a.eventTime));
            out.add(a.rule + " " + a.symbol + " " + a.stream + " " + a.state + " ts " + a.eventTime
                    + (a.rule.equals(FeedDownCollapse.RULE) ? " value " + (long) a.value : ""));
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void oneStaleSymbolGoesOutAfterTheHoldAndAShortSilenceGoesOutWithItsRecovery() throws Exception {
        try (var h = harness()) {
            for (String s : new String[] {"A", "B", "C"}) {
                h.processElement(seen(s, "book"), 0);
            }
            h.processElement(seen("A", "trades"), 0);
            assertThat(drain(h)).isEmpty();                            // markers stop here
            h.setProcessingTime(100_000);
            h.processElement(stale("A", "book", 70_000), 0);
            h.setProcessingTime(100_000 + HOLD - 1);
            assertThat(drain(h)).isEmpty();                            // held
            h.setProcessingTime(100_000 + HOLD);
            assertThat(drain(h)).containsExactly("feed_stale A book FIRING ts 70000");
            h.processElement(recovered("A", "book", 130_000), 0);
            assertThat(drain(h)).containsExactly("feed_stale A book RESOLVED ts 130000");
            h.setProcessingTime(200_000);
            h.processElement(stale("B", "book", 170_000), 0);
            h.setProcessingTime(205_000);
            h.processElement(recovered("B", "book", 205_000), 0);      // back while held: both go out, in order
            assertThat(drain(h)).containsExactly("feed_stale B book FIRING ts 170000", "feed_stale B book RESOLVED ts 205000");
            h.setProcessingTime(300_000);
            assertThat(drain(h)).isEmpty();
            // trades has one symbol, under feed_down's 2: its STALE is a symbol's, after the hold
            h.processElement(stale("A", "trades", 250_000), 0);
            h.setProcessingTime(300_000 + HOLD);
            assertThat(drain(h)).containsExactly("feed_stale A trades FIRING ts 250000");
        }
    }

    @Test
    void aStreamSilentForEverySymbolIsOneAlertAndTheSymbolsStillSilentAfterItsReturnAreReportedLater() throws Exception {
        try (var h = harness()) {
            for (String s : new String[] {"A", "B", "C", "D"}) {
                h.processElement(seen(s, "orders"), 0);
                h.processElement(seen(s, "book"), 0);
            }
            h.setProcessingTime(10_000);
            h.processElement(stale("D", "orders", 1_000), 0);          // D was quiet long before: reported alone
            h.setProcessingTime(10_000 + HOLD);
            assertThat(drain(h)).containsExactly("feed_stale D orders FIRING ts 1000");
            h.setProcessingTime(60_000);                               // the orders feed dies at about 29 s
            h.processElement(stale("A", "orders", 29_000), 0);
            h.setProcessingTime(65_000);
            h.processElement(stale("B", "orders", 29_100), 0);
            h.processElement(stale("A", "book", 40_000), 0);           // another stream: not part of it
            h.setProcessingTime(70_000);
            h.processElement(stale("C", "orders", 29_200), 0);         // the last one: every symbol is stale
            assertThat(drain(h)).containsExactly("feed_down * orders FIRING ts 29200 value 4");
            h.setProcessingTime(200_000);                              // A and B were dropped, not released
            assertThat(drain(h)).containsExactly("feed_stale A book FIRING ts 40000");
            h.processElement(recovered("B", "orders", 210_000), 0);   // the feed is back (B first)
            assertThat(drain(h)).containsExactly("feed_down * orders RESOLVED ts 210000 value 1");
            h.setProcessingTime(201_000);
            h.processElement(recovered("A", "orders", 210_500), 0);    // A follows within N: nothing to say
            h.setProcessingTime(200_000 + N - 1);
            assertThat(drain(h)).isEmpty();
            h.setProcessingTime(200_000 + N);                          // C still silent N after: reported now
            assertThat(drain(h)).containsExactly("feed_stale C orders FIRING ts 29200");
            h.processElement(recovered("C", "orders", 240_000), 0);
            h.processElement(recovered("D", "orders", 241_000), 0);
            assertThat(drain(h)).containsExactly("feed_stale C orders RESOLVED ts 240000",
                    "feed_stale D orders RESOLVED ts 241000");
        }
    }

    @Test
    void aNewSymbolOnADownStreamMeansItFlows() throws Exception {
        try (var h = harness()) {
            h.processElement(seen("A", "trades"), 0);
            h.processElement(seen("B", "trades"), 0);
            h.processElement(stale("A", "trades", 1_000), 0);
            h.processElement(stale("B", "trades", 1_000), 0);
            Alert fresh = seen("C", "trades");
            fresh.eventTime = 90_000;
            h.processElement(fresh, 0);
            assertThat(drain(h)).containsExactly("feed_down * trades FIRING ts 1000 value 2",
                    "feed_down * trades RESOLVED ts 90000 value 1");
        }
    }
}
