package com.supercandles.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a running job's REST API tells about its state: the checkpoints (full size, size written,
 * duration) and RocksDB's memory and files, from Flink's RocksDB native metrics. The same calls for the
 * benchmark's MiniCluster and for a cluster.
 */
final class JobProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The RocksDB properties read. With managed memory (Flink's default) every RocksDB instance of a slot
     * shares one block cache, which also holds the memtables (charged to it by a write buffer manager)
     * and the index and filter blocks: its usage is RocksDB's memory in that slot, and every column
     * family of the slot reports the same cache.
     */
    static final List<ConfigOption<Boolean>> ROCKSDB_METRICS = List.of(RocksDBNativeMetricOptions.BLOCK_CACHE_USAGE,
            RocksDBNativeMetricOptions.BLOCK_CACHE_CAPACITY, RocksDBNativeMetricOptions.BLOCK_CACHE_PINNED_USAGE,
            RocksDBNativeMetricOptions.MONITOR_SIZE_ALL_MEM_TABLES, RocksDBNativeMetricOptions.ESTIMATE_TABLE_READERS_MEM,
            RocksDBNativeMetricOptions.ESTIMATE_LIVE_DATA_SIZE, RocksDBNativeMetricOptions.MONITOR_TOTAL_SST_FILES_SIZE,
            RocksDBNativeMetricOptions.ESTIMATE_NUM_KEYS);
    /** Properties of the slot's shared cache: counted once per slot, not once per column family. */
    private static final List<String> PER_SLOT = List.of("block-cache-usage", "block-cache-capacity",
            "block-cache-pinned-usage");

    /** How the REST API names them: OPERATOR.COLUMN_FAMILY.rocksdb_PROPERTY (the gauge's dot made '_'). */
    private static final String ROCKSDB = ".rocksdb_";

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private JobProbe() {}

    /**
     * Turns on what the probe reads: the RocksDB native metrics, a metric fetcher that refreshes within
     * a second (its default, 10 s, would show figures of before the moment probed), and a checkpoint
     * history long enough for a run of minutes.
     */
    static Configuration enable(Configuration conf) {
        ROCKSDB_METRICS.forEach(option -> conf.set(option, true));
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, 100);
        return conf;
    }

    /**
     * The completed checkpoints (savepoints left out), each with its full state size, the bytes it
     * wrote (an incremental checkpoint writes only the files new since the previous one) and its
     * duration from trigger to the last acknowledgement; then their medians and maxima, the first left
     * out of the medians (an incremental checkpoint's first writes everything).
     */
    static ObjectNode checkpoints(FlinkRest rest, String jobId) throws IOException, InterruptedException {
        JsonNode answer = rest.get("/jobs/" + jobId + "/checkpoints");
        List<JsonNode> completed = new ArrayList<>();
        TreeSet<String> failures = new TreeSet<>();
        for (JsonNode c : answer.path("history")) {
            if (c.path("status").asText().equals("COMPLETED") && !c.path("is_savepoint").asBoolean()) {
                completed.add(c);
            } else if (c.path("status").asText().equals("FAILED")) {
                failures.add(c.path("failure_message").asText("(no message)"));
            }
        }
        completed.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        ObjectNode node = JSON.createObjectNode();
        node.put("completed", completed.size());
        long failed = 0;
        for (JsonNode c : answer.path("history")) {
            failed += c.path("status").asText().equals("FAILED") ? 1 : 0;
        }
        node.put("failed", failed);
        failures.forEach(node.putArray("failures")::add);
        // Counted as failed by Flink but never started: triggers refused while a task was not running yet
        // (deployment takes seconds on a busy machine) or had finished.
        node.put("not_triggered", answer.path("counts").path("failed").asLong() - failed);
        ArrayNode list = node.putArray("list");
        for (JsonNode c : completed) {
            ObjectNode one = list.addObject();
            one.put("id", c.path("id").asLong());
            one.put("state_bytes", c.path("state_size").asLong());
            one.put("written_bytes", c.path("checkpointed_size").asLong());
            one.put("duration_ms", c.path("end_to_end_duration").asLong());
        }
        if (!completed.isEmpty()) {
            JsonNode last = completed.get(completed.size() - 1);
            node.put("last_state_bytes", last.path("state_size").asLong());
            node.put("last_written_bytes", last.path("checkpointed_size").asLong());
            List<JsonNode> later = completed.size() > 1 ? completed.subList(1, completed.size()) : completed;
            node.put("median_written_bytes", median(later, "checkpointed_size"));
            node.put("max_written_bytes", max(later, "checkpointed_size"));
            node.put("median_duration_ms", median(later, "end_to_end_duration"));
            node.put("max_duration_ms", max(later, "end_to_end_duration"));
            node.put("first_written_bytes", completed.get(0).path("checkpointed_size").asLong());
            node.put("first_duration_ms", completed.get(0).path("end_to_end_duration").asLong());
        }
        return node;
    }

    /**
     * RocksDB's memory and files now, from its native metrics on every subtask of every vertex: the
     * shared cache's usage, capacity and pinned part once per slot (the largest any of the slot's column
     * families reports: they all see the same cache), the rest summed over column families. Subtask
     * {@code i} of every vertex is taken to share slot {@code i} (one slot-sharing group, every vertex
     * at the job's parallelism, as this job runs). Also the TaskManagers' managed memory: what Flink
     * reserved for RocksDB, whether used or not.
     */
    static ObjectNode rocksDb(FlinkRest rest, String jobId) throws IOException, InterruptedException {
        Map<Integer, Map<String, Double>> perSlot = new TreeMap<>();
        Map<String, Double> summed = new TreeMap<>();
        int columnFamilies = 0;
        for (JsonNode vertex : rest.vertices(jobId)) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/subtasks/";
            for (int i = 0; i < vertex.path("parallelism").asInt(); i++) {
                List<String> names = new ArrayList<>();
                for (JsonNode m : fetched(rest, path + i + "/metrics")) {
                    if (m.path("id").asText().contains(ROCKSDB)) {
                        names.add(m.path("id").asText());
                    }
                }
                if (names.isEmpty()) {
                    continue;
                }
                for (JsonNode m : rest.get(path + i + "/metrics?get=" + java.net.URLEncoder.encode(String.join(",", names),
                        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))) {
                    String id = m.path("id").asText();
                    String property = id.substring(id.lastIndexOf(ROCKSDB) + ROCKSDB.length());
                    double value = m.path("value").asDouble(Double.NaN);
                    if (Double.isNaN(value)) {
                        continue;
                    }
                    if (PER_SLOT.contains(property)) {
                        perSlot.computeIfAbsent(i, k -> new HashMap<>()).merge(property, value, Math::max);
                    } else {
                        summed.merge(property, value, Double::sum);
                        if (property.equals("estimate-num-keys")) {
                            columnFamilies++;
                        }
                    }
                }
            }
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("slots", perSlot.size());
        node.put("column_families", columnFamilies);
        for (String property : PER_SLOT) {
            double total = perSlot.values().stream().mapToDouble(m -> m.getOrDefault(property, 0.0)).sum();
            node.put(property.replace('-', '_') + "_bytes", (long) total);
        }
        summed.forEach((property, value) -> node.put(property.replace('-', '_')
                + (property.equals("estimate-num-keys") ? "" : "_bytes"), value.longValue()));
        double managedUsed = 0;
        double managedTotal = 0;
        for (String tm : rest.taskManagers()) {
            fetched(rest, "/taskmanagers/" + tm + "/metrics");
            managedUsed += orZero(rest.taskManagerMetric(tm, "Status.Flink.Memory.Managed.Used"));
            managedTotal += orZero(rest.taskManagerMetric(tm, "Status.Flink.Memory.Managed.Total"));
        }
        node.put("managed_memory_used_bytes", (long) managedUsed);
        node.put("managed_memory_total_bytes", (long) managedTotal);
        return node;
    }

    /**
     * A list of metrics, once the REST API has any: its metric fetcher starts fetching on the first
     * request and answers that one from its still empty store.
     */
    static JsonNode fetched(FlinkRest rest, String path) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
        JsonNode list = rest.get(path);
        while (list.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            list = rest.get(path);
        }
        return list;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static long median(List<JsonNode> list, String field) {
        long[] values = list.stream().mapToLong(c -> c.path(field).asLong()).sorted().toArray();
        return values[values.length / 2];
    }

    private static long max(List<JsonNode> list, String field) {
        return list.stream().mapToLong(c -> c.path(field).asLong()).max().orElse(0);
    }
}
