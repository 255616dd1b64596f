package com.supercandles.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.simulator.SimulatorConfig;
import com.supercandles.sinks.clickhouse.LocalClickHouseServer;
import org.apache.flink.runtime.util.EnvironmentInformation;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The performance benchmark: records a simulated market once, then on those same events measures the
 * job at full speed (per stream and all together, at each parallelism), a plain single-threaded loop,
 * ClickHouse SQL over the raw events, and the job paced at the market's rate for window-end-to-candle
 * latency and state size. Every way must count the same events, or the run fails.
 */
public final class Benchmark {
    /** Minute-aligned, so windows of every period start on the tape's first event. */
    private static final long MARKET_START = 1_700_000_040_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchmarkPlan plan;
    private final PrintStream log;

    public Benchmark(BenchmarkPlan plan, PrintStream log) {
        this.plan = plan;
        this.log = log;
    }

    /** Runs everything; returns the results (also written to the output directory). */
    public ObjectNode run() throws Exception {
        Files.createDirectories(plan.out);
        ObjectNode results = JSON.createObjectNode();
        results.put("benchmark", "supercandles");
        results.put("time", Instant.now().toString());
        results.set("environment", environment());
        results.set("plan", planNode());

        log.printf("Recording %,d events of a simulated market (%,d symbols, %,.0f events/s of market time)...%n",
                plan.events(), plan.symbols, plan.rate);
        long t0 = System.nanoTime();
        Map<EventType, EventTape> tapes = new EnumMap<>(EventType.class);
        int shares = plan.parallelisms.stream().reduce(1, Benchmark::leastCommonMultiple);
        // Every parallelism plays exactly the same events as the loop and ClickHouse.
        EventTape.record(new SimulatorConfig().symbols(plan.symbols).eventsPerSecond(plan.rate).seed(plan.seed)
                .startTs(MARKET_START), plan.events())
                .forEach((type, tape) -> tapes.put(type, tape.truncatedToMultipleOf(shares)));
        results.set("events", tapeNode(tapes, (System.nanoTime() - t0) / 1e9));

        SuperCandlesSettings settings = new SuperCandlesSettings().periods(plan.periods)
                .maxOutOfOrderness(plan.maxOutOfOrderness);
        PlainLoop loop = new PlainLoop(plan.periods, settings.instruments());
        log.println("Warming up (one loop, one job run)...");
        loop.parseAndAggregate(tapes.values());
        int maxParallelism = plan.parallelisms.stream().max(Integer::compare).orElse(1);
        runJob(tapes, settings, maxParallelism, "warm-up");

        ObjectNode loopNode = results.putObject("plain_loop");
        Map<String, PlainLoop.Outcome> loopRuns = new LinkedHashMap<>();
        for (Map.Entry<String, Map<EventType, EventTape>> streams : streamSets(tapes).entrySet()) {
            if (!plan.streams.contains(streams.getKey()) && !streams.getKey().equals("all")) {
                continue; // no job run to compare with; all streams: ClickHouse's check and the report's
            }
            PlainLoop.Outcome o = median(repeat(plan.loopRepetitions(), () -> loop.parseAndAggregate(streams.getValue().values())),
                    PlainLoop.Outcome::eventsPerCpuSecond);
            loopRuns.put(streams.getKey(), o);
            loopNode.set(streams.getKey(), loopNode(o));
            log.printf("plain loop, %-6s: %,12.0f events/s (one thread)%n", streams.getKey(), o.eventsPerCpuSecond());
        }
        loopNode.set("all_aggregate_only", loopNode(aggregateOnly(loop, tapes, plan.loopRepetitions())));

        ObjectNode jobNode = results.putObject("job");
        Map<String, PipelineRun.Outcome> jobP1 = new LinkedHashMap<>();
        for (int p : plan.parallelisms) {
            ObjectNode byStream = jobNode.putObject("parallelism_" + p);
            for (Map.Entry<String, Map<EventType, EventTape>> streams : streamSets(tapes).entrySet()) {
                if (!plan.streams.contains(streams.getKey())) {
                    continue;
                }
                String name = streams.getKey() + "-p" + p;
                Map<EventType, EventTape> played = streams.getValue();
                // one unmeasured run first: each mix of streams drives the JIT to compile the hot path its own way
                List<PipelineRun.Outcome> runs = repeat(1 + plan.repetitions, () -> {
                    PipelineRun.Outcome run = runJob(played, settings, p, name);
                    check(streams.getKey() + " at parallelism " + p, loopRuns.get(streams.getKey()).tally, run);
                    return run;
                }).subList(1, 1 + plan.repetitions);
                PipelineRun.Outcome o = median(runs, PipelineRun.Outcome::steadyEventsPerCpuSecond);
                ObjectNode node = jobNode(o);
                ArrayNode repetitions = node.putArray("repetitions_steady_events_per_cpu_s");
                runs.forEach(run -> repetitions.add(round(run.steadyEventsPerCpuSecond())));
                byStream.set(streams.getKey(), node);
                if (p == plan.parallelisms.get(0)) {
                    jobP1.put(streams.getKey(), o);
                }
                log.printf("job p=%d, %-6s: %,12.0f events/s, %,12.0f events per CPU-second "
                                + "(steady: %,12.0f events/s, %,12.0f per CPU-second)%n", p, streams.getKey(),
                        o.eventsPerSecond(), o.eventsPerCpuSecond(), o.steadyEventsPerSecond(),
                        o.steadyEventsPerCpuSecond());
            }
        }

        Map<String, UnaryOperator<PipelineRun>> layers = new LinkedHashMap<>();
        layers.put("strategies", PipelineRun::withStrategies);
        layers.put("watchdogs", PipelineRun::withWatchdogs);
        if (plan.scoreModel != null) {
            layers.put("model-score", run -> run.withModelScore(plan.scoreModel));
        }
        for (String set : plan.layerStreams) {
            Map<EventType, EventTape> played = streamSets(tapes).get(set);
            for (Map.Entry<String, UnaryOperator<PipelineRun>> layer : layers.entrySet()) {
                if (plan.layers.contains(layer.getKey())) {
                    results.set("job_with_" + layer.getKey().replace('-', '_') + (set.equals("all") ? "" : "_" + set),
                            withExtra(played, settings, set, layer.getKey(), layer.getValue()));
                }
            }
        }

        ObjectNode ratios = results.putObject("job_vs_plain_loop");
        ObjectNode warmRatios = results.putObject("job_vs_plain_loop_without_jit");
        for (String streams : jobP1.keySet()) {
            ratios.put(streams, round(loopRuns.get(streams).eventsPerCpuSecond() / jobP1.get(streams).steadyEventsPerCpuSecond()));
            warmRatios.put(streams, round(loopRuns.get(streams).eventsPerCpuSecondWithoutJit()
                    / jobP1.get(streams).steadyEventsPerCpuSecondWithoutJit()));
        }

        results.set("clickhouse", clickhouse(tapes, loopRuns.get("all")));
        if (plan.latency) {
            ObjectNode state = results.putObject("state");
            for (String kind : plan.checkpoints) {
                boolean latencyRun = kind.equals(plan.checkpoints.get(0));
                PipelineRun.Outcome o = paced(tapes, settings, maxParallelism, kind, latencyRun);
                if (latencyRun) {
                    results.set("latency", latency(o, maxParallelism));
                }
                state.set(kind, stateNode(o, kind, tapes));
            }
        }
        TapeSource.releaseAll();
        results.set("targets", BenchmarkTargets.json(BenchmarkTargets.check(results)));

        Files.writeString(plan.out.resolve("results.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        Files.writeString(plan.out.resolve("report.md"), BenchmarkReport.markdown(results));
        return results;
    }

    /** The loop without parsing; the parsed events are garbage once it returns, before the job runs. */
    private static PlainLoop.Outcome aggregateOnly(PlainLoop loop, Map<EventType, EventTape> tapes, int repetitions)
            throws Exception {
        List<MarketEvent> parsed = PlainLoop.parseAll(tapes.values());
        return median(repeat(repetitions, () -> loop.aggregate(parsed)), PlainLoop.Outcome::eventsPerCpuSecond);
    }

    /** Short runs are noisy (JIT, GC): a few repetitions, in the order they ran. */
    private static <T> List<T> repeat(int times, Callable<T> run) throws Exception {
        List<T> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            runs.add(run.call());
        }
        return runs;
    }

    /** The middle run by events per CPU-second. */
    private static <T> T median(List<T> runs, ToDoubleFunction<T> score) {
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(score));
        return sorted.get(sorted.size() / 2);
    }

