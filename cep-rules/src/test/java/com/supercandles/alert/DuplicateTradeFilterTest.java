package com.supercandles.alert;

import com.supercandles.event.DeadLetter;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.Side;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Repeated trade ids among a symbol's last N: kept out, dead-lettered, alerted; the memory survives a restore. */
class DuplicateTradeFilterTest {
    private static MarketEvent trade(String symbol, long ts, String id) {
        return MarketEvent.trade(symbol, ts, id, 10, 1, Side.B);
    }

    private static RuleSettings rule(int depth) {
        RuleSettings r = new WatchdogSettings().rule(WatchdogSettings.DUPLICATE_TRADE);
        r.threshold = depth;
        return r;
    }

    private static List<String> passed(OneInputStreamOperatorTestHarness<MarketEvent, MarketEvent> h) {
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends MarketEvent> r : h.extractOutputStreamRecords()) {
            out.add(r.getValue().symbol + ":" + r.getValue().id());
        }
        return out;
    }

    @Test
    void aRepeatAmongTheLastNIsADeadLetterAndAnAlertAndNeverReachesTheCandles() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = KeyedBySymbol.harness(new DuplicateTradeFilter(rule(2)))) {
            h.open();
            h.processElement(trade("A", 1, "1"), 1);
            h.processElement(trade("A", 2, "2"), 2);
            h.processElement(trade("B", 3, "1"), 3);     // another symbol: not a repeat
            h.processElement(trade("A", 4, "1"), 4);     // repeats A's "1": out
            h.processElement(trade("A", 5, "3"), 5);     // A remembers 2, 3 now (depth 2)
            h.processElement(trade("A", 6, "1"), 6);     // "1" has been forgotten: passes
            assertThat(passed(h)).containsExactly("A:1", "A:2", "B:1", "A:3", "A:1");
            List<DeadLetter> dead = new ArrayList<>();
            h.getSideOutput(DuplicateTradeFilter.DUPLICATES).forEach(r -> dead.add(r.getValue()));
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.kind).isEqualTo("duplicate");
                assertThat(d.stream).isEqualTo("trades");
                assertThat(d.reason).isEqualTo("duplicate: trade_id 1 repeats one of A's last 2 trades");
                assertThat(d.payload).contains("\"trade_id\":\"1\"").contains("\"ts\":4");
            });
            List<String> alerts = new ArrayList<>();
            h.getSideOutput(DuplicateTradeFilter.ALERTS).forEach(r -> alerts.add(
                    r.getValue().rule + " " + r.getValue().symbol + " " + r.getValue().state + " @" + r.getValue().eventTime));
            assertThat(alerts).containsExactly("duplicate_trade A FIRING @4", "duplicate_trade A RESOLVED @5");
            snapshot = h.snapshot(1, 7);
        }
        try (var h = KeyedBySymbol.harness(new DuplicateTradeFilter(rule(2)))) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(trade("A", 7, "3"), 7);     // remembered across the restore: out
            h.processElement(trade("B", 8, "1"), 8);     // B's memory too
            assertThat(passed(h)).isEmpty();
        }
    }
}
