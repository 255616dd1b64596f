package com.supercandles.jobs.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall time and process CPU time of one run, from the first event a source plays (not from job
 * submission, so the MiniCluster's start-up is not counted) to the end of the job.
 */
public final class RunMeasure {
    private static final AtomicLong FIRST_EVENT_NANOS = new AtomicLong(Long.MIN_VALUE);
    private static final AtomicLong FIRST_EVENT_CPU = new AtomicLong();

    private RunMeasure() {}

    public static void reset() {
        FIRST_EVENT_NANOS.set(Long.MIN_VALUE);
    }

    static void markFirstEvent() {
        if (FIRST_EVENT_NANOS.get() == Long.MIN_VALUE) {
            long cpu = processCpuNanos();
            if (FIRST_EVENT_NANOS.compareAndSet(Long.MIN_VALUE, System.nanoTime())) {
                FIRST_EVENT_CPU.set(cpu);
            }
        }
    }

    /** Wall and CPU seconds since the first event. */
    public static double[] sinceFirstEvent() {
        long start = FIRST_EVENT_NANOS.get();
        if (start == Long.MIN_VALUE) {
            throw new IllegalStateException("no event was played");
        }
        return new double[] {(System.nanoTime() - start) / 1e9, (processCpuNanos() - FIRST_EVENT_CPU.get()) / 1e9};
    }

    /** CPU time of every thread of this process (task threads, JIT, GC): what the run cost the machine. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
