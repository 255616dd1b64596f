package com.supercandles.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

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
    /** Samples: wall nanos, process CPU nanos, JIT compiler threads' CPU nanos. */
    private static final long[] FIRST = new long[3];
    private static final long[] STEADY_START = new long[3];
    private static final long[] STEADY_END = new long[3];
    private static volatile long steadyStartAt;
    private static volatile long steadyEndAt;
    private static volatile boolean started;
    private static Map<String, Long> threadsAtStart = Map.of();
    private static Map<String, Long> threadsAtEnd = Map.of();
    /** Garbage collection, JIT compilation, the VM thread, RocksDB's flushes and compactions. */
    private static final Pattern NATIVE_THREADS = Pattern.compile("GC Thread|G1 |C1 Compiler|C2 Compiler|VM Thread|rocksdb");
    private static final Pattern COMPILER_THREADS = Pattern.compile("C1 Compiler|C2 Compiler");
    /** USER_HZ: 100 on every Linux the JDK runs on (the kernel's ABI fixes it for /proc). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

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
        long[] now = new long[3];
        sample(now);
        return new double[] {(now[0] - FIRST[0]) / 1e9, (now[1] - FIRST[1]) / 1e9};
    }

    /**
     * Events, wall, CPU and JIT-compiler CPU seconds of the steady part; null when the run was too short
     * to have one.
     */
    public static double[] steady() {
        if (STEADY_START[0] == 0 || STEADY_END[0] == 0) {
            return null;
        }
        return new double[] {steadyEndAt - steadyStartAt, (STEADY_END[0] - STEADY_START[0]) / 1e9,
                (STEADY_END[1] - STEADY_START[1]) / 1e9, (STEADY_END[2] - STEADY_START[2]) / 1e9};
    }

    /**
     * CPU seconds of the steady part by thread (numbers in names folded, so parallel subtasks add up),
     * largest first; the JVM's and RocksDB's own threads marked [native].
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

    /** Java threads by name; the JVM's and RocksDB's own threads (GC, JIT, compaction) from /proc. */
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
        nativeThreadCpu(NATIVE_THREADS).forEach((name, nanos) -> cpu.merge("[native] " + name, nanos, Long::sum));
        return cpu;
    }

    /**
     * CPU of the JIT compiler's threads: compiling is a warm-up cost, which a run of seconds pays over
     * and over and a job running for hours pays once; 0 where /proc is missing.
     */
    static long compilerCpuNanos() {
        return nativeThreadCpu(COMPILER_THREADS).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Events per CPU-second less the JIT's: NaN when the run is too short to tell (the compiler's
     * threads are read from /proc in 10 ms ticks, and can then seem to take all of it).
     */
    static double perCpuSecondWithoutJit(double events, double cpuSeconds, double jitSeconds) {
        double rest = cpuSeconds - jitSeconds;
        return rest > 0 ? events / rest : Double.NaN;
    }

    /** Threads no ThreadMXBean lists, as Linux names them (15 characters); empty elsewhere. */
    private static Map<String, Long> nativeThreadCpu(Pattern names) {
        Map<String, Long> cpu = new HashMap<>();
        Path tasks = Paths.get("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return cpu;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (names.matcher(name).lookingAt()) {
                    // after the name: state is field 3, utime and stime fields 14 and 15, in clock ticks
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    cpu.merge(name.replaceAll("[0-9]+", "N"), ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND, Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return cpu;
    }

    private static void sample(long[] into) {
        into[2] = compilerCpuNanos();
        into[1] = processCpuNanos();
        into[0] = System.nanoTime();
    }

    /** CPU time of every thread of this process (task threads, JIT, GC): what the run cost the machine. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