    /**
     * A set of streams (all of them unless {@code --layer-streams} says otherwise) at the first
     * parallelism again, with a layer on (the five paper strategies on the shortest period's candles,
     * every event-time watchdog rule, or the model score): its cost beside the job without it. The runs
     * go in pairs, without then with, and the ratio is the median of the pairs' ratios: this VM's speed
     * drifts by a third within minutes, which a block of runs without followed by a block with would
     * read as the layer's cost. One stream alone has one source chain: no other chain's events move in
     * or out of the steady part with the layer's cost (with all streams, the short trade and book tapes
     * may end inside it or after it).
     */
    private ObjectNode withExtra(Map<EventType, EventTape> tapes, SuperCandlesSettings settings, String set, String what,
                                 UnaryOperator<PipelineRun> layer) throws Exception {
        int p = plan.parallelisms.get(0);
        layer.apply(new PipelineRun(tapes, settings, p, plan.stateBackend, plan.out.resolve("work")))
                .run(set + "-" + what + "-p" + p + "-warm-up");
        List<PipelineRun.Outcome> withRuns = new ArrayList<>();
        List<PipelineRun.Outcome> withoutRuns = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> ratiosWithoutJit = new ArrayList<>();
        for (int i = 0; i < plan.pairs; i++) {
            PipelineRun.Outcome off = new PipelineRun(tapes, settings, p, plan.stateBackend, plan.out.resolve("work"))
                    .run(set + "-p" + p + "-pair-" + i);
            PipelineRun.Outcome on = layer.apply(new PipelineRun(tapes, settings, p, plan.stateBackend,
                    plan.out.resolve("work"))).run(set + "-" + what + "-p" + p + "-pair-" + i);
            withoutRuns.add(off);
            withRuns.add(on);
            ratios.add(on.steadyEventsPerCpuSecond() / off.steadyEventsPerCpuSecond());
            ratiosWithoutJit.add(on.steadyEventsPerCpuSecondWithoutJit() / off.steadyEventsPerCpuSecondWithoutJit());
        }
        PipelineRun.Outcome with = median(withRuns, PipelineRun.Outcome::steadyEventsPerCpuSecond);
        PipelineRun.Outcome paired = median(withoutRuns, PipelineRun.Outcome::steadyEventsPerCpuSecond);
        ObjectNode node = jobNode(with);
        node.put("parallelism", p);
        node.put("without_steady_events_per_cpu_s", round(paired.steadyEventsPerCpuSecond()));
        node.put("without_steady_events_per_cpu_s_without_jit", round(paired.steadyEventsPerCpuSecondWithoutJit()));
        node.put("ratio_without_jit", round(median(ratiosWithoutJit, Double::doubleValue)));
        node.put("ratio", round(median(ratios, Double::doubleValue)));
        ArrayNode pairs = node.putArray("pair_ratios");
        ratios.forEach(r -> pairs.add(round(r)));
        ArrayNode pairsWithoutJit = node.putArray("pair_ratios_without_jit");
        ratiosWithoutJit.forEach(r -> pairsWithoutJit.add(round(r)));
        ArrayNode withReps = node.putArray("repetitions_steady_events_per_cpu_s");
        withRuns.forEach(r -> withReps.add(round(r.steadyEventsPerCpuSecond())));
        ArrayNode withoutReps = node.putArray("without_repetitions_steady_events_per_cpu_s");
        withoutRuns.forEach(r -> withoutReps.add(round(r.steadyEventsPerCpuSecond())));
        node.set("without_steady_cpu_s_by_thread", jobNode(paired).get("steady_cpu_s_by_thread"));
        log.printf("job p=%d, %s + %s: %,12.0f steady events per CPU-second (paired runs without %,12.0f; "
                        + "median of the pairs' ratios %.3f, without JIT %.3f; pairs %s)%n", p, set, what,
                with.steadyEventsPerCpuSecond(), paired.steadyEventsPerCpuSecond(), node.path("ratio").asDouble(),
                node.path("ratio_without_jit").asDouble(), pairs);
        return node;
    }

