package com.supercandles.jobs.bench;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
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
    /** Clocks whose sources keep the job running after their tapes end, until {@link #releaseEnd()}. */
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

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

    /**
     * The sources wait at the end of their tapes (the job stays up, checkpointing) until
     * {@link #releaseEnd()}: so that the job can be looked at near its end however long that takes.
     */
    public RunClock holdEnd() {
        HELD.add(id);
        return this;
    }

    public void releaseEnd() {
        HELD.remove(id);
    }

    boolean endHeld() {
        return HELD.contains(id);
    }

    public long startTs() {
        return startTs;
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
