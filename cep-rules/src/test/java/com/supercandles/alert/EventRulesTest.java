package com.supercandles.alert;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The registered event rules: every rule class registered, and the slot layout checkpoints were written with. */
class EventRulesTest {
    private static final long T0 = 1_700_000_000_000L;

    /**
     * The switch slots of each rule as the checkpoints of earlier releases hold them (bit {@code slot} of
     * {@link SymbolWatch#firing}, {@link SymbolWatch#lastFiring}{@code [slot]}): a rule that moved would
     * restore another rule's FIRING. A new rule goes at the end, after slot 15.
     */
    @Test
    void theSlotLayoutIsTheOneCheckpointsWereWrittenWith() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("ts_backwards", 0);      // one per stream: trades 0, orders 1, book 2
        expected.put("trade_corridor", 3);
        expected.put("put_rate_1s", 4);
        expected.put("put_rate_5s", 5);
        expected.put("put_rate_1m", 6);
        expected.put("cancel_rate_1s", 7);
        expected.put("cancel_rate_5s", 8);
        expected.put("cancel_rate_1m", 9);
        expected.put("cancels_per_put", 10);
        expected.put("big_order", 11);
        expected.put("order_off_mid", 12);
        expected.put("latency", 13);          // one per stream: 13-15
        assertThat(EventRules.layout()).containsExactlyEntriesOf(expected);
        assertThat(StreamWatchdog.SLOTS).isEqualTo(16);
    }

    /** Which kinds of event each rule judges (so which rules an event meets, and in what order). */
    @Test
    void eachRuleJudgesTheKindsItDeclares() {
        Map<String, Set<EventKind>> judged = new LinkedHashMap<>();
        for (EventRule r : StreamWatchdog.all(new WatchdogSettings())) {
            judged.put(r.settings.rule, r.judged());
        }
        Set<EventKind> all = EnumSet.allOf(EventKind.class);
        Map<String, Set<EventKind>> expected = new LinkedHashMap<>();
        expected.put("ts_backwards", all);
        expected.put("trade_corridor", EnumSet.of(EventKind.TRADE));
        expected.put("put_rate_1s", EnumSet.of(EventKind.PUT));
        expected.put("put_rate_5s", EnumSet.of(EventKind.PUT));
        expected.put("put_rate_1m", EnumSet.of(EventKind.PUT));
        expected.put("cancel_rate_1s", EnumSet.of(EventKind.CANCEL));
        expected.put("cancel_rate_5s", EnumSet.of(EventKind.CANCEL));
        expected.put("cancel_rate_1m", EnumSet.of(EventKind.CANCEL));
        expected.put("cancels_per_put", EnumSet.of(EventKind.PUT, EventKind.CANCEL));
        expected.put("big_order", EnumSet.of(EventKind.PUT));
        expected.put("order_off_mid", EnumSet.of(EventKind.BOOK, EventKind.PUT));
        expected.put("latency", all);
        assertThat(judged).containsExactlyEntriesOf(expected);
    }

    /**
     * A checkpoint's switch bits and times are where the layout says: a trade-corridor FIRING is bit 3
     * and a book-stream latency FIRING bit 15; restored, a FIRING at slot 4 is put_rate_1s's, which then
     * resolves.
     */
    @Test
    void aCheckpointsSwitchesMeanTheRulesOfTheirSlots() {
        SymbolWatches table = SymbolWatches.perStream(new WatchdogSettings());
        List<Alert> alerts = new ArrayList<>();
        ListCollector<Alert> out = new ListCollector<>(alerts);
        table.judge(MarketEvent.trade("X", T0, "t1", 100, 1, Side.B), out);
        table.judge(MarketEvent.trade("X", T0 + 1, "t2", 110, 1, Side.B), out); // 10 % from 100: FIRING
        for (int i = 0; i < 5; i++) {
            MarketEvent book = MarketEvent.book("X", T0 + 2 + i, new double[] {99}, new double[] {1},
                    new double[] {101}, new double[] {1});
            book.ingestTime = book.ts + 10_000;
            table.judge(book, out); // 5 book snapshots 10 s late: FIRING on the book stream
        }
        assertThat(alerts).extracting(a -> a.rule + " " + a.stream + " " + a.state)
                .containsExactly("trade_corridor trades FIRING", "latency book FIRING");
        SymbolWatch w = table.checkpoint().get(0).watch;
        assertThat(w.firing).isEqualTo(1L << 3 | 1L << 15);
        assertThat(w.lastFiring).hasSize(16);
        assertThat(w.lastFiring[3]).isEqualTo(T0 + 1);
        assertThat(w.lastFiring[15]).isEqualTo(T0 + 6);

        SymbolWatch restored = SymbolWatch.create(SymbolWatches.STREAMS, 16);
        restored.firing = 1L << 4;
        restored.lastFiring[4] = T0 - 120_000;
        SymbolWatches again = SymbolWatches.perStream(new WatchdogSettings());
        again.restore("X", restored);
        alerts.clear();
        again.judge(MarketEvent.order("X", T0, "o1", OrderAction.PUT, Side.B, 100, 1), out);
        assertThat(alerts).extracting(a -> a.rule + " " + a.state).containsExactly("put_rate_1s RESOLVED");
    }

    /** Every EventRule class (the sealed class names them all) is registered: a rule that is not would never run. */
    @Test
    void everyEventRuleClassIsRegistered() {
        Set<String> classes = new TreeSet<>();
        for (Class<?> c : EventRule.class.getPermittedSubclasses()) {
            classes.add(c.getName());
        }
        assertThat(classes).contains(TradeCorridorRule.class.getName());
        Set<String> registered = StreamWatchdog.all(new WatchdogSettings()).stream()
                .map(r -> r.getClass().getName()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(registered).as("EventRule classes registered in EventRules").isEqualTo(classes);
    }
}
