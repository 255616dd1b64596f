package com.supercandles.jobs.bench;

import com.supercandles.jobs.cli.CommandOptions;

import com.supercandles.score.DemoModel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supercandles.candle.Period;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** {@code bin/supercandles benchmark}: throughput, latency and state size, against a loop and ClickHouse. */
public final class BenchmarkCommand {
    private BenchmarkCommand() {}

    public static int run(String[] args, PrintStream out) throws Exception {
        CommandOptions o = new CommandOptions("benchmark",
                "Measures the job on a MiniCluster with a simulated market recorded in memory first: events per\n"
                        + "second (and per CPU-second) at full speed by stream and parallelism; the same statistics by\n"
                        + "a plain single-threaded loop and by ClickHouse SQL over the raw events; and, played at the\n"
                        + "market's rate, the latency from a window's end to its candle and the state's size. Prints\n"
                        + "one JSON line; writes results.json and report.md, both with the performance targets checked\n"
                        + "(met, not met, or not measured by the options given; results.json: \"targets\"). Never fails\n"
                        + "on speed, only when the ways of computing disagree.")
                .option("symbols", "N", "Simulated instruments.", "10000")
                .option("rate", "N", "Events per second of market time (the paced run's rate).", "100000")
                .option("seconds", "N", "Seconds of market time recorded (rate x seconds events).", "60")
                .option("seed", "N", "Random seed of the market.", "42")
                .option("periods", "LIST", "Candle periods.", "5s,1m")
                .option("parallelism", "LIST", "Parallelisms of the full-speed runs; the paced run uses the largest.", "1,2")
                .option("streams", "LIST", "Which full-speed job runs: trades, orders, book (each alone), all (together).",
                        String.join(",", BenchmarkPlan.STREAM_SETS))
                .option("layers", "LIST", "Layers measured in pairs of runs, without then with the layer:"
                        + " strategies, watchdogs, model-score (needs --model), or none.",
                        String.join(",", BenchmarkPlan.LAYERS))
                .option("layer-streams", "LIST", "The streams the layers are measured on: all, or each alone"
                        + " (trades, orders, book; results job_with_LAYER_STREAM).", "all")
                .option("repetitions", "N", "Measured runs of each full-speed job run, after an unmeasured one (their"
                        + " median is reported); the plain loop runs 2N-1 times.", "3")
                .option("pairs", "N", "Pairs of runs per layer (their ratios' median is the layer's figure).", "3")
                .option("state-backend", "NAME", "rocksdb (as deployed) or hashmap.", "rocksdb")
                .option("checkpoints", "LIST", "Checkpoint kinds of the paced runs, one run each: incremental (as"
                        + " deployed) and/or full; each reports its checkpoints' sizes and durations and RocksDB's"
                        + " memory; the first is also the latency run.", "incremental")
                .option("checkpoint-interval", "DURATION", "Checkpoint interval of every run.", "10s")
                .option("max-out-of-orderness", "DURATION",
                        "The job's watermark bound; every candle waits this long on top (the simulated feeds are in order).",
                        "0s")
                .option("clickhouse", "auto|off|URL",
                        "Where the SQL comparison runs: auto starts a private server when one is installed.", "auto")
                .option("latency", "true|false", "Run the paced latency run.", "true")
                .option("model", "demo|none|DIR", "The model scored in the run with the model score (on the shortest"
                        + " period, whatever period it was trained on): the demo model, none (no such run), or a directory.",
                        "demo")
                .option("cluster", "URL", "A Flink cluster's REST address (bin/flink-cluster): run the deployed job"
                        + " there instead, from Kafka, once per --parallelism, and measure its throughput per CPU-second"
                        + " of the TaskManagers and its checkpoints (needs --bootstrap.servers).", "")
                .option("bootstrap.servers", "HOST:PORT", "With --cluster: the Kafka broker the market is written to"
                        + " (topics capacity-SYMBOLS-SEED-EVENTS-STREAM, reused when they hold that market).", "")
                .option("partitions", "N", "With --cluster: partitions of each topic.", "4")
                .option("jar", "FILE", "With --cluster: the job jar uploaded.", "jobs/target/supercandles-jobs.jar")
                .option("out", "DIR", "Where results.json, report.md and the runs' checkpoints go.", "benchmark-output");
        if (!o.parse(args, out)) {
            return 0;
        }
        BenchmarkPlan plan = new BenchmarkPlan();
        plan.symbols = o.positiveInt("symbols");
        plan.rate = o.positiveNumber("rate");
        plan.seconds = o.positiveInt("seconds");
        plan.seed = o.longValue("seed");
        try {
            plan.periods = Period.parseList(o.text("periods"));
        } catch (IllegalArgumentException e) {
            throw new CommandOptions.UsageException("--periods: " + e.getMessage());
        }
        plan.parallelisms = parallelisms(o.text("parallelism"));
        plan.streams = list("--streams", o.text("streams"), BenchmarkPlan.STREAM_SETS, false);
        plan.layers = list("--layers", o.text("layers"), BenchmarkPlan.LAYERS, true);
        plan.layerStreams = list("--layer-streams", o.text("layer-streams"), BenchmarkPlan.STREAM_SETS, false);
        plan.pairs = o.positiveInt("pairs");
        plan.repetitions = o.positiveInt("repetitions");
        plan.stateBackend = o.text("state-backend");
        if (!plan.stateBackend.equals("rocksdb") && !plan.stateBackend.equals("hashmap")) {
            throw new CommandOptions.UsageException("--state-backend must be rocksdb or hashmap, got '"
                    + plan.stateBackend + "'");
        }
        plan.checkpoints = list("--checkpoints", o.text("checkpoints"), BenchmarkPlan.CHECKPOINT_KINDS, false);
        plan.checkpointInterval = o.duration("checkpoint-interval");
        if (plan.checkpointInterval.isZero() || plan.checkpointInterval.isNegative()) {
            throw new CommandOptions.UsageException("--checkpoint-interval must be positive, got '"
                    + o.text("checkpoint-interval") + "'");
        }
        plan.maxOutOfOrderness = o.duration("max-out-of-orderness");
        plan.clickhouse = o.text("clickhouse");
        plan.latency = o.bool("latency");
        plan.out = Paths.get(o.text("out"));
        String model = o.text("model");
        if (!model.equals("none")) {
            java.nio.file.Path dir = model.equals("demo") ? DemoModel.extract(plan.out.resolve("demo-model")) : Paths.get(model);
            plan.scoreModel = com.supercandles.score.ModelDirectory.read(dir).forPeriod(plan.periods.get(0).toString());
        }

        if (!o.text("cluster").isEmpty()) {
            plan.cluster = o.text("cluster");
            plan.bootstrapServers = o.text("bootstrap.servers");
            if (plan.bootstrapServers.isEmpty()) {
                throw new CommandOptions.UsageException("--cluster needs --bootstrap.servers: the Kafka broker the"
                        + " cluster's job reads the market from (bin/supercandles broker starts one)");
            }
            plan.partitions = o.positiveInt("partitions");
            plan.jar = Paths.get(o.text("jar"));
            if (!java.nio.file.Files.isRegularFile(plan.jar)) {
                throw new CommandOptions.UsageException("--jar: no file " + plan.jar.toAbsolutePath()
                        + " (build it: mvn -DskipTests package)");
            }
        }
        ObjectNode results = plan.cluster != null ? new ClusterRun(plan, System.err).run()
                : new Benchmark(plan, System.err).run();
        out.println(new ObjectMapper().writeValueAsString(results));
        System.err.println("Report: " + plan.out.resolve("report.md"));
        return 0;
    }

    /** A comma-separated list of names from {@code known} ("none": empty, where {@code noneAllowed}). */
    private static List<String> list(String option, String text, List<String> known, boolean noneAllowed)
            throws CommandOptions.UsageException {
        List<String> list = new ArrayList<>();
        if (noneAllowed && text.trim().equals("none")) {
            return list;
        }
        for (String part : text.split(",")) {
            String name = part.trim();
            if (!known.contains(name)) {
                throw new CommandOptions.UsageException(option + " takes a list of " + String.join(", ", known)
                        + (noneAllowed ? ", or none" : "") + "; got '" + text + "'");
            }
            list.add(name);
        }
        return list;
    }

    private static List<Integer> parallelisms(String text) throws CommandOptions.UsageException {
        List<Integer> list = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int p = Integer.parseInt(part.trim());
                if (p < 1) {
                    throw new NumberFormatException();
                }
                list.add(p);
            } catch (NumberFormatException e) {
                throw new CommandOptions.UsageException("--parallelism must be a list of integers >= 1, got '" + text + "'");
            }
        }
        return list;
    }
}
