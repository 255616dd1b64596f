package com.supercandles.jobs.bench;

import com.supercandles.candle.SuperCandle;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's candle sink: tallies what arrives and, in a paced run, how long after its window's
 * end (in event time, mapped to this JVM's clock by the {@link RunClock}) each candle reached it.
 * Results are kept in this JVM under the probe's name, where the MiniCluster's writers put them.
 */
public final class CandleProbe implements Sink<SuperCandle> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Results> RESULTS = new ConcurrentHashMap<>();

    private final String name;
    private final RunClock clock;
    private final long closedBy;

    /**
     * @param clock    the paced run's clock; null for an unpaced run (no latency)
     * @param closedBy only windows ending at or before this event time count for latency: later ones are
     *                 closed by the end of the input, not by time
     */
    public CandleProbe(String name, RunClock clock, long closedBy) {
        this.name = name;
        this.clock = clock;
        this.closedBy = closedBy;
        RESULTS.put(name, new Results());
    }

    public Results results() {
        return RESULTS.get(name);
    }

    @Override
    public SinkWriter<SuperCandle> createWriter(WriterInitContext context) {
        Results results = RESULTS.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(SuperCandle candle, Context context) {
                long arrived = System.nanoTime();
                results.tally.add(candle);
                if (clock != null && candle.windowEnd <= closedBy) {
                    results.addLatency(arrived - clock.wallNanosOf(candle.windowEnd));
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }

    /** The tally and the latencies (nanoseconds) of one run. */
    public static final class Results {
        public final CandleTally tally = new CandleTally();
        private long[] latencies = new long[1024];
        private int count;

        synchronized void addLatency(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        /** The latencies in ascending order. */
        public synchronized long[] sortedLatencies() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return sorted;
        }
    }
}
