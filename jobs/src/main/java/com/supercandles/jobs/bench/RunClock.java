package com.supercandles.jobs.bench;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ties event time to this JVM's clock for a paced run: event time {@code startTs} happens when the
 * first source subtask asks, and event time then passes at wall-clock speed. Sources use it to release
 * events on time; the candle probe to tell how long after its window's end a candle came out.
 */
public final class RunClock implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicLong> ORIGINS = new ConcurrentHashMap<>();

    private final String id;
    private final long startTs;

    public RunClock(String id, long startTs) {
        this.id = id;
        this.startTs = startTs;
        ORIGINS.put(id, new AtomicLong(Long.MIN_VALUE));
    }

    /** How long until event time {@code ts} (negative: it has passed); starts the clock on first use. */
    public long nanosUntil(long ts) {
        return wallNanosOf(ts) - System.nanoTime();
    }

    /** The {@link System#nanoTime()} at which event time {@code ts} happens. */
    public long wallNanosOf(long ts) {
        return origin() + (ts - startTs) * 1_000_000L;
    }

    public boolean started() {
        return ORIGINS.get(id).get() != Long.MIN_VALUE;
    }

    private long origin() {
        AtomicLong origin = ORIGINS.get(id);
        long o = origin.get();
        if (o == Long.MIN_VALUE) {
            origin.compareAndSet(Long.MIN_VALUE, System.nanoTime());
            o = origin.get();
        }
        return o;
    }
}
