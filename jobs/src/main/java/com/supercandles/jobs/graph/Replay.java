package com.supercandles.jobs.graph;

import com.supercandles.jobs.config.SuperCandlesSettings;

import java.io.PrintStream;

import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.gap.FeedGapSpan;
import com.supercandles.event.PipelineCounters;
import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;
import com.supercandles.sinks.JsonLinesFileSink;
import com.supercandles.source.JsonLinesEventFormat;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.supercandles.jobs.cli.Progress;
import org.apache.flink.core.execution.JobClient;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the SuperCandles job on recorded files in a local Flink environment: the same graph as the
 * live job, with file sources and JSON Lines sinks.
 */
public final class Replay {

    /** What a replay read and wrote. */
    public static final class Summary {
        public final Map<EventType, Long> events = new EnumMap<>(EventType.class);
        /** Lines of each stream's file that were not events (dead letters with their reason). */
        public final Map<EventType, Long> rejectedOf = new EnumMap<>(EventType.class);
        public long rejected;
        public long late;
        public long duplicates;
        /** The records of each counted kind written ({@link OutputKind#counter()}). */
        public final Map<OutputKind<?>, Long> records = new LinkedHashMap<>();
        public final List<String> files = new ArrayList<>();
        /** What was read: names each stream's input in the summary. */
        EventInput input;

        /** How many records of {@code kind} the run wrote (0 for a kind no counter counts). */
        public long records(OutputKind<?> kind) {
            return records.getOrDefault(kind, 0L);
        }

        public long linesRead() {
            return events.values().stream().mapToLong(Long::longValue).sum() + rejected;
        }
    }

    private Replay() {}

    /** Whether a replay reads a file of this name from its input directory. */
    public static boolean isStreamFile(String name) {
        for (EventType type : EventType.values()) {
            if (name.equals(type.streamName() + ".jsonl")) {
                return true;
            }
        }
        return false;
    }

