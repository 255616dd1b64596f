package com.supercandles.alert;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.Side;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate filter's and the watchdogs' per-symbol memory follows its symbols through a restore at
 * another parallelism: after a checkpoint at parallelism 2, restored at 4 and at 1, a repeat of a trade
 * from before the checkpoint is still a duplicate, and a price move measured from a trade before it
 * still fires, for every symbol, on whichever subtask now reads the symbol (routed as Flink's keyBy
 * routes it). With the memory in operator state split without regard to symbols (releases before 0.3),
 * about half the symbols lost theirs at 2 -> 4.
 */
class PerSymbolMemoryRescaleTest {
    private static final int MAX_PARALLELISM = 128; // Flink's default for the job's parallelisms
    private static final long T0 = 1_700_000_000_000L;
    private static final int SYMBOLS = 40;

    private static String symbol(int i) {
        return "S" + i;
    }

    private static MarketEvent trade(int symbol, long ts, String id, double price) {
        return MarketEvent.trade(symbol(symbol), ts, id, price, 1, Side.B);
    }

    /** Runs {@code before} at parallelism 2, checkpoints, restores at {@code after}, runs {@code then}; returns the new subtasks. */
    private static <O> List<KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, O>> rescaled(
            Supplier<OneInputStreamOperator<MarketEvent, O>> operator, List<MarketEvent> before, int after,
            List<MarketEvent> then) throws Exception {
        int parallelism = 2;
        OperatorSubtaskState[] snapshots = new OperatorSubtaskState[parallelism];
        for (int i = 0; i < parallelism; i++) {
            try (var h = KeyedBySymbol.harness(operator.get(), MAX_PARALLELISM, parallelism, i)) {
                h.open();
                feed(h, before, parallelism, i);
                h.prepareSnapshotPreBarrier(1);
                snapshots[i] = h.snapshot(1, 1);
            }
        }
        OperatorSubtaskState all = AbstractStreamOperatorTestHarness.repackageState(snapshots);
        List<KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, O>> subtasks = new ArrayList<>();
        for (int i = 0; i < after; i++) {
            var h = KeyedBySymbol.harness(operator.get(), MAX_PARALLELISM, after, i);
            h.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(
                    all, MAX_PARALLELISM, parallelism, after, i));
            h.open();
            feed(h, then, after, i);
            h.endInput();
            subtasks.add(h);
        }
        return subtasks;
    }

    /** The events Flink's keyBy routes to subtask {@code index} of {@code parallelism}. */
    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, ?> h, List<MarketEvent> events,
                             int parallelism, int index) throws Exception {
        for (MarketEvent e : events) {
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(e.symbol, MAX_PARALLELISM, parallelism) == index) {
                h.processElement(e, e.ts);
            }
        }
    }

    @Test
    void aRepeatOfATradeFromBeforeTheRescaleIsStillADuplicate() throws Exception {
        RuleSettings rule = new WatchdogSettings().rule(WatchdogSettings.DUPLICATE_TRADE);
        List<MarketEvent> before = new ArrayList<>();
        List<MarketEvent> then = new ArrayList<>();
        for (int s = 0; s < SYMBOLS; s++) {
            for (int k = 1; k <= 5; k++) {
                before.add(trade(s, T0 + k, String.valueOf(k), 100));
            }
            then.add(trade(s, T0 + 10, "3", 100)); // a repeat
            then.add(trade(s, T0 + 11, "6", 100)); // new
        }
        for (int after : new int[] {4, 1}) {
            List<String> passed = new ArrayList<>();
            int duplicates = 0;
            for (var h : rescaled(() -> new DuplicateTradeFilter(rule), before, after, then)) {
                for (StreamRecord<? extends MarketEvent> r : h.extractOutputStreamRecords()) {
                    passed.add(r.getValue().symbol + ":" + r.getValue().id());
                }
                duplicates += h.getSideOutput(DuplicateTradeFilter.DUPLICATES).size();
                h.close();
            }
            assertThat(duplicates).as("repeats kept out at parallelism " + after).isEqualTo(SYMBOLS);
            assertThat(passed).as("only the new trades pass at parallelism " + after)
                    .hasSize(SYMBOLS).allMatch(p -> p.endsWith(":6"));
        }
    }

    @Test
    void aPriceMoveMeasuredFromBeforeTheRescaleStillFires() throws Exception {
        WatchdogSettings settings = new WatchdogSettings();
        List<MarketEvent> before = new ArrayList<>();
        List<MarketEvent> then = new ArrayList<>();
        for (int s = 0; s < SYMBOLS; s++) {
            before.add(trade(s, T0, "1", 100));
            then.add(trade(s, T0 + 1_000, "2", 106)); // 6 % from the trade before the checkpoint
        }
        // the same moves without a checkpoint in between: the alerts expected
        List<String> expected = new ArrayList<>();
        try (var h = KeyedBySymbol.harness(new StreamWatchdog(settings, false))) {
            h.open();
            for (MarketEvent e : before) {
                h.processElement(e, e.ts);
            }
            for (MarketEvent e : then) {
                h.processElement(e, e.ts);
            }
            h.endInput();
            h.extractOutputStreamRecords().forEach(r -> expected.add(describe(r.getValue())));
        }
        assertThat(expected).as("every symbol's move fires").hasSize(SYMBOLS);
        for (int after : new int[] {4, 1}) {
            List<String> fired = new ArrayList<>();
            for (var h : rescaled(() -> new StreamWatchdog(settings, false), before, after, then)) {
                h.extractOutputStreamRecords().forEach(r -> fired.add(describe(r.getValue())));
                h.close();
            }
            assertThat(fired).as("alerts at parallelism " + after).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static String describe(Alert a) {
        return a.rule + " " + a.symbol + " " + a.state + " @" + a.eventTime;
    }
}
