package com.supercandles.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supercandles.event.EventType;
import com.supercandles.event.PipelineCounters;
import com.supercandles.jobs.kafka.KafkaTopics;
import com.supercandles.jobs.kafka.MarketFeed;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The deployed job on a Flink cluster: the simulated market written once into Kafka topics of its own,
 * then, for each parallelism, the live job submitted through the cluster's REST API as a backfill
 * ({@code --bounded true}: it reads the topics to the end and finishes) with checkpoints as deployed.
 * Measured: events per second from the moment its sources ran to its end, events per CPU-second of
 * every TaskManager of the cluster (Flink's {@code Status.JVM.CPU.Time}, the whole process), the
 * TaskManagers its subtasks ran on, and its checkpoints.
 *
 * <p>What this is not: the Kafka broker's CPU (another process) is not counted, though it shares the
 * machine when it runs there; and the figures include the tasks' start (a second or two) and the final
 * firing, which the MiniCluster's steady figures leave out.
 */
final class ClusterRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTRY_CLASS = "com.supercandles.jobs.LiveJobEntry";
    /** Minute-aligned, as the MiniCluster runs' market. */
    private static final long MARKET_START = 1_700_000_040_000L;

    private final BenchmarkPlan plan;
    private final PrintStream log;

    ClusterRun(BenchmarkPlan plan, PrintStream log) {
        this.plan = plan;
        this.log = log;
    }

    ObjectNode run() throws Exception {
        Files.createDirectories(plan.out);
        FlinkRest rest = new FlinkRest(plan.cluster);
        ObjectNode results = JSON.createObjectNode();
        results.put("benchmark", "supercandles-cluster");
        results.put("time", Instant.now().toString());
        results.put("cluster", plan.cluster);
        results.put("taskmanagers", rest.taskManagers().size());
        results.put("slots", rest.get("/overview").path("slots-total").asInt());
        results.put("symbols", plan.symbols);
        results.put("rate", plan.rate);
        results.put("seconds", plan.seconds);
        results.put("seed", plan.seed);
        results.put("periods", plan.periods.toString());

        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", plan.bootstrapServers);
        Map<EventType, String> topics = new EnumMap<>(EventType.class);
        String prefix = "capacity-" + plan.symbols + "-" + plan.seed + "-" + plan.events();
        for (EventType type : EventType.values()) {
            topics.put(type, prefix + "-" + type.streamName());
        }
        long inTopics = endOffsets(kafka, topics.values());
        if (inTopics != plan.events()) {
            if (inTopics > 0) {
                throw new IllegalStateException("topics " + topics.values() + " hold " + inTopics + " records, not the "
                        + plan.events() + " of this market: delete them (or use another broker)");
            }
            log.printf("Writing %,d events of a simulated market (%,d symbols) into %s, %d partitions each...%n",
                    plan.events(), plan.symbols, topics.values(), plan.partitions);
            KafkaTopics.ensure(kafka, topics.values(), plan.partitions);
            long t0 = System.nanoTime();
            long sent = MarketFeed.produce(kafka, topics, limited(MarketFeed.simulated(new MarketSimulator(
                    new SimulatorConfig().symbols(plan.symbols).eventsPerSecond(plan.rate).seed(plan.seed)
                            .startTs(MARKET_START))), plan.events()), 0, () -> false);
            log.printf("  %,d events in %.1f s%n", sent, (System.nanoTime() - t0) / 1e9);
        } else {
            log.printf("Topics %s already hold the %,d events of this market%n", topics.values(), plan.events());
        }
        results.put("events_in_topics", endOffsets(kafka, topics.values()));

        String jar = rest.uploadJar(plan.jar);
        ObjectNode runs = results.putObject("parallelism");
        Duration fetcher = metricFetcherInterval(rest);
        for (int p : plan.parallelisms) {
            runs.set(String.valueOf(p), runJob(rest, jar, topics, p, fetcher));
        }
        Files.writeString(plan.out.resolve("results.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        Files.writeString(plan.out.resolve("report.md"), report(results));
        return results;
    }

    private ObjectNode runJob(FlinkRest rest, String jar, Map<EventType, String> topics, int p, Duration fetcher)
            throws Exception {
        String id = "capacity-" + Long.toHexString(System.nanoTime());
        List<String> args = new ArrayList<>(List.of("--bootstrap.servers", plan.bootstrapServers,
                "--group.id", id, "--transactional.id.prefix", id, "--startup.offsets", "earliest", "--bounded", "true",
                "--checkpoint.dir", plan.out.resolve("checkpoints").toAbsolutePath().toString(),
                "--checkpoint.interval", plan.checkpointInterval.toMillis() + "ms",
                "--periods", String.join(",", plan.periods.stream().map(Object::toString).toList()),
                "--max-out-of-orderness", plan.maxOutOfOrderness.toMillis() + "ms", "--parallelism", String.valueOf(p),
                // A backfill of history, as docs/alerts.md says: ingest latency is years by design, and in
                // processing time every sparse symbol goes stale; at 100,000 symbols feed_down's timers
                // then scan every symbol of a stream for each held alert (see "Capacity" in performance.md).
                "--watchdog.latency.enabled", "false", "--watchdog.feed_stale.enabled", "false",
                "--watchdog.feed_down.enabled", "false"));
        topics.forEach((type, topic) -> args.addAll(List.of("--topic." + type.streamName(), topic)));

        Map<String, Double> cpuBefore = taskManagerCpu(rest, fetcher);
        log.printf("Cluster run at parallelism %d...%n", p);
        String job = rest.run(jar, ENTRY_CLASS, args, p);
        List<double[]> samples = new ArrayList<>();
        String state = awaitEnd(rest, job, samples);
        if (!state.equals("FINISHED")) {
            throw new IllegalStateException("the job " + job + " at parallelism " + p + " ended " + state
                    + ": see the cluster's logs (" + rest.base() + "/#/job/completed/" + job + ")");
        }
        Map<String, Double> cpuAfter = taskManagerCpu(rest, fetcher);

        JsonNode details = rest.get("/jobs/" + job);
        long sourcesRunning = 0;
        TreeSet<String> usedTaskManagers = new TreeSet<>();
        for (JsonNode v : details.path("vertices")) {
            if (v.path("name").asText().startsWith("Source")) {
                sourcesRunning = Math.max(sourcesRunning, v.path("start-time").asLong());
            }
            for (JsonNode tm : rest.get("/jobs/" + job + "/vertices/" + v.path("id").asText() + "/taskmanagers")
                    .path("taskmanagers")) {
                usedTaskManagers.add(tm.path("taskmanager-id").asText());
            }
        }
        long end = details.path("end-time").asLong();
        Map<String, Long> counters = new HashMap<>();
        for (JsonNode a : rest.get("/jobs/" + job + "/accumulators").path("user-task-accumulators")) {
            counters.put(a.path("name").asText(), a.path("value").asLong());
        }
        long events = 0;
        for (EventType type : EventType.values()) {
            events += counters.getOrDefault(PipelineCounters.EVENTS_PREFIX + type.streamName(), 0L);
        }
        double wall = (end - sourcesRunning) / 1000.0;
        ObjectNode node = JSON.createObjectNode();
        node.put("job", job);
        node.put("parallelism", p);
        node.put("taskmanagers_used", usedTaskManagers.size());
        node.put("events", events);
        node.put("late_events", counters.getOrDefault(PipelineCounters.LATE, 0L));
        node.put("rejected_events", counters.getOrDefault(PipelineCounters.REJECTED, 0L));
        node.put("seconds", Benchmark.round(wall));
        node.put("events_per_s", Benchmark.round(events / wall));
        double cpu = 0;
        ObjectNode byTaskManager = node.putObject("cpu_s_by_taskmanager");
        for (Map.Entry<String, Double> tm : cpuAfter.entrySet()) {
            double seconds = (tm.getValue() - cpuBefore.getOrDefault(tm.getKey(), 0.0)) / 1e9;
            byTaskManager.put(tm.getKey(), Benchmark.round(seconds));
            cpu += seconds;
        }
        node.put("cpu_s", Benchmark.round(cpu));
        node.put("events_per_cpu_s", Benchmark.round(events / cpu));
        double[] steady = steady(samples, events);
        if (steady != null) {
            node.put("steady_events", (long) steady[0]);
            node.put("steady_seconds", Benchmark.round(steady[1]));
            node.put("steady_cpu_s", Benchmark.round(steady[2]));
            node.put("steady_events_per_s", Benchmark.round(steady[0] / steady[1]));
            node.put("steady_events_per_cpu_s", Benchmark.round(steady[0] / steady[2]));
        }
        node.set("checkpoint", JobProbe.checkpoints(rest, job));
        log.printf("cluster p=%d on %d TaskManager(s): %,d events in %.1f s: %,.0f events/s, %,.0f per CPU-second of the"
                        + " TaskManagers (%.1f CPU-s); %d checkpoints, last %,d bytes; %,d late%n", p,
                usedTaskManagers.size(), events, wall, events / wall, events / cpu, cpu,
                node.path("checkpoint").path("completed").asInt(), node.path("checkpoint").path("last_state_bytes").asLong(),
                node.path("late_events").asLong());
        return node;
    }

    /**
     * Waits for the job's end, sampling every second: wall time, events counted (the job's accumulators,
     * which reach the JobManager with the TaskManagers' heartbeats), CPU time of all TaskManagers.
     */
    private static String awaitEnd(FlinkRest rest, String job, List<double[]> samples) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        List<String> taskManagers = rest.taskManagers();
        while (System.nanoTime() < deadline) {
            String state = rest.jobState(job);
            if (List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                return state;
            }
            long events = 0;
            for (JsonNode a : rest.get("/jobs/" + job + "/accumulators").path("user-task-accumulators")) {
                events += a.path("name").asText().startsWith(PipelineCounters.EVENTS_PREFIX) ? a.path("value").asLong() : 0;
            }
            double cpu = 0;
            for (String tm : taskManagers) {
                cpu += rest.taskManagerMetric(tm, "Status.JVM.CPU.Time");
            }
            samples.add(new double[] {System.nanoTime() / 1e9, events, cpu / 1e9});
            Thread.sleep(1000);
        }
        rest.patch("/jobs/" + job + "?mode=cancel");
        return "still running after 30 minutes (cancelled)";
    }

    /**
     * Events, wall seconds and CPU seconds between the first samples at 10% and at 90% of the events, as
     * the MiniCluster's steady figures (no task start, no final firing); null if the run was too short
     * to have two such samples. Accurate to the samples' lag: a heartbeat (2 s) for the events, the
     * metric fetcher's interval for the CPU.
     */
    private static double[] steady(List<double[]> samples, long total) {
        double[] from = null;
        double[] to = null;
        for (double[] s : samples) {
            if (from == null && s[1] >= 0.1 * total && !Double.isNaN(s[2])) {
                from = s;
            }
            if (to == null && s[1] >= 0.9 * total && !Double.isNaN(s[2])) {
                to = s;
            }
        }
        if (from == null || to == null || to[1] <= from[1]) {
            return null;
        }
        return new double[] {to[1] - from[1], to[0] - from[0], to[2] - from[2]};
    }

    /**
     * Every TaskManager's process CPU time (ns), as fresh as the REST API's metric fetcher allows: it
     * answers from a store it refreshes at most every {@code fetcher}, starting a refresh when asked. So:
     * ask, wait one interval, ask again (the cluster is idle between runs: the figure is then exact).
     */
    private static Map<String, Double> taskManagerCpu(FlinkRest rest, Duration fetcher) throws Exception {
        for (String tm : rest.taskManagers()) {
            rest.taskManagerMetric(tm, "Status.JVM.CPU.Time");
        }
        Thread.sleep(fetcher.toMillis() + 1000);
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String tm : rest.taskManagers()) {
            double nanos = rest.taskManagerMetric(tm, "Status.JVM.CPU.Time");
            if (Double.isNaN(nanos)) {
                throw new IllegalStateException("TaskManager " + tm + " reports no Status.JVM.CPU.Time at " + rest.base());
            }
            cpu.put(tm, nanos);
        }
        return cpu;
    }

    private static Duration metricFetcherInterval(FlinkRest rest) throws Exception {
        for (JsonNode entry : rest.get("/jobmanager/config")) {
            if (entry.path("key").asText().equals("metrics.fetcher.update-interval")) {
                return Duration.ofMillis(org.apache.flink.util.TimeUtils.parseDuration(entry.path("value").asText()).toMillis());
            }
        }
        return Duration.ofSeconds(10); // Flink's default
    }

    private static long endOffsets(Properties kafka, java.util.Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(kafka)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            java.util.Set<String> existing = admin.listTopics().names().get();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    continue;
                }
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            long total = 0;
            for (var info : admin.listOffsets(latest).all().get().values()) {
                total += info.offset();
            }
            return total;
        }
    }

    private static <T> Iterator<T> limited(Iterator<T> all, long count) {
        return new Iterator<>() {
            private long given;

            @Override
            public boolean hasNext() {
                return given < count && all.hasNext();
            }

            @Override
            public T next() {
                given++;
                return all.next();
            }
        };
    }

    static String report(JsonNode r) {
        StringBuilder md = new StringBuilder("# SuperCandles on a cluster\n\n");
        md.append(String.format("%s, %s: %s TaskManager(s), %s slots. Simulated market: %s symbols, %s events (%s events/s"
                        + " of market time, seed %s), periods %s, in Kafka topics read from the start by the live job as a"
                        + " backfill.%n%n", r.path("time").asText(), r.path("cluster").asText(), r.path("taskmanagers").asText(),
                r.path("slots").asText(), r.path("symbols").asText(), r.path("events_in_topics").asText(),
                r.path("rate").asText(), r.path("seed").asText(), r.path("periods").asText()));
        md.append("Whole run: from the sources' start to the job's end (start of the tasks, JIT compilation in fresh"
                + " TaskManagers and the final firing included); steady: between the samples at 10% and 90% of the"
                + " events. CPU: all TaskManagers' processes (Flink's Status.JVM.CPU.Time).\n\n");
        md.append("| parallelism | TaskManagers used | events | seconds | events/s | CPU-s (TaskManagers) | events per CPU-s"
                + " | steady events/s | steady events per CPU-s | checkpoints | state (last) | checkpoint duration, median"
                + " | late events |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        r.path("parallelism").fields().forEachRemaining(e -> {
            JsonNode n = e.getValue();
            md.append(String.format("| %s | %d | %,d | %.1f | %,.0f | %.1f | %,.0f | %,.0f | %,.0f | %d | %,d | %d ms | %,d |%n",
                    e.getKey(), n.path("taskmanagers_used").asInt(), n.path("events").asLong(), n.path("seconds").asDouble(),
                    n.path("events_per_s").asDouble(), n.path("cpu_s").asDouble(), n.path("events_per_cpu_s").asDouble(),
                    n.path("steady_events_per_s").asDouble(Double.NaN), n.path("steady_events_per_cpu_s").asDouble(Double.NaN),
                    n.path("checkpoint").path("completed").asInt(), n.path("checkpoint").path("last_state_bytes").asLong(),
                    n.path("checkpoint").path("median_duration_ms").asLong(), n.path("late_events").asLong()));
        });
        return md.toString();
    }
}
