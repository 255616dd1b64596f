package com.supercandles.alert;


import com.supercandles.event.EventType;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Staleness on the harness's processing time: which checks fire, with which severity, ids and values. */
class FeedStalenessTest {
    private static FeedPulse trade(long ts) {
        return new FeedPulse("A", EventType.TRADE, ts, ts);
    }

    private static FeedPulse book(long ts) {
        return new FeedPulse("A", EventType.BOOK, ts, ts);
    }

    private static List<String> drain(KeyedOneInputStreamOperatorTestHarness<String, FeedPulse, Alert> h) {
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends Alert> r : h.extractOutputStreamRecords()) {
            Alert a = r.getValue();
            if (a.state.equals(FeedStaleness.SEEN)) {
                out.add(a.stream + " SEEN ts " + a.eventTime);
                continue;
            }
            assertThat(a.alertId).isEqualTo(AlertIds.of(a.rule, a.symbol, a.stream, a.state, a.eventTime));
            out.add(a.stream + " " + a.state + " " + a.severity + " ts " + a.eventTime + " value " + (long) a.value);
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void aSilentStreamIsCriticalWhileItsSymbolFlowsAWholeSilentSymbolAWarning() throws Exception {
        WatchdogSettings settings = new WatchdogSettings(); // 30 s, checked every 15 s
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FeedStaleness(settings.rule(WatchdogSettings.FEED_STALE))),
                (FeedPulse e) -> e.symbol, Types.STRING)) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(book(1_000), 1_000);
            h.processElement(trade(1_001), 1_001);
            assertThat(drain(h)).containsExactly("book SEEN ts 1000", "trades SEEN ts 1001"); // first of each pair
            h.setProcessingTime(20_000);
            h.processElement(trade(21_000), 21_000);
            h.setProcessingTime(30_000);                 // checks at 15 s and 30 s: book silent 30 s, not more
            assertThat(drain(h)).isEmpty();
            h.setProcessingTime(45_000);                 // book silent 45 s, trades 25 s ago: critical
            assertThat(drain(h)).containsExactly("book FIRING critical ts 1000 value 45000");
            h.setProcessingTime(50_000);
            h.processElement(book(51_000), 51_000);      // book is back
            assertThat(drain(h)).containsExactly("book RESOLVED critical ts 51000 value 50000");
            h.setProcessingTime(120_000);                // both silent since 20 s / 50 s: the whole symbol, warnings
            assertThat(drain(h)).containsExactlyInAnyOrder(   // (the harness runs the due checks at 120 s)
                    "trades FIRING warning ts 21000 value 100000", "book FIRING warning ts 51000 value 70000");
            h.setProcessingTime(200_000);                // stays STALE: nothing more
            assertThat(drain(h)).isEmpty();
        }
    }
}
