package com.supercandles.jobs.bench;

import com.supercandles.candle.Period;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What {@link Benchmark} runs: the simulated market, the job's settings and the comparisons. */
public final class BenchmarkPlan {
    public int symbols = 10_000;
    /** Events per second of market time: the paced (latency) run plays them at this rate. */
    public double rate = 100_000;
    /** Seconds of market time recorded; the tape holds about {@code rate * seconds} events. */
    public int seconds = 60;
    public long seed = 42;
    public List<Period> periods = List.of(Period.parse("5s"), Period.parse("1m"));
    public List<Integer> parallelisms = List.of(1, 2);
    /** The sets of streams the job runs at full speed: each alone, then all three together. */
    public static final List<String> STREAM_SETS = List.of("trades", "orders", "book", "all");
    public List<String> streams = STREAM_SETS;
    /** The layers measured in pairs of runs of all streams, without and with the layer. */
    public static final List<String> LAYERS = List.of("strategies", "watchdogs", "model-score");
    public List<String> layers = LAYERS;
    /** The stream sets each layer is measured on (names of {@link #STREAM_SETS}). */
    public List<String> layerStreams = List.of("all");
    /**
     * Measured runs of the job per stream set and parallelism, after an unmeasured one: a job run lasts
     * seconds, of which JIT compilation took up to half in the first runs of a mix of streams. The
     * median is reported.
     */
    public int repetitions = 3;
    /** Pairs of runs per layer: their ratios' median is the layer's figure. */
    public int pairs = 3;
    public String stateBackend = "rocksdb";
    /** The checkpoint kinds of the paced runs, one run each: the first is also the latency run. */
    public static final List<String> CHECKPOINT_KINDS = List.of("incremental", "full");
    public List<String> checkpoints = List.of("incremental");
    public Duration checkpointInterval = Duration.ofSeconds(10);
    public Duration maxOutOfOrderness = Duration.ZERO;
    /** "auto" (a private local server when one is installed), "off", or a server's URL. */
    public String clickhouse = "auto";
    public Path out = Path.of("benchmark-output");
    public boolean latency = true;
    /**
     * A cluster's REST address: then the benchmark runs the deployed job there from Kafka (see
     * {@link ClusterRun}) instead of its MiniCluster measurements; null: none.
     */
    public String cluster;
    public String bootstrapServers;
    /** The job jar uploaded to the cluster. */
    public Path jar = Path.of("jobs/target/supercandles-jobs.jar");
    /** Partitions of each topic the cluster run writes the market into. */
    public int partitions = 4;
    /** The model scored in the "with model score" run (on the shortest period), or null: no such run. */
    public com.supercandles.score.ScoreModel scoreModel;

    /** The plain loop is cheap beside the job: more runs, for the same steadiness (5 for 3). */
    int loopRepetitions() {
        return 2 * repetitions - 1;
    }

    long events() {
        return (long) (rate * seconds);
    }
}
