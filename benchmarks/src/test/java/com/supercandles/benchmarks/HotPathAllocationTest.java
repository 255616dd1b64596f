package com.supercandles.benchmarks;

import com.supercandles.alert.Alert;
import com.supercandles.alert.DuplicateTradeFilter;
import com.supercandles.alert.RuleSettings;
import com.supercandles.alert.StreamWatchdog;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.candle.CandlePartial;
import com.supercandles.candle.CandlePreAggregator;
import com.supercandles.candle.Period;
import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.RejectedRecordSplitter;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes allocated per event on the hot paths: the parser, the rejected-record splitter (which counts every
 * event in the job's metrics), the pre-aggregator, the duplicate trade filter and the per-stream watchdog, each on the simulated market's events of 1,000 symbols (the
 * JMH benchmarks' {@link SampleEvents}).
 *
 * <p>Why it exists: the last wave of changes lost 43 % on the trade path and nobody noticed. Speed is
 * measured only by {@code bin/supercandles benchmark} and {@code bin/jmh}, which no build runs and
 * whose figures this VM moves by up to a third between runs, so a build cannot judge it. This test
 * catches a new allocation per event on a hot path instead, not a loss of speed: unlike time, the
 * bytes a thread allocates can be counted exactly on any machine, so it fails when a hot path
 * allocates more per event than its budget, never on speed. The parser's budgets are what it
 * allocates today (it returns a new event: the record, the event, its id, a book's level arrays),
 * rounded up a little; every other budget is under one byte per event: nothing per event, only what is
 * amortized (a new symbol, a new window, a resize).
 *
 * <p>How: HotSpot's per-thread allocation counter
 * ({@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}) around a loop of
 * {@value #EVENTS} events, after {@value #WARM_UPS} unmeasured runs of the same loop, {@value #RUNS}
 * times (up to {@value #EXTRA_RUNS} more while over the budget); the least counts, so that the JIT's
 * escape analysis has taken effect and a one-off resize or deoptimization does not. The operators are set up and opened by Flink's
 * {@link OneInputStreamOperatorTestHarness} with an {@link Output} of this test's that counts records and
 * keeps none (the harness's own queues allocate per record), then driven directly with one reused
 * {@link StreamRecord}. No watermark is sent, so no window closes during a run. A self-check makes sure
 * the counter counts ({@link #theCounterSeesAnAllocationPerIteration()}).
 */
class HotPathAllocationTest {
    /** Events per measured run. */
    static final int EVENTS = 200_000;
    static final int WARM_UPS = 2;
    static final int RUNS = 5;
    /** Runs added, at most, while the least is over the budget (see {@link #measure}). */
    static final int EXTRA_RUNS = 5;
    static final int SYMBOLS = 1_000;
    /**
     * Events of each stream in the sample, replayed in turn: as many per symbol as the watchdog's JMH
     * benchmark uses, and a multiple of the watchdog's batch of 32 events, so that a pass of the sample
     * ends with no event pending when the replay moves the events' times on.
     */
    static final int PER_STREAM = 20_000;

    /**
     * The parser returns a new event: a ParsedRecord (24 bytes) and a MarketEvent (96); the symbol comes
     * from its cache and a numeric id is kept as a number (the simulator's ids, like most venues'). A
     * book snapshot has no id and adds its four level arrays. Measured 2026-12-07 (64-bit HotSpot 17,
     * compressed oops): trades 120.00, orders 120.00, book snapshots 432.03 bytes per event, the same in
     * every run (the sample is the seeded simulator's), with C2's escape analysis; before the ids were
     * kept as numbers, 160 for trades and orders (the id's String and its bytes). Each budget is that
     * rounded up by less than the smallest object (16 bytes), so that one more object per event fails it.
     */
    static final double PARSE_TRADE_BUDGET = 136;
    static final double PARSE_ORDER_BUDGET = 136;
    static final double PARSE_BOOK_BUDGET = 448;
    /**
     * Nothing per event: a symbol's entry and each new window's accumulator are amortized (and made in
     * the warm-up here). Measured 2026-12-07: 0 bytes per event, trades and orders.
     */
    static final double PRE_AGGREGATOR_BUDGET = 1;
    /**
     * Nothing per trade: the ids are 64-bit keys in flat arrays. The filter before (a HashSet of String
     * ids per symbol) allocated a 32-byte node per trade here, and its old-to-young references kept the
     * collector's refinement threads busy in the job.
     */
    static final double DUPLICATE_FILTER_BUDGET = 1;
    /**
     * Nothing per event while no rule changes state (no alert on the simulated market). Measured
     * 2026-12-07: 0 bytes per event, every stream.
     */
    static final double WATCHDOG_BUDGET = 1;
    /**
     * Nothing per event: the events counter (a metric in the job's labelled group and the replay's accumulator)
     * is a long each, incremented.
     */
    static final double SPLITTER_BUDGET = 1;

    private static final String WHAT_TO_DO = "a hot path now allocates per event: find the allocation with ";

    private static com.sun.management.ThreadMXBean threads;
    private static SampleEvents sample;
    /** Where results go so that the JIT cannot leave their allocation out. */
    static volatile Object sink;

    @BeforeAll
    static void counterAndSample() {
        assertTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM has no com.sun.management.ThreadMXBean (not HotSpot): allocations cannot be counted");
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(),
                "this JVM does not count the bytes each thread allocates: allocations cannot be counted");
        if (!threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        sample = new SampleEvents(SYMBOLS, PER_STREAM);
    }

    @Test
    void theCounterSeesAnAllocationPerIteration() throws Exception {
        Measured m = measure(n -> {
            for (int k = 0; k < n; k++) {
                sink = new long[4]; // 16 bytes of header and 32 of data on 64-bit HotSpot
            }
        }, null, Double.POSITIVE_INFINITY);
        report("self-check: new long[4] per iteration", m, "at least 24");
        assertTrue(m.perEvent() >= 24, String.format(Locale.ROOT,
                "the allocation counter is not counting: a loop that allocates a long[4] per iteration measured "
                        + "%.1f bytes per iteration, at least 24 expected; no other figure of this test can be trusted",
                m.perEvent()));
    }

    @Test
    void parserOfTrades() throws Exception {
        parser(EventType.TRADE, PARSE_TRADE_BUDGET);
    }

    @Test
    void parserOfOrders() throws Exception {
        parser(EventType.ORDER, PARSE_ORDER_BUDGET);
    }

    @Test
    void parserOfBookSnapshots() throws Exception {
        parser(EventType.BOOK, PARSE_BOOK_BUDGET);
    }

    private static void parser(EventType type, double budget) throws Exception {
        byte[][] wire = sample.wire.get(type).toArray(new byte[0][]);
        String stream = type.streamName();
        EventParser parser = new EventParser();
        for (byte[] record : wire) {
            assertTrue(parser.parse(stream, record, 0, record.length).isValid(),
                    "the sample holds a record the parser rejects: the measure would be of the rejection path");
        }
        int[] at = {0};
        Measured m = measure(n -> {
            int i = at[0];
            for (int k = 0; k < n; k++) {
                byte[] record = wire[i];
                ParsedRecord parsed = parser.parse(stream, record, 0, record.length);
                sink = parsed;
                if (++i == wire.length) {
                    i = 0;
                }
            }
            at[0] = i;
        }, null, budget);
        check("parser, " + stream, m, budget, "`bin/jmh Parse -prof gc` or a JFR allocation profile", "");
    }

    @Test
    void preAggregatorOfTrades() throws Exception {
        preAggregator(EventType.TRADE);
    }

    @Test
    void preAggregatorOfOrders() throws Exception {
        preAggregator(EventType.ORDER);
    }

    /**
     * The events keep their times at every pass: after the warm-up every window of the sample is open,
     * and a run measures the per-event path alone (lookup, window, accumulate).
     */
    private static void preAggregator(EventType type) throws Exception {
        // the pipeline benchmark's periods; 200,000 open windows at most, as the job
        CandlePreAggregator operator = new CandlePreAggregator(List.of(Period.parse("5s"), Period.parse("1m")),
                Instruments.withDefaults(InstrumentSpec.DEFAULT), 0, 200_000);
        CountingOutput<CandlePartial> out = new CountingOutput<>();
        try (var harness = new OneInputStreamOperatorTestHarness<MarketEvent, CandlePartial>(operator)) {
            harness.setOutputCreator(serializer -> out);
            harness.open();
            Replay replay = new Replay(events(type), false);
            StreamRecord<MarketEvent> record = new StreamRecord<>(null);
            Measured m = measure(n -> {
                for (int k = 0; k < n; k++) {
                    MarketEvent e = replay.next();
                    operator.processElement(record.replace(e, e.ts));
                }
            }, null, PRE_AGGREGATOR_BUDGET);
            check("pre-aggregator, " + type.streamName(), m, PRE_AGGREGATOR_BUDGET,
                    "`bin/jmh Accumulate -prof gc` (the accumulate step alone) or a JFR allocation profile",
                    " (" + out.all() + " partials emitted in the warm-up and measured runs: none expected, no"
                            + " watermark was sent)");
        }
    }

    /** The first operator after the source: counts each valid event (its metric, by stream) and passes it on. */
    @Test
    void rejectedRecordSplitter() throws Exception {
        ProcessOperator<ParsedRecord, MarketEvent> operator = new ProcessOperator<>(new RejectedRecordSplitter("trades"));
        CountingOutput<MarketEvent> out = new CountingOutput<>();
        try (var harness = new OneInputStreamOperatorTestHarness<ParsedRecord, MarketEvent>(operator)) {
            harness.setOutputCreator(serializer -> out);
            harness.open();
            EventParser parser = new EventParser();
            List<byte[]> wire = sample.wire.get(EventType.TRADE);
            ParsedRecord[] parsed = new ParsedRecord[wire.size()];
            for (int i = 0; i < parsed.length; i++) {
                parsed[i] = parser.parse("trades", wire.get(i));
            }
            StreamRecord<ParsedRecord> record = new StreamRecord<>(null);
            int[] at = {0};
            Measured m = measure(n -> {
                int i = at[0];
                for (int k = 0; k < n; k++) {
                    operator.processElement(record.replace(parsed[i], parsed[i].event.ts));
                    if (++i == parsed.length) {
                        i = 0;
                    }
                }
                at[0] = i;
            }, null, SPLITTER_BUDGET);
            check("rejected record splitter, trades", m, SPLITTER_BUDGET, "a JFR allocation profile",
                    " (" + out.sideRecords() + " rejected: none expected)");
            assertEquals((long) EVENTS * (WARM_UPS + m.runs()), out.records(), "every valid event passes the splitter");
        }
    }

    /** Every trade has an id the filter has never seen; the ids are made before each run, outside the count. */
    @Test
    void duplicateTradeFilter() throws Exception {
        RuleSettings rule = new WatchdogSettings().rule(WatchdogSettings.DUPLICATE_TRADE);
        DuplicateTradeFilter operator = new DuplicateTradeFilter(rule);
        CountingOutput<MarketEvent> out = new CountingOutput<>();
        try (var harness = keyedBySymbol(operator)) {
            harness.setOutputCreator(serializer -> out);
            harness.open();
            MarketEvent[] sampleTrades = events(EventType.TRADE);
            long span = span(sampleTrades);
            MarketEvent[] trades = new MarketEvent[EVENTS];
            for (int i = 0; i < EVENTS; i++) {
                MarketEvent t = sampleTrades[i % sampleTrades.length];
                trades[i] = MarketEvent.trade(t.symbol, t.ts + (i / sampleTrades.length) * span, null, t.price, t.qty,
                        t.side);
            }
            long runSpan = (EVENTS / sampleTrades.length + 1) * span;
            long[] nextId = {0};
            StreamRecord<MarketEvent> record = new StreamRecord<>(null);
            Measured m = measure(n -> {
                for (int k = 0; k < n; k++) {
                    MarketEvent e = trades[k];
                    operator.processElement(record.replace(e, e.ts));
                }
            }, () -> {
                for (MarketEvent e : trades) {
                    long id = nextId[0]++;
                    if (id % 2 == 0) {
                        e.setId(id); // a venue's numbered trades: kept as the number
                    } else {
                        e.setId("T" + id); // any other id: its text, hashed by the filter
                    }
                    e.ts += runSpan;
                }
            }, DUPLICATE_FILTER_BUDGET);
            check("duplicate trade filter, trades", m, DUPLICATE_FILTER_BUDGET,
                    "a JFR allocation profile (no JMH benchmark covers the filter)",
                    " (" + out.sideRecords() + " duplicates and alerts emitted: none expected, every trade id is new)");
            assertEquals((long) EVENTS * (WARM_UPS + m.runs()), out.records(),
                    "every trade id is new, so every trade must pass the duplicate trade filter");
        }
    }

    @Test
    void watchdogOfTrades() throws Exception {
        watchdog(EventType.TRADE);
    }

    @Test
    void watchdogOfOrders() throws Exception {
        watchdog(EventType.ORDER);
    }

    @Test
    void watchdogOfBookSnapshots() throws Exception {
        watchdog(EventType.BOOK);
    }

    /**
     * Every per-stream rule on (the defaults), as the job chains it to each source. As in
     * {@code WatchdogBenchmark}, the events' times move on by the sample's span at each pass, so that
     * the rate windows keep sliding as live.
     */
    private static void watchdog(EventType type) throws Exception {
        StreamWatchdog operator = new StreamWatchdog(new WatchdogSettings(), false);
        CountingOutput<Alert> out = new CountingOutput<>();
        try (var harness = keyedBySymbol(operator)) {
            harness.setOutputCreator(serializer -> out);
            harness.open();
            Replay replay = new Replay(events(type), true);
            StreamRecord<MarketEvent> record = new StreamRecord<>(null);
            Measured m = measure(n -> {
                for (int k = 0; k < n; k++) {
                    MarketEvent e = replay.next();
                    operator.processElement(record.replace(e, e.ts));
                }
            }, null, WATCHDOG_BUDGET);
            check("watchdog, " + type.streamName(), m, WATCHDOG_BUDGET,
                    "`bin/jmh Watchdog -prof gc` or a JFR allocation profile", " (" + out.all()
                            + " alerts emitted in the warm-up and measured runs: each allocates; none expected on the"
                            + " simulated market)");
        }
    }

    /**
     * The job runs the duplicate filter and the watchdogs after a {@code keyBy(symbol)} (their memory is
     * checkpointed as keyed state, so that it follows its symbols on a rescale). The events are handed to
     * the operator directly, as before: neither reads keyed state per event, only at checkpoints.
     */
    private static <O> KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, O> keyedBySymbol(
            OneInputStreamOperator<MarketEvent, O> operator) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, e -> e.symbol, Types.STRING);
    }

    // ---------------------------------------------------------------------------------------------

    /** The sample's events of a stream, as new objects (parsed from the wire records): tests may change them. */
    private static MarketEvent[] events(EventType type) {
        EventParser parser = new EventParser();
        List<byte[]> wire = sample.wire.get(type);
        MarketEvent[] events = new MarketEvent[wire.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = parser.parse(type.streamName(), wire.get(i)).event;
        }
        return events;
    }

    private static long span(MarketEvent[] events) {
        return events[events.length - 1].ts - events[0].ts + 1;
    }

    /** The events in turn, again and again; with {@code moveOn}, each pass later by the sample's span. */
    private static final class Replay {
        private final MarketEvent[] events;
        private final long span;
        private final boolean moveOn;
        private int next;

        Replay(MarketEvent[] events, boolean moveOn) {
            this.events = events;
            this.span = span(events);
            this.moveOn = moveOn;
        }

        MarketEvent next() {
            if (next == events.length) {
                next = 0;
                if (moveOn) {
                    for (MarketEvent e : events) {
                        e.ts += span;
                    }
                }
            }
            return events[next++];
        }
    }

    @FunctionalInterface
    interface Loop {
        /** Runs the hot path over {@code events} events. */
        void run(int events) throws Exception;
    }

    /** The bytes of the least allocating run and of the most, each of {@link #EVENTS} events, and how many runs. */
    record Measured(long minBytes, long maxBytes, int runs) {
        double perEvent() {
            return (double) minBytes / EVENTS;
        }

        double maxPerEvent() {
            return (double) maxBytes / EVENTS;
        }
    }

    /**
     * {@link #WARM_UPS} runs, then {@link #RUNS} counted ones; {@code beforeEachRun} (if any) runs outside
     * the count. While the least is not under {@code budget}, up to {@link #EXTRA_RUNS} more: on a busy
     * machine the JIT may finish compiling (and its escape analysis remove an allocation) late, whereas
     * an allocation the code makes per event is there in every run.
     */
    private static Measured measure(Loop loop, Runnable beforeEachRun, double budget) throws Exception {
        for (int i = 0; i < WARM_UPS; i++) {
            if (beforeEachRun != null) {
                beforeEachRun.run();
            }
            loop.run(EVENTS);
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        int runs = 0;
        while (runs < RUNS || (runs < RUNS + EXTRA_RUNS && (double) min / EVENTS >= budget)) {
            if (beforeEachRun != null) {
                beforeEachRun.run();
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            loop.run(EVENTS);
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            min = Math.min(min, bytes);
            max = Math.max(max, bytes);
            runs++;
        }
        return new Measured(min, max, runs);
    }

    /** One line per component for the CI log. */
    private static void report(String component, Measured m, String budget) {
        System.out.printf(Locale.ROOT, "allocation per event: %-34s %9.3f B/event, budget %-10s (the least of %d runs"
                        + " of %,d events: %,d B; the most: %.3f B/event)%n", component, m.perEvent(), budget, m.runs(),
                EVENTS, m.minBytes(), m.maxPerEvent());
    }

    private static void check(String component, Measured m, double budget, String howToFind, String context) {
        report(component, m, String.format(Locale.ROOT, "< %.0f", budget));
        assertTrue(m.perEvent() < budget, String.format(Locale.ROOT,
                "%s: %.3f bytes allocated per event (the least of %d runs of %,d events after %d warm-up runs), budget"
                        + " < %.0f bytes per event%s: %s%s", component, m.perEvent(), m.runs(), EVENTS, WARM_UPS,
                budget, context, WHAT_TO_DO, howToFind));
    }

    /** Counts what an operator emits and keeps nothing (the harness's queues would allocate per record). */
    static final class CountingOutput<T> implements Output<StreamRecord<T>> {
        private long records;
        private long sideRecords;

        long records() {
            return records;
        }

        long sideRecords() {
            return sideRecords;
        }

        long all() {
            return records + sideRecords;
        }

        @Override
        public void collect(StreamRecord<T> record) {
            records++;
        }

        @Override
        public <X> void collect(OutputTag<X> outputTag, StreamRecord<X> record) {
            sideRecords++;
        }

        @Override
        public void emitWatermark(Watermark mark) {
        }

        @Override
        public void emitWatermarkStatus(WatermarkStatus watermarkStatus) {
        }

        @Override
        public void emitLatencyMarker(LatencyMarker latencyMarker) {
        }

        @Override
        public void emitRecordAttributes(RecordAttributes recordAttributes) {
        }

        @Override
        public void emitWatermark(WatermarkEvent watermark) {
        }

        @Override
        public void close() {
        }
    }
}
