package com.supercandles.jobs.bench;

import com.supercandles.output.Outputs;
import com.supercandles.event.EventType;
import com.supercandles.event.PipelineCounters;
import com.supercandles.jobs.graph.LivePipeline;
import com.supercandles.jobs.graph.SuperCandlesJob;
import com.supercandles.jobs.config.SuperCandlesSettings;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/** One run of {@link SuperCandlesJob} on a MiniCluster, fed from tapes, as configured for production. */
final class PipelineRun {
    private final Map<EventType, EventTape> tapes;
    private final SuperCandlesSettings settings;
    private final int parallelism;
    private final String stateBackend;
    private final Path workDir;
    private RunClock clock;
    private long closedBy = Long.MAX_VALUE;
    private Duration savepointAfter;
    private Duration probeAfter;
    private boolean incrementalCheckpoints = true;
    private Duration checkpointInterval = Duration.ofSeconds(10);
    private boolean strategies;
    private boolean watchdogs;
    private com.supercandles.score.ScoreModel scoreModel;

    PipelineRun(Map<EventType, EventTape> tapes, SuperCandlesSettings settings, int parallelism, String stateBackend,
                Path workDir) {
        this.tapes = tapes;
        this.settings = settings;
        this.parallelism = parallelism;
        this.stateBackend = stateBackend;
        this.workDir = workDir;
    }

    /** Plays the tapes in event time (see {@link RunClock}) instead of at full speed. */
    PipelineRun paced(RunClock clock, long closedBy) {
        this.clock = clock;
        this.closedBy = closedBy;
        return this;
    }

    /** Runs the paper strategies too (all five, on the shortest period), their records discarded. */
    PipelineRun withStrategies() {
        this.strategies = true;
        return this;
    }

    /** Runs every event-time watchdog rule too, the alerts discarded. */
    PipelineRun withWatchdogs() {
        this.watchdogs = true;
        return this;
    }

    /** Scores every candle of the model's period too, the records discarded. */
    PipelineRun withModelScore(com.supercandles.score.ScoreModel model) {
        this.scoreModel = model;
        return this;
    }

    /** Takes a canonical savepoint this long into a paced run, to measure the state's size. */
    PipelineRun savepointAfter(Duration after) {
        this.savepointAfter = after;
        return this;
    }

    /**
     * Reads the checkpoints' figures and RocksDB's memory through the MiniCluster's REST API this long
     * into a paced run (see {@link JobProbe}); after {@link #paced}.
     */
    PipelineRun probeAfter(Duration after) {
        this.probeAfter = after;
        clock.holdEnd(); // the probe takes seconds (a REST call per subtask): the job must still run
        return this;
    }

    /** Checkpoints of the whole state every time, instead of the deployed incremental ones. */
    PipelineRun fullCheckpoints() {
        this.incrementalCheckpoints = false;
        return this;
    }

    PipelineRun checkpointInterval(Duration interval) {
        this.checkpointInterval = interval;
        return this;
    }

    /** What one run measured. */
    static final class Outcome {
        long events;
        double wallSeconds;
        double cpuSeconds;
        long rejected;
        long late;
        CandleProbe.Results candles;
        long savepointBytes = -1;
        /** From {@link JobProbe}, when the run was probed; else null. */
        com.fasterxml.jackson.databind.node.ObjectNode checkpoints;
        com.fasterxml.jackson.databind.node.ObjectNode rocksDb;
        long probeMillis;
        /** Events, wall, CPU and JIT-compiler CPU seconds between 10% and 90% of the input; null if not measured. */
        double[] steady;
        Map<String, Double> steadyCpuByThread = Map.of();

        double eventsPerSecond() {
            return events / wallSeconds;
        }

        double eventsPerCpuSecond() {
            return events / cpuSeconds;
        }

        double steadyEventsPerSecond() {
            return steady == null ? Double.NaN : steady[0] / steady[1];
        }

        double steadyEventsPerCpuSecond() {
            return steady == null ? Double.NaN : steady[0] / steady[2];
        }

        /** As {@link #steadyEventsPerCpuSecond()}, without the JIT compiler's threads: the warmed-up figure. */
        double steadyEventsPerCpuSecondWithoutJit() {
            return steady == null ? Double.NaN : RunMeasure.perCpuSecondWithoutJit(steady[0], steady[2], steady[3]);
        }
    }

