package com.supercandles.benchmarks;

import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.event.ParsedRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Parsing and validating one wire record of each stream (what every source does per event). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBenchmark {
    private final EventParser parser = new EventParser();
    private List<byte[]> trades;
    private List<byte[]> orders;
    private List<byte[]> books;
    private int i;

    @Setup
    public void record() {
        SampleEvents sample = new SampleEvents();
        trades = sample.wire.get(EventType.TRADE);
        orders = sample.wire.get(EventType.ORDER);
        books = sample.wire.get(EventType.BOOK);
    }

    private int next() {
        i = (i + 1) & (SampleEvents.PER_STREAM - 1);
        return i;
    }

    @Benchmark
    public ParsedRecord trade() {
        return parser.parse("trades", trades.get(next()));
    }

    @Benchmark
    public ParsedRecord order() {
        return parser.parse("orders", orders.get(next()));
    }

    @Benchmark
    public ParsedRecord book() {
        return parser.parse("book", books.get(next()));
    }
}
