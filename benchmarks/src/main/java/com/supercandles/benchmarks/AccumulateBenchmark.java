package com.supercandles.benchmarks;

import com.supercandles.candle.BookSnapshotMetrics;
import com.supercandles.candle.BookMetric;
import com.supercandles.candle.SuperCandleAccumulator;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.instrument.InstrumentSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The per-event accumulate step of each statistic: a trade (counts, volumes, values by side, OHLC,
 * Welford's price variance), an order-log put and cancel, a book snapshot (all book metrics folded
 * into sums), and the book metrics of one snapshot alone.
 */
public class AccumulateBenchmark extends HotPathBenchmark {
    private final InstrumentSpec spec = InstrumentSpec.DEFAULT;
    private final double[] metrics = new double[BookMetric.COUNT];
    private SuperCandleAccumulator accumulator;
    private List<MarketEvent> trades;
    private List<MarketEvent> puts;
    private List<MarketEvent> cancels;
    private List<MarketEvent> books;
    private int i;

    @Setup
    public void record() {
        SampleEvents sample = new SampleEvents();
        trades = sample.events.get(EventType.TRADE);
        List<MarketEvent> orders = sample.events.get(EventType.ORDER);
        puts = orders.stream().filter(e -> e.action == OrderAction.PUT).collect(Collectors.toList());
        cancels = orders.stream().filter(e -> e.action == OrderAction.CANCEL).collect(Collectors.toList());
        books = sample.events.get(EventType.BOOK);
        accumulator = new SuperCandleAccumulator();
    }

    private MarketEvent next(List<MarketEvent> events) {
        i = i + 1 < events.size() ? i + 1 : 0;
        return events.get(i);
    }

    @Benchmark
    public SuperCandleAccumulator trade() {
        accumulator.add(next(trades), spec);
        return accumulator;
    }

    @Benchmark
    public SuperCandleAccumulator put() {
        accumulator.add(next(puts), spec);
        return accumulator;
    }

    @Benchmark
    public SuperCandleAccumulator cancel() {
        accumulator.add(next(cancels), spec);
        return accumulator;
    }

    @Benchmark
    public SuperCandleAccumulator bookSnapshot() {
        accumulator.add(next(books), spec);
        return accumulator;
    }

    @Benchmark
    public double[] bookMetrics() {
        BookSnapshotMetrics.compute(next(books), spec, metrics);
        return metrics;
    }
}