    private PipelineRun.Outcome runJob(Map<EventType, EventTape> tapes, SuperCandlesSettings settings, int parallelism,
                                       String name) throws Exception {
        return new PipelineRun(tapes, settings, parallelism, plan.stateBackend, plan.out.resolve("work")).run(name);
    }

    /** Each stream alone, then all three as the job runs them. */
    private static Map<String, Map<EventType, EventTape>> streamSets(Map<EventType, EventTape> tapes) {
        Map<String, Map<EventType, EventTape>> sets = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            sets.put(type.streamName(), Map.of(type, tapes.get(type)));
        }
        sets.put("all", tapes);
        return sets;
    }

    /**
     * The job paced at the market's rate, with checkpoints of one kind (incremental as deployed, or full),
     * probed near the market's end (see {@link JobProbe}); the first kind's run also takes a canonical
     * savepoint mid-run and gives the latency figures.
     */
    private PipelineRun.Outcome paced(Map<EventType, EventTape> tapes, SuperCandlesSettings settings, int parallelism,
                                      String checkpoints, boolean latencyRun) throws Exception {
        log.printf("Paced run: %,.0f events/s for %d s at parallelism %d, %s checkpoints every %d s...%n", plan.rate,
                plan.seconds, parallelism, checkpoints, plan.checkpointInterval.toSeconds());
        long lastTs = tapes.values().stream().mapToLong(t -> t.timestamp(t.size() - 1)).min().orElseThrow();
        // Windows ending later close only because the input ends, not because time passed.
        long closedBy = lastTs - plan.maxOutOfOrderness.toMillis();
        RunClock clock = new RunClock("paced-" + checkpoints, MARKET_START);
        PipelineRun run = new PipelineRun(tapes, settings, parallelism, plan.stateBackend, plan.out.resolve("work"))
                .paced(clock, closedBy).checkpointInterval(plan.checkpointInterval)
                .probeAfter(probeAt(tapes));
        if (latencyRun) {
            run.savepointAfter(Duration.ofSeconds(plan.seconds / 2));
        }
        return (checkpoints.equals("full") ? run.fullCheckpoints() : run).run("paced-" + checkpoints);
    }

    /**
     * 80% into the market's span: after most checkpoints, while the market still plays. The span is
     * shorter than --seconds: the opening books (20 orders a symbol) all come at the first instant.
     */
    private static Duration probeAt(Map<EventType, EventTape> tapes) {
        long lastTs = tapes.values().stream().mapToLong(t -> t.timestamp(t.size() - 1)).max().orElseThrow();
        return Duration.ofMillis((lastTs - MARKET_START) * 8 / 10);
    }

    private ObjectNode stateNode(PipelineRun.Outcome o, String kind, Map<EventType, EventTape> tapes) {
        ObjectNode node = JSON.createObjectNode();
        node.put("checkpoints", kind);
        node.put("checkpoint_interval_s", plan.checkpointInterval.toSeconds());
        node.put("probed_at_market_s", round(probeAt(tapes).toMillis() / 1000.0));
        node.put("probe_ms", o.probeMillis);
        node.set("checkpoint", o.checkpoints);
        node.set("rocksdb", o.rocksDb);
        JsonNode c = o.checkpoints;
        JsonNode r = o.rocksDb;
        log.printf("%s checkpoints: %d completed, %d failed; state %,d bytes, written %,d bytes (median), duration %d ms"
                        + " (median), %d ms (max); RocksDB cache %,d of %,d bytes, memtables %,d, live data %,d, SST files %,d%n",
                kind, c.path("completed").asInt(), c.path("failed").asInt(), c.path("last_state_bytes").asLong(),
                c.path("median_written_bytes").asLong(), c.path("median_duration_ms").asLong(),
                c.path("max_duration_ms").asLong(), r.path("block_cache_usage_bytes").asLong(),
                r.path("block_cache_capacity_bytes").asLong(), r.path("size_all_mem_tables_bytes").asLong(),
                r.path("estimate_live_data_size_bytes").asLong(), r.path("total_sst_files_size_bytes").asLong());
        return node;
    }

    private ObjectNode latency(PipelineRun.Outcome o, int parallelism) {
        long[] latencies = o.candles.sortedLatencies();
        ObjectNode node = JSON.createObjectNode();
        node.put("parallelism", parallelism);
        node.put("events_per_s", plan.rate);
        node.put("candles_measured", latencies.length);
        node.put("max_out_of_orderness_ms", plan.maxOutOfOrderness.toMillis());
        if (latencies.length > 0) {
            node.put("p50_ms", round(percentile(latencies, 0.50) / 1e6));
            node.put("p99_ms", round(percentile(latencies, 0.99) / 1e6));
            node.put("max_ms", round(latencies[latencies.length - 1] / 1e6));
        }
        node.put("late_events", o.late);
        node.put("state_savepoint_bytes", o.savepointBytes);
        if (latencies.length == 0) {
            node.put("note", "no window closed while the market played: --seconds must exceed the shortest period");
            log.println("latency: " + node.path("note").asText());
        } else {
            log.printf("latency window end -> candle: p50 %s ms, p99 %s ms, max %s ms over %,d candles; state %,d bytes%n",
                    node.path("p50_ms"), node.path("p99_ms"), node.path("max_ms"), latencies.length, o.savepointBytes);
        }
        return node;
    }

    private ObjectNode clickhouse(Map<EventType, EventTape> tapes, PlainLoop.Outcome loop) throws Exception {
        ObjectNode node = JSON.createObjectNode();
        if ("off".equals(plan.clickhouse)) {
            node.put("skipped", "--clickhouse off");
            return node;
        }
        LocalClickHouseServer server = null;
        try {
            String url = plan.clickhouse;
            if ("auto".equals(plan.clickhouse)) {
                if (LocalClickHouseServer.findBinary().isEmpty()) {
                    node.put("skipped", "no ClickHouse server installed: " + LocalClickHouseServer.INSTALL_HINT);
                    return node;
                }
                server = LocalClickHouseServer.start(plan.out.resolve("clickhouse"), null, null);
                url = server.httpUrl();
            }
            LocalClickHouseServer local = server;
            log.println("ClickHouse: inserting the raw trades and order log, then computing their statistics...");
            ClickHouseBaseline.Outcome o = new ClickHouseBaseline(url,
                    () -> local == null ? OptionalLong.empty() : local.cpuNanos()).run(tapes, plan.periods);
            String difference = tradesAndOrders(loop.tally).difference(o.tally);
            if (difference != null) {
                throw new IllegalStateException("ClickHouse's statistics differ from the loop's: " + difference);
            }
            node.put("server_version", o.serverVersion);
            node.put("events", o.events);
            node.put("insert_s", round(o.insertSeconds));
            node.put("insert_events_per_s", round(o.events / o.insertSeconds));
            node.put("query_ms", round(o.queryMilliseconds));
            node.put("query_events_per_s", round(o.events / o.querySeconds()));
            node.put("result_rows", o.resultRows);
            if (o.queryCpuSeconds >= 0) {
                node.put("insert_server_cpu_s", round(o.insertCpuSeconds));
                node.put("query_server_cpu_s", round(o.queryCpuSeconds));
                node.put("insert_and_query_events_per_cpu_s",
                        round(o.events / (o.insertCpuSeconds + o.queryCpuSeconds)));
            }
            log.printf("ClickHouse %s: insert %,.0f events/s, query %,.0f events/s%n", o.serverVersion,
                    o.events / o.insertSeconds, o.events / o.querySeconds());
            return node;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The loop's tally restricted to what the SQL computes (trades and the order log). */
    private static CandleTally tradesAndOrders(CandleTally all) {
        CandleTally t = new CandleTally();
        t.trades = all.trades;
        t.puts = all.puts;
        t.cancels = all.cancels;
        t.tradedValue = all.tradedValue;
        return t;
    }

    private static void check(String run, CandleTally expected, PipelineRun.Outcome o) {
        String difference = expected.difference(o.candles.tally);
        if (difference != null) {
            throw new IllegalStateException("the job's candles (" + run + ") differ from the plain loop's: " + difference
                    + " (the job counted " + o.events + " events, " + o.late + " late, " + o.rejected + " rejected)");
        }
        if (o.rejected != 0 || o.late != 0) {
            throw new IllegalStateException("the job rejected " + o.rejected + " and dropped " + o.late
                    + " late events of the simulated market (" + run + ")");
        }
    }

    private static long percentile(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private ObjectNode loopNode(PlainLoop.Outcome o) {
        ObjectNode node = JSON.createObjectNode();
        node.put("events", o.events);
        node.put("seconds", round(o.wallSeconds));
        node.put("events_per_cpu_s", round(o.eventsPerCpuSecond()));
        node.put("jit_cpu_s", round(o.jitSeconds));
        node.put("events_per_cpu_s_without_jit", round(o.eventsPerCpuSecondWithoutJit()));
        return node;
    }

    private ObjectNode jobNode(PipelineRun.Outcome o) {
        ObjectNode node = JSON.createObjectNode();
        node.put("events", o.events);
        node.put("seconds", round(o.wallSeconds));
        node.put("events_per_s", round(o.eventsPerSecond()));
        node.put("cpu_s", round(o.cpuSeconds));
        node.put("events_per_cpu_s", round(o.eventsPerCpuSecond()));
        node.put("steady_events", o.steady == null ? 0 : (long) o.steady[0]);
        node.put("steady_events_per_s", round(o.steadyEventsPerSecond()));
        node.put("steady_events_per_cpu_s", round(o.steadyEventsPerCpuSecond()));
        node.put("steady_events_per_cpu_s_without_jit", round(o.steadyEventsPerCpuSecondWithoutJit()));
        if (o.steady != null) {
            node.put("steady_cpu_s", o.steady[2]);
            node.put("steady_jit_cpu_s", o.steady[3]);
        }
        node.put("candles", o.candles.tally.candles);
        ObjectNode threads = node.putObject("steady_cpu_s_by_thread");
        o.steadyCpuByThread.entrySet().stream().limit(6).forEach(e -> threads.put(e.getKey(), round(e.getValue())));
        return node;
    }

    private ObjectNode tapeNode(Map<EventType, EventTape> tapes, double seconds) {
        ObjectNode node = JSON.createObjectNode();
        for (EventTape tape : tapes.values()) {
            ObjectNode t = node.putObject(tape.stream().streamName());
            t.put("count", tape.size());
            t.put("bytes", tape.totalBytes());
        }
        node.put("recording_s", round(seconds));
        return node;
    }

    private ObjectNode planNode() {
        ObjectNode node = JSON.createObjectNode();
        node.put("symbols", plan.symbols);
        node.put("rate", plan.rate);
        node.put("seconds", plan.seconds);
        node.put("seed", plan.seed);
        node.put("periods", plan.periods.toString());
        node.put("parallelisms", plan.parallelisms.toString());
        node.put("streams", plan.streams.toString());
        node.put("state_backend", plan.stateBackend);
        node.put("checkpoints", plan.checkpoints.toString());
        node.put("repetitions", plan.repetitions);
        node.put("max_out_of_orderness_ms", plan.maxOutOfOrderness.toMillis());
        return node;
    }

    private static ObjectNode environment() {
        ObjectNode node = JSON.createObjectNode();
        node.put("cores", Runtime.getRuntime().availableProcessors());
        node.put("cpu", cpuModel());
        node.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        node.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        node.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("--add-opens")).toList()));
        node.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        node.put("flink", EnvironmentInformation.getVersion());
        return node;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int leastCommonMultiple(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double scale = Math.abs(v) >= 100 ? 1 : 1000;
        return Math.round(v * scale) / scale;
    }
}