    /** The recorded stream files present in {@code dir}, by stream; fails when there is none. */
    public static Map<EventType, Path> inputFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("input directory " + dir + " does not exist or is not a directory");
        }
        Map<EventType, Path> files = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            Path file = dir.resolve(type.streamName() + ".jsonl");
            if (Files.exists(file)) {
                String unreadable = com.supercandles.jobs.cli.UserMessages.unreadableFile(file);
                if (unreadable != null) {
                    throw new IOException("cannot read the recorded stream: " + unreadable);
                }
                files.put(type, file);
            }
        }
        if (files.isEmpty()) {
            throw new IOException("input directory " + dir
                    + " holds none of trades.jsonl, orders.jsonl, book.jsonl");
        }
        return files;
    }

    /** A replay writing the candles and the dead letters only. */
    public static Summary run(SuperCandlesSettings settings, Path inputDir, Path candlesOut, Path deadLettersOut,
                              int parallelism) throws Exception {
        return run(settings, inputDir, ReplayFiles.of(candlesOut, deadLettersOut), null, parallelism);
    }

    /**
     * Replays the recorded streams of {@code inputDir}, each kind of {@code outputs} to its file (a
     * layer whose kinds are not there does not run), and to its ClickHouse table too when {@code
     * clickHouse} (prepared) is given.
     */
    public static Summary run(SuperCandlesSettings settings, Path inputDir, ReplayFiles outputs,
                              ClickHouseOutput clickHouse, int parallelism) throws Exception {
        return run(settings, inputDir, outputs, clickHouse, parallelism, off -> { });
    }

    /** As {@link #run(SuperCandlesSettings, Path, ReplayFiles, ClickHouseOutput, int)}; {@code layersOff} hears, before the run, each layer that does not run. */
    public static Summary run(SuperCandlesSettings settings, Path inputDir, ReplayFiles outputs,
                              ClickHouseOutput clickHouse, int parallelism, Consumer<String> layersOff) throws Exception {
        return run(settings, EventInput.jsonl(inputDir), outputs, clickHouse, parallelism, layersOff);
    }

    /** As {@link #run(SuperCandlesSettings, Path, ReplayFiles, ClickHouseOutput, int, Consumer)}, on the project's files or a venue's. */
    public static Summary run(SuperCandlesSettings settings, EventInput input, ReplayFiles outputs,
                              ClickHouseOutput clickHouse, int parallelism, Consumer<String> layersOff) throws Exception {
        Path inputDir = input.path();
        SuperCandlesJob.Builder job = input.job(settings).sinkParallelism(1);
        List<FeedGapSpan> gaps = ReplayGaps.read(inputDir);
        if (gaps != null) {
            job.gaps(gaps);
        }
        for (Map.Entry<OutputKind<?>, Path> output : outputs.files().entrySet()) {
            sinks(job, output.getKey(), output.getValue(), clickHouse);
        }
        Summary summary = new Summary();
        summary.files.addAll(input.fileNames());
        summary.input = input;

        Configuration conf = localConfiguration();
        // Running totals reach the client with the TaskManager's heartbeat: often enough for a progress line.
        conf.set(org.apache.flink.configuration.HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        SuperCandlesJob built = job.build();
        built.layersOff().forEach(layersOff);
        built.build(env);
        JobExecutionResult result;
        try (Progress progress = Progress.onStderr("reading " + inputDir.getFileName(), "lines", input.estimatedLines())) {
            JobClient client = env.executeAsync("SuperCandles replay of " + inputDir);
            CompletableFuture<JobExecutionResult> done = client.getJobExecutionResult();
            long read = 0;
            while (!done.isDone()) {
                if (progress.shown()) {
                    read = Math.max(read, linesSoFar(client)); // a failed poll reads 0: the line never goes back
                    progress.update(read);
                }
                try {
                    done.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    // the wait doubles as the progress line's pace
                }
            }
            result = done.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }

        for (EventType type : input.jsonFiles() != null ? input.jsonFiles().keySet() : input.venue().streams()) {
            summary.events.put(type, counter(result, PipelineCounters.EVENTS_PREFIX + type.streamName()));
            summary.rejectedOf.put(type, counter(result, PipelineCounters.REJECTED_OF_PREFIX + type.streamName()));
        }
        summary.rejected = counter(result, PipelineCounters.REJECTED);
        summary.late = counter(result, PipelineCounters.LATE);
        summary.duplicates = counter(result, PipelineCounters.DUPLICATES);
        for (OutputKind<?> kind : Outputs.ALL) {
            if (kind.counter() != null) {
                summary.records.put(kind, counter(result, kind.counter()));
            }
        }
        return summary;
    }

    /** A kind's JSON Lines file, and its ClickHouse table with a ClickHouse output. */
    private static <T> void sinks(SuperCandlesJob.Builder job, OutputKind<T> kind, Path file, ClickHouseOutput clickHouse) {
        job.sink(kind, JsonLinesFileSink.of(file, kind.json()));
        if (clickHouse != null) {
            job.sink(kind, "clickhouse", clickHouse.sink(kind));
        }
    }

    /** Events and rejected lines so far, from the running job's accumulators (0 until the first heartbeat). */
    private static long linesSoFar(JobClient client) {
        try {
            long n = 0;
            for (Map.Entry<String, Object> a : client.getAccumulators().get(1, TimeUnit.SECONDS).entrySet()) {
                if (a.getKey().startsWith(PipelineCounters.EVENTS_PREFIX) || a.getKey().equals(PipelineCounters.REJECTED)) {
                    n += ((Number) a.getValue()).longValue();
                }
            }
            return n;
        } catch (Exception e) {
            return 0;
        }
    }

    /** The job with a file source per recorded stream file; the caller adds the sinks. */
    public static SuperCandlesJob.Builder fileJob(SuperCandlesSettings settings, Map<EventType, Path> files) {
        EventParser parser = settings.parser();
        SuperCandlesJob.Builder job = SuperCandlesJob.builder().settings(settings);
        for (Map.Entry<EventType, Path> file : files.entrySet()) {
            job.source(file.getKey(), FileSource
                    .forRecordStreamFormat(new JsonLinesEventFormat(file.getKey().streamName(), parser,
                                    settings.maxOutOfOrderness()),
                            new org.apache.flink.core.fs.Path(file.getValue().toUri()))
                    .build());
        }
        return job;
    }

    /** Local runs fail loudly if a type would fall back to Kryo, so that slow serialization is caught early. */
    public static Configuration localConfiguration() {
        Configuration conf = new Configuration();
        SuperCandlesJob.pipelineOptions(conf);
        return conf;
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAccumulatorResult(name);
        return value == null ? 0L : ((Number) value).longValue();
    }

    /** Warns about stream files with nothing in them: a replay of them "succeeds" with no candles. */
    public static void warnEmpty(Map<EventType, Path> files, PrintStream err) throws IOException {
        boolean allEmpty = true;
        for (Path f : files.values()) {
            allEmpty &= Files.size(f) == 0;
        }
        if (allEmpty) {
            return; // the summary's warning that the input holds no events says it once
        }
        for (Path f : files.values()) {
            if (Files.size(f) == 0) {
                err.println("warning: " + f + " is empty (0 bytes): its stream contributes nothing");
            }
        }
    }

    /** "trades 209 = 205 events + 4 rejected, orders 1,000": lines of each file, split where any was rejected. */
    public static String linesPerStream(Replay.Summary s) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<EventType, Long> e : s.events.entrySet()) {
            long rejected = s.rejectedOf.getOrDefault(e.getKey(), 0L);
            if (b.length() > 0) {
                b.append(", ");
            }
            String label = s.input != null ? s.input.streamLabel(e.getKey()) : e.getKey().streamName() + ".jsonl";
            b.append(label).append(' ').append(String.format("%,d", e.getValue() + rejected));
            if (rejected > 0) {
                b.append(String.format(" = %,d events + %,d rejected", e.getValue(), rejected));
            }
        }
        return b.toString();
    }

    public static String perStream(Map<EventType, Long> events) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<EventType, Long> e : events.entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey().streamName()).append(' ').append(String.format("%,d", e.getValue()));
        }
        return b.toString();
    }
}
