package com.supercandles.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wall time and process CPU time of one run: end to end, from the first event a source plays (not
 * from job submission) to the end of the job; and in steady state, between the moments 10% and 90% of
 * the events have been played, which leaves out the start of the tasks and the final firing and
 * shutdown, costs that do not grow with the input.
 */
public final class RunMeasure {
    /** Sources report progress in batches of this many events, so counting costs next to nothing. */
    static final int BATCH = 1024;
    private static final double STEADY_FROM = 0.10;
    private static final double STEADY_TO = 0.90;

    private static final AtomicLong PLAYED = new AtomicLong();
    private static final long[] FIRST = new long[2];
    private static final long[] STEADY_START = new long[2];
    private static final long[] STEADY_END = new long[2];
    private static volatile long steadyStartAt;
    private static volatile long steadyEndAt;
    private static volatile boolean started;
    private static Map<String, Long> threadsAtStart = Map.of();
    private static Map<String, Long> threadsAtEnd = Map.of();

    private RunMeasure() {}

    /** Before a run of {@code events} events. */
    public static synchronized void reset(long events) {
        PLAYED.set(0);
        started = false;
        steadyStartAt = (long) (events * STEADY_FROM);
        steadyEndAt = (long) (events * STEADY_TO);
        STEADY_START[0] = STEADY_END[0] = 0;
    }

    static void markFirstEvent() {
        if (!started) {
            synchronized (RunMeasure.class) {
                if (!started) {
                    sample(FIRST);
                    started = true;
                }
            }
        }
    }

    /** A source played another {@link #BATCH} events. */
    static void played() {
        long before = PLAYED.getAndAdd(BATCH);
        long after = before + BATCH;
        if (before < steadyStartAt && after >= steadyStartAt) {
            threadsAtStart = threadCpu();
            sample(STEADY_START);
        }
        if (before < steadyEndAt && after >= steadyEndAt) {
            sample(STEADY_END);
            threadsAtEnd = threadCpu();
        }
    }

    /** Wall and CPU seconds since the first event. */
    public static double[] sinceFirstEvent() {
        if (!started) {
            throw new IllegalStateException("no event was played");
        }
        long[] now = new long[2];
        sample(now);
        return new double[] {(now[0] - FIRST[0]) / 1e9, (now[1] - FIRST[1]) / 1e9};
    }

    /** Events, wall and CPU seconds of the steady part; null when the run was too short to have one. */
    public static double[] steady() {
        if (STEADY_START[0] == 0 || STEADY_END[0] == 0) {
            return null;
        }
        return new double[] {steadyEndAt - steadyStartAt, (STEADY_END[0] - STEADY_START[0]) / 1e9,
                (STEADY_END[1] - STEADY_START[1]) / 1e9};
    }

    /**
     * CPU seconds of the steady part by thread (numbers in names folded, so parallel subtasks add up),
     * largest first; what is left of the process's CPU is the JVM's own (GC, JIT).
     */
    public static Map<String, Double> steadyCpuByThread() {
        Map<String, Double> byName = new HashMap<>();
        threadsAtEnd.forEach((name, cpu) -> byName.merge(name, (cpu - threadsAtStart.getOrDefault(name, 0L)) / 1e9,
                Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        byName.entrySet().stream().filter(e -> e.getValue() >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    cpu.merge(info.getThreadName().replaceAll("[0-9]+", "N"), nanos, Long::sum);
                }
            }
        }
        return cpu;
    }

    private static void sample(long[] into) {
        into[1] = processCpuNanos();
        into[0] = System.nanoTime();
    }

    /** CPU time of every thread of this process (task threads, JIT, GC): what the run cost the machine. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
