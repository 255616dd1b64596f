package com.supercandles.jobs;

import com.supercandles.candle.SuperCandleJson;
import com.supercandles.event.DeadLetterJson;
import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.event.PipelineCounters;
import com.supercandles.alert.record.AlertJson;
import com.supercandles.alert.record.AnomalyFollowUpJson;
import com.supercandles.model.ExecutionModelJson;
import com.supercandles.score.GuardJson;
import com.supercandles.score.ScoreJson;
import com.supercandles.signal.SignalJson;
import com.supercandles.sinks.JsonLinesFileSink;
import com.supercandles.source.JsonLinesEventFormat;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.supercandles.jobs.cli.LineEstimate;
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
import java.util.List;
import java.util.Map;

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
        public long candles;
        public long modelRecords;
        public long signalRecords;
        public long scoreRecords;
        public long guardRecords;
        public final List<String> files = new ArrayList<>();

        public long linesRead() {
            return events.values().stream().mapToLong(Long::longValue).sum() + rejected;
        }
    }

    private Replay() {}

    /** Where a replay writes the guard's records: beside its scores, {@code *.guard.jsonl}. */
    public static Path guardBeside(Path scoresOut) {
        return sibling(scoresOut, "scores", "guard");
    }

    /** Where a replay writes the market-anomaly follow-ups: beside its alerts, {@code *.anomaly-follow-ups.jsonl}. */
    public static Path followUpsBeside(Path alertsOut) {
        return sibling(alertsOut, "alerts", "anomaly-follow-ups");
    }

    /**
     * {@code STEM.jsonl} or {@code STEM.KIND.jsonl} (kind null: only the former) becomes
     * {@code STEM.WHAT.jsonl} in the same directory: how a replay names its outputs beside one another.
     */
    static Path sibling(Path file, String kind, String what) {
        String name = file.getFileName().toString();
        String stem = kind != null && name.endsWith("." + kind + ".jsonl")
                ? name.substring(0, name.length() - (kind.length() + ".jsonl".length() + 1))
                : name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return file.resolveSibling(stem + "." + what + ".jsonl");
    }

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

    public static Summary run(SuperCandlesSettings settings, Path inputDir, Path candlesOut, Path deadLettersOut,
                              int parallelism) throws Exception {
        return run(settings, inputDir, candlesOut, deadLettersOut, null, parallelism);
    }

    /** @param modelsOut where the execution-model records go; null: the model does not run */
    public static Summary run(SuperCandlesSettings settings, Path inputDir, Path candlesOut, Path deadLettersOut,
                              Path modelsOut, int parallelism) throws Exception {
        return run(settings, inputDir, candlesOut, deadLettersOut, modelsOut, null, parallelism);
    }

    /** @param clickHouse a prepared ClickHouse output that receives the candles and dead letters too, or null */
    static Summary run(SuperCandlesSettings settings, Path inputDir, Path candlesOut, Path deadLettersOut,
                       Path modelsOut, ClickHouseOutput clickHouse, int parallelism) throws Exception {
        return run(settings, inputDir, candlesOut, deadLettersOut, modelsOut, null, clickHouse, parallelism);
    }

    /** @param signalsOut where the paper strategies' records go; null: the strategies do not run */
    public static Summary run(SuperCandlesSettings settings, Path inputDir, Path candlesOut, Path deadLettersOut,
                              Path modelsOut, Path signalsOut, ClickHouseOutput clickHouse, int parallelism)
            throws Exception {
        return run(settings, inputDir, candlesOut, deadLettersOut, modelsOut, signalsOut, null, clickHouse, parallelism);
    }

    /** @param alertsOut where the watchdogs' alerts go; null: the watchdogs do not run */
    public static Summary run(SuperCandlesSettings settings, Path inputDir, Path candlesOut, Path deadLettersOut,
                              Path modelsOut, Path signalsOut, Path alertsOut, ClickHouseOutput clickHouse,
                              int parallelism) throws Exception {
        return run(settings, inputDir, candlesOut, deadLettersOut, modelsOut, signalsOut, alertsOut, null, clickHouse,
                parallelism);
    }

    /**
     * @param scoresOut where the model score's records go (the settings hold the model), the guard's
     *                  beside them ({@link #guardBeside}); null: no scores
     */
    public static Summary run(SuperCandlesSettings settings, Path inputDir, Path candlesOut, Path deadLettersOut,
                              Path modelsOut, Path signalsOut, Path alertsOut, Path scoresOut,
                              ClickHouseOutput clickHouse, int parallelism) throws Exception {
        Map<EventType, Path> files = inputFiles(inputDir);
        SuperCandlesJob.Builder job = fileJob(settings, files)
                .candleSink(JsonLinesFileSink.of(candlesOut, SuperCandleJson::toJson))
                .deadLetterSink(JsonLinesFileSink.of(deadLettersOut, DeadLetterJson::toJson))
                .sinkParallelism(1);
        if (modelsOut != null) {
            job.modelSink(JsonLinesFileSink.of(modelsOut, ExecutionModelJson::toJson));
        }
        if (signalsOut != null) {
            job.signalSink(JsonLinesFileSink.of(signalsOut, SignalJson::toJson));
        }
        if (alertsOut != null) {
            job.alertSink(JsonLinesFileSink.of(alertsOut, AlertJson::toJson))
                    .anomalyFollowUpSink(JsonLinesFileSink.of(followUpsBeside(alertsOut), AnomalyFollowUpJson::toJson));
        }
        if (scoresOut != null && settings.scoreModel() != null) {
            job.scoreSink(JsonLinesFileSink.of(scoresOut, ScoreJson::toJson))
                    .guardSink(JsonLinesFileSink.of(guardBeside(scoresOut), GuardJson::toJson));
        }
        if (clickHouse != null) {
            if (scoresOut != null && settings.scoreModel() != null) {
                job.scoreSink("clickhouse", clickHouse.scores()).guardSink("clickhouse", clickHouse.guard());
            }
            job.candleSink("clickhouse", clickHouse.candles()).deadLetterSink("clickhouse", clickHouse.deadLetters());
            if (modelsOut != null) {
                job.modelSink("clickhouse", clickHouse.executionModel());
            }
            if (signalsOut != null) {
                job.signalSink("clickhouse", clickHouse.signals());
            }
            if (alertsOut != null) {
                job.alertSink("clickhouse", clickHouse.alerts()).anomalyFollowUpSink("clickhouse", clickHouse.anomalyFollowUps());
            }
        }
        Summary summary = new Summary();
        for (Path file : files.values()) {
            summary.files.add(file.getFileName().toString());
        }

        Configuration conf = localConfiguration();
        // Running totals reach the client with the TaskManager's heartbeat: often enough for a progress line.
        conf.set(org.apache.flink.configuration.HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        job.build().build(env);
        JobExecutionResult result;
        try (Progress progress = Progress.onStderr("reading " + inputDir.getFileName(), "lines", estimatedLines(files))) {
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

        for (EventType type : files.keySet()) {
            summary.events.put(type, counter(result, PipelineCounters.EVENTS_PREFIX + type.streamName()));
            summary.rejectedOf.put(type, counter(result, PipelineCounters.REJECTED_OF_PREFIX + type.streamName()));
        }
        summary.rejected = counter(result, PipelineCounters.REJECTED);
        summary.late = counter(result, PipelineCounters.LATE);
        summary.duplicates = counter(result, PipelineCounters.DUPLICATES);
        summary.candles = counter(result, PipelineCounters.CANDLES);
        summary.modelRecords = counter(result, PipelineCounters.MODEL_RECORDS);
        summary.signalRecords = counter(result, PipelineCounters.SIGNAL_RECORDS);
        summary.scoreRecords = counter(result, PipelineCounters.SCORE_RECORDS);
        summary.guardRecords = counter(result, PipelineCounters.GUARD_RECORDS);
        return summary;
    }

    private static long estimatedLines(Map<EventType, Path> files) {
        long lines = 0;
        for (Path f : files.values()) {
            lines += LineEstimate.of(f);
        }
        return lines;
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
    static SuperCandlesJob.Builder fileJob(SuperCandlesSettings settings, Map<EventType, Path> files) {
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
}
