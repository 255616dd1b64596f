package com.supercandles.benchmarks;

import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.event.ParsedRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.util.List;

/** Parsing and validating one wire record of each stream (what every source does per event). */
public class ParseBenchmark extends HotPathBenchmark {
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