    Outcome run(String name) throws Exception {
        RunMeasure.reset(tapes.values().stream().mapToLong(EventTape::size).sum());
        CandleProbe probe = new CandleProbe(name, clock, closedBy);
        SuperCandlesJob.Builder job = SuperCandlesJob.builder()
                .settings(scoreModel == null ? settings : settings.copy().scoreModel(scoreModel))
                .sink(Outputs.CANDLES, probe).sink(Outputs.DEAD_LETTERS, new DiscardingSink<>());
        if (strategies) {
            job.sink(Outputs.SIGNALS, new DiscardingSink<>());
        }
        if (watchdogs) {
            job.sink(Outputs.ALERTS, new DiscardingSink<>());
        }
        if (scoreModel != null) {
            job.sink(Outputs.SCORES, new DiscardingSink<>());
        }
        for (Map.Entry<EventType, EventTape> tape : tapes.entrySet()) {
            job.source(tape.getKey(), TapeSource.of(tape.getValue(), parallelism, clock, settings.maxOutOfOrderness()));
        }
        Configuration conf = configuration(name);
        FlinkRest rest = null;
        if (probeAfter != null) {
            int port = freePort();
            conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            conf.set(RestOptions.BIND_PORT, String.valueOf(port));
            conf.set(RestOptions.PORT, port);
            rest = new FlinkRest("http://127.0.0.1:" + port);
            JobProbe.enable(conf);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        job.build().build(env);

        Outcome outcome = new Outcome();
        JobClient client = env.executeAsync("SuperCandles benchmark: " + name);
        try {
            if (savepointAfter != null) {
                outcome.savepointBytes = savepointSize(client, name);
            }
            if (rest != null) {
                awaitEventTime(probeAfter);
                long t0 = System.nanoTime();
                outcome.checkpoints = JobProbe.checkpoints(rest, client.getJobID().toHexString());
                outcome.rocksDb = JobProbe.rocksDb(rest, client.getJobID().toHexString());
                outcome.probeMillis = (System.nanoTime() - t0) / 1_000_000;
            }
        } finally {
            if (clock != null) {
                clock.releaseEnd();
            }
        }
        JobExecutionResult result = client.getJobExecutionResult().get();
        if (clock == null) {
            double[] wallAndCpu = RunMeasure.sinceFirstEvent();
            outcome.wallSeconds = wallAndCpu[0];
            outcome.cpuSeconds = wallAndCpu[1];
            outcome.steady = RunMeasure.steady();
            outcome.steadyCpuByThread = RunMeasure.steadyCpuByThread();
        }
        for (EventType type : tapes.keySet()) {
            outcome.events += counter(result, PipelineCounters.EVENTS_PREFIX + type.streamName());
        }
        outcome.rejected = counter(result, PipelineCounters.REJECTED);
        outcome.late = counter(result, PipelineCounters.LATE);
        outcome.candles = probe.results();
        return outcome;
    }

    /** Until the paced run's clock has played {@code into} of market time. */
    private void awaitEventTime(Duration into) throws InterruptedException {
        while (!clock.started()) {
            Thread.sleep(10);
        }
        long wait = clock.wallNanosOf(clock.startTs() + into.toMillis()) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private long savepointSize(JobClient client, String name) throws Exception {
        awaitEventTime(savepointAfter);
        Path dir = workDir.resolve("savepoints").resolve(name);
        String location = client.triggerSavepoint(dir.toUri().toString(), SavepointFormatType.CANONICAL).get();
        return directorySize(Paths.get(java.net.URI.create(location.startsWith("file:") ? location : "file:" + location)));
    }

    private Configuration configuration(String name) {
        Configuration conf = new Configuration();
        if ("rocksdb".equals(stateBackend)) {
            LivePipeline.rocksDbState(conf);
        } else {
            conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        }
        SuperCandlesJob.pipelineOptions(conf);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, workDir.resolve("checkpoints").resolve(name).toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        if ("rocksdb".equals(stateBackend)) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, incrementalCheckpoints);
        }
        return conf;
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAccumulatorResult(name);
        return value == null ? 0L : ((Number) value).longValue();
    }

    static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
