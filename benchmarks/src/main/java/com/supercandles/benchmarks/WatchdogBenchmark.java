package com.supercandles.benchmarks;

import com.supercandles.alert.Alert;
import com.supercandles.alert.SymbolWatches;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import org.apache.flink.util.Collector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-event watchdog (every per-stream rule on, the defaults) on the simulated market's events of
 * 1,000 and 10,000 symbols, per stream: nanoseconds per event, and, with {@code -prof gc}, the bytes allocated per
 * event ({@code gc.alloc.rate.norm}: 0 expected, as no rule changes state on this market). The events'
 * times move on by the sample's span at each pass, so the rate windows keep sliding as live.
 */
public class WatchdogBenchmark extends HotPathBenchmark {
    @Param({"TRADE", "ORDER", "BOOK"})
    public EventType stream;
    /** Symbols of the market: 10,000 is the pipeline benchmark's, whose state no longer fits the caches. */
    @Param({"1000", "10000"})
    public int symbols;

    private SymbolWatches watches;
    private List<MarketEvent> events;
    private long span;
    private int i;
    private int alerts;
    private final Collector<Alert> out = new Collector<>() {
        @Override
        public void collect(Alert alert) {
            alerts++;
        }

        @Override
        public void close() {
        }
    };

    @Setup
    public void record() {
        events = new ArrayList<>(new SampleEvents(symbols, Math.max(SampleEvents.PER_STREAM, 20 * symbols)).events.get(stream));
        span = events.get(events.size() - 1).ts - events.get(0).ts + 1;
        watches = SymbolWatches.perStream(new WatchdogSettings());
    }

    @Benchmark
    public int judge() {
        if (++i == events.size()) {
            i = 0;
            for (MarketEvent e : events) {
                e.ts += span;
            }
        }
        watches.judge(events.get(i), out);
        return alerts;
    }
}
