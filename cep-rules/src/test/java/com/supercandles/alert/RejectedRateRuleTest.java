package com.supercandles.alert;


import com.supercandles.event.DeadLetter;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rejected records per (symbol, stream) per minute of the stream's time: fire, resolve, cooldown, keys. */
class RejectedRateRuleTest {
    private static final long M = 60_000;
    private static final long T0 = 1_700_000_040_000L; // a minute boundary: 1_700_000_040_000 = 28_333_334 min

    private static DeadLetter rejected(String symbol, String stream, long streamTime) {
        DeadLetter d = new DeadLetter(stream, DeadLetter.INVALID, "'price' must be a number", "{}", 5L);
        d.symbol = symbol;
        d.streamTime = streamTime;
        return d;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DeadLetter, Alert> harness(double perMinute)
            throws Exception {
        RuleSettings rule = new WatchdogSettings().rule(WatchdogSettings.REJECTED_RATE);
        rule.threshold = perMinute;
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RejectedRateRule(rule)),
                RejectedRateRule::key, Types.STRING);
        h.open();
        return h;
    }

    private static List<String> drain(KeyedOneInputStreamOperatorTestHarness<String, DeadLetter, Alert> h) {
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends Alert> r : h.extractOutputStreamRecords()) {
            Alert a = r.getValue();
            assertThat(a.alertId).isEqualTo(AlertIds.of("rejected_rate", a.symbol, a.stream, a.state, a.eventTime));
            out.add(a.symbol + " " + a.stream + " " + a.state + " at +" + (a.eventTime - T0) + " value " + (long) a.value);
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void firesOnTheRecordOverTheLimitAndResolvesAtTheEndOfTheFirstMinuteAtOrUnderIt() throws Exception {
        try (var h = harness(3)) {
            for (long t : new long[] {100, 200, 300}) {
                h.processElement(rejected("SBER", "orders", T0 + t), T0 + t);
            }
            assertThat(drain(h)).isEmpty();                       // 3 in the minute: at the limit, not over
            h.processElement(rejected("SBER", "orders", T0 + 400), T0 + 400);
            h.processElement(rejected("SBER", "trades", T0 + 450), T0 + 450); // another key
            h.processElement(rejected("SBER", "orders", T0 + 500), T0 + 500);
            assertThat(drain(h)).containsExactly("SBER orders FIRING at +400 value 4");
            h.processElement(rejected("SBER", "orders", T0 + M), T0 + M);       // the next minute: 2 records
            h.processElement(rejected("SBER", "orders", T0 + M + 5), T0 + M + 5);
            h.processWatermark(T0 + M - 1);                       // the first minute (5, over) ended: still firing
            h.processWatermark(T0 + 2 * M - 2);
            assertThat(drain(h)).isEmpty();
            h.processWatermark(T0 + 2 * M - 1);                   // the second minute ended with 2
            assertThat(drain(h)).containsExactly("SBER orders RESOLVED at +120000 value 2");
        }
    }

    @Test
    void aMinuteWithoutRejectionsResolvesBothThroughRecordsAndThroughTheWatermark() throws Exception {
        try (var h = harness(1)) {
            h.processElement(rejected("A", "book", T0 + 10), T0 + 10);
            h.processElement(rejected("A", "book", T0 + 20), T0 + 20);
            h.processElement(rejected("B", "book", T0 + 30), T0 + 30);
            h.processElement(rejected("B", "book", T0 + 40), T0 + 40);
            assertThat(drain(h)).containsExactly("A book FIRING at +20 value 2", "B book FIRING at +40 value 2");
            // A: the next record comes three minutes later: the empty minute after the first ended at +2 min
            h.processElement(rejected("A", "book", T0 + 3 * M + 7), T0 + 3 * M + 7);
            assertThat(drain(h)).containsExactly("A book RESOLVED at +120000 value 0");
            // B: no more records; the watermark passes the end of the minute after: the same time
            h.processWatermark(T0 + M - 1);
            assertThat(drain(h)).isEmpty();
            h.processWatermark(T0 + 2 * M - 1);
            assertThat(drain(h)).containsExactly("B book RESOLVED at +120000 value 0");
            h.processWatermark(T0 + 10 * M);
            assertThat(drain(h)).isEmpty();                       // A's stale timers do nothing
        }
    }

    @Test
    void theCooldownHoldsARepeatAndSymbolsWithABarAndNoSymbolAreKeys() throws Exception {
        try (var h = harness(1)) {
            h.processElement(rejected("X|Y", "trades", T0 + 1), T0 + 1);
            h.processElement(rejected("X|Y", "trades", T0 + 2), T0 + 2);
            h.processElement(rejected(null, "trades", T0 + 3), T0 + 3);
            h.processElement(rejected(null, "trades", T0 + 4), T0 + 4);
            h.processWatermark(T0 + 2 * M - 1);
            assertThat(drain(h)).containsExactlyInAnyOrder("X|Y trades FIRING at +2 value 2", "(no symbol) trades FIRING at +4 value 2",
                    "X|Y trades RESOLVED at +120000 value 0", "(no symbol) trades RESOLVED at +120000 value 0");
            // over again 2 min after the first FIRING: outside the 60 s cooldown, fires
            h.processElement(rejected("X|Y", "trades", T0 + 2 * M + 1), T0 + 2 * M + 1);
            h.processElement(rejected("X|Y", "trades", T0 + 2 * M + 2), T0 + 2 * M + 2);
            assertThat(drain(h)).containsExactly("X|Y trades FIRING at +120002 value 2");
        }
        RuleSettings rule = new WatchdogSettings().rule(WatchdogSettings.REJECTED_RATE);
        rule.threshold = 1;
        rule.cooldownMs = 10 * M;
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RejectedRateRule(rule)),
                RejectedRateRule::key, Types.STRING)) {
            h.open();
            h.processElement(rejected("A", "trades", T0 + 1), T0 + 1);
            h.processElement(rejected("A", "trades", T0 + 2), T0 + 2);
            h.processWatermark(T0 + 2 * M - 1);
            h.processElement(rejected("A", "trades", T0 + 3 * M), T0 + 3 * M);
            h.processElement(rejected("A", "trades", T0 + 3 * M + 1), T0 + 3 * M + 1);
            assertThat(drain(h)).containsExactly("A trades FIRING at +2 value 2", "A trades RESOLVED at +120000 value 0");
        }
    }

    @Test
    void beforeItsStreamHasATimeARecordCountsByTheWallClock() {
        DeadLetter d = rejected("A", "trades", Long.MIN_VALUE);
        assertThat(RejectedRateRule.time(d)).isEqualTo(5L);
        assertThat(RejectedRateRule.time(rejected("A", "trades", 9L))).isEqualTo(9L);
    }
}
