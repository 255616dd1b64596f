package com.supercandles.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** The benchmark's results as a short Markdown report, with the targets checked. */
final class BenchmarkReport {
    private BenchmarkReport() {}

    static String markdown(JsonNode r) {
        StringBuilder md = new StringBuilder();
        JsonNode env = r.path("environment");
        JsonNode plan = r.path("plan");
        md.append("# SuperCandles benchmark\n\n");
        md.append(String.format("%s on %s cores (%s), %s, heap %s MB, Flink %s.%n%n", r.path("time").asText(),
                env.path("cores").asText(), env.path("cpu").asText(), env.path("jvm").asText(),
                env.path("max_heap_mb").asText(), env.path("flink").asText()));
        md.append(String.format("Simulated market: %s symbols, %s events/s of market time for %s s (seed %s); "
                        + "periods %s; state backend %s; max out-of-orderness %s ms.%n%n",
                plan.path("symbols").asText(), plan.path("rate").asText(), plan.path("seconds").asText(),
                plan.path("seed").asText(), plan.path("periods").asText(), plan.path("state_backend").asText(),
                plan.path("max_out_of_orderness_ms").asText()));
        JsonNode events = r.path("events");
        md.append("| stream | events | bytes |\n|---|---:|---:|\n");
        for (String s : new String[] {"trades", "orders", "book"}) {
            md.append(String.format("| %s | %,d | %,d |%n", s, events.path(s).path("count").asLong(),
                    events.path(s).path("bytes").asLong()));
        }

        md.append("\n## Throughput at full speed (parse + aggregate + candles, whole job on the MiniCluster)\n\n");
        md.append("Events per second of wall time, and per CPU-second of the whole process (all threads: "
                + "task threads, JIT, GC, RocksDB): the per-core figure. Steady: between 10% and 90% of the input "
                + "(no task start-up, final firing or shutdown); the median of " + plan.path("repetitions").asInt(3) + " runs after an unmeasured one. Without JIT: less the CPU "
                + "of the JIT compiler's threads, a warm-up cost that a run of seconds pays again and again and a job "
                + "running for hours pays once (the loop's figure, a median of " + (2 * plan.path("repetitions").asInt(3) - 1) + ", is taken the same way).\n\n");
        md.append("| run | events/s | events per CPU-s | steady events/s | steady events per CPU-s | steady, without JIT |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (Iterator<Map.Entry<String, JsonNode>> p = r.path("job").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> byParallelism = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> s = byParallelism.getValue().fields(); s.hasNext(); ) {
                Map.Entry<String, JsonNode> run = s.next();
                md.append(String.format("| job %s, %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                        byParallelism.getKey().replace('_', ' '), run.getKey(), run.getValue().path("events_per_s").asDouble(),
                        run.getValue().path("events_per_cpu_s").asDouble(),
                        run.getValue().path("steady_events_per_s").asDouble(),
                        run.getValue().path("steady_events_per_cpu_s").asDouble(),
                        run.getValue().path("steady_events_per_cpu_s_without_jit").asDouble()));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> s = r.path("plain_loop").fields(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> run = s.next();
            JsonNode loop = run.getValue();
            md.append(String.format("| plain loop (one thread), %s | %,.0f | %,.0f | | | %,.0f |%n",
                    run.getKey().replace('_', ' '), loop.path("events").asDouble() / loop.path("seconds").asDouble(),
                    loop.path("events_per_cpu_s").asDouble(), loop.path("events_per_cpu_s_without_jit").asDouble()));
        }

        md.append(String.format("%nWhere the CPU of the steady part went (parallelism %s; threads by name, [native]: the JVM's "
                + "and RocksDB's own):%n%n", firstParallelism(r)));
        r.path("job").path("parallelism_" + firstParallelism(r)).fields().forEachRemaining(run -> {
            StringBuilder threads = new StringBuilder();
            run.getValue().path("steady_cpu_s_by_thread").fields().forEachRemaining(t -> threads
                    .append(threads.length() == 0 ? "" : ", ").append(t.getKey()).append(' ').append(t.getValue().asText()).append(" s"));
            md.append(String.format("- %s (%,d events in the steady part): %s%n", run.getKey(),
                    run.getValue().path("steady_events").asLong(), threads));
        });

        JsonNode ch = r.path("clickhouse");
        md.append("\n## Three ways over the same events\n\n");
        md.append("Plain loop per CPU-second divided by the job's steady figure (parallelism ").append(firstParallelism(r))
                .append("): how much the framework costs.\n\n| streams | loop / job | without JIT |\n|---|---:|---:|\n");
        r.path("job_vs_plain_loop").fields().forEachRemaining(e ->
                md.append(String.format("| %s | %.2f | %.2f |%n", e.getKey(), e.getValue().asDouble(),
                        r.path("job_vs_plain_loop_without_jit").path(e.getKey()).asDouble())));
        md.append('\n');
        if (ch.has("skipped")) {
            md.append("ClickHouse: skipped (").append(ch.path("skipped").asText()).append(").\n");
        } else {
            double loopAll = r.path("plain_loop").path("all").path("events_per_cpu_s").asDouble();
            md.append(String.format("ClickHouse %s, trades and order log (%,d events, JSONEachRow, the wire bytes): "
                            + "insert %.2f s (%,.0f events/s), statistics of every period by SQL %.0f ms (%,.0f events/s)",
                    ch.path("server_version").asText(), ch.path("events").asLong(), ch.path("insert_s").asDouble(),
                    ch.path("insert_events_per_s").asDouble(), ch.path("query_ms").asDouble(),
                    ch.path("query_events_per_s").asDouble()));
            if (ch.has("insert_and_query_events_per_cpu_s")) {
                md.append(String.format("; server CPU insert %.2f s + query %.2f s = %,.0f events per CPU-s "
                                + "(plain loop over all streams: %,.0f)", ch.path("insert_server_cpu_s").asDouble(),
                        ch.path("query_server_cpu_s").asDouble(), ch.path("insert_and_query_events_per_cpu_s").asDouble(),
                        loopAll));
            }
            md.append(". Its totals match the loop's.\n");
        }

        JsonNode lat = r.path("latency");
        if (!lat.isMissingNode()) {
            md.append(String.format("%n## Latency at %,.0f events/s (parallelism %s)%n%n", lat.path("events_per_s").asDouble(),
                    lat.path("parallelism").asText()));
            md.append(String.format("Window end (event time, played at wall-clock pace) to candle at the sink, over %,d "
                            + "candles: p50 %s ms, p99 %s ms, max %s ms (max out-of-orderness %s ms is waited on top by "
                            + "design). State of %s symbols in a canonical savepoint mid-run: %,d bytes.%n",
                    lat.path("candles_measured").asLong(), lat.path("p50_ms").asText(), lat.path("p99_ms").asText(),
                    lat.path("max_ms").asText(), lat.path("max_out_of_orderness_ms").asText(), plan.path("symbols").asText(),
                    lat.path("state_savepoint_bytes").asLong()));
        }

        JsonNode state = r.path("state");
        if (state.size() > 0) {
            md.append(String.format("%n## State, checkpoints and RocksDB's memory (%s symbols, parallelism %s)%n%n",
                    plan.path("symbols").asText(), lat.path("parallelism").asText()));
            md.append("The job paced at the market's rate, one run per checkpoint kind, read through the MiniCluster's"
                    + " REST API near the market's end: the completed checkpoints (state: the whole state's size;"
                    + " written: what the checkpoint uploaded, all of it for a full one, the files new since the last"
                    + " for an incremental one; duration: trigger to last acknowledgement; medians leave out the"
                    + " first), and RocksDB's native metrics: the slots' shared block cache (which holds the memtables"
                    + " and the index and filter blocks too: RocksDB's memory) against its capacity (the managed"
                    + " memory Flink gives RocksDB), the memtables, the table readers outside the cache, the live"
                    + " data and the SST files on local disk. Not triggered: counted as failed by Flink, refused before"
                    + " starting because a task was not running yet or had finished.\n\n");
            md.append("| checkpoints | completed | failed (not triggered) | state (last) | written, first | written, median | written, max"
                    + " | duration, first | duration, median | duration, max | cache used | cache capacity | memtables"
                    + " | live data | SST files | managed memory |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            state.fields().forEachRemaining(e -> {
                JsonNode c = e.getValue().path("checkpoint");
                JsonNode rocks = e.getValue().path("rocksdb");
                md.append(String.format("| %s every %s s | %d | %d (%d) | %s | %s | %s | %s | %d ms | %d ms | %d ms | %s | %s | %s | %s | %s | %s |%n",
                        e.getKey(), e.getValue().path("checkpoint_interval_s").asText(), c.path("completed").asInt(),
                        c.path("failed").asInt(), c.path("not_triggered").asInt(), mb(c.path("last_state_bytes")), mb(c.path("first_written_bytes")),
                        mb(c.path("median_written_bytes")), mb(c.path("max_written_bytes")),
                        c.path("first_duration_ms").asLong(), c.path("median_duration_ms").asLong(),
                        c.path("max_duration_ms").asLong(), mb(rocks.path("block_cache_usage_bytes")),
                        mb(rocks.path("block_cache_capacity_bytes")), mb(rocks.path("size_all_mem_tables_bytes")),
                        mb(rocks.path("estimate_live_data_size_bytes")), mb(rocks.path("total_sst_files_size_bytes")),
                        mb(rocks.path("managed_memory_total_bytes"))));
            });
        }

        for (String[] layer : new String[][] {{"Paper strategies", "job_with_strategies", "the five strategies on the"
                + " shortest period"}, {"Watchdogs", "job_with_watchdogs", "every event-time watchdog rule"},
                {"Model score", "job_with_model_score", "the model score on every candle of the shortest period"}}) {
            for (String set : BenchmarkPlan.STREAM_SETS) {
                JsonNode n = r.path(layer[1] + (set.equals("all") ? "" : "_" + set));
                if (!n.isMissingNode()) {
                    md.append(String.format("%n## %s (%s)%n%n%s at parallelism %s with %s: %,.0f steady events per"
                                    + " CPU-second (%,.0f without JIT) against %,.0f (%,.0f) without: %.3f (%.3f without"
                                    + " JIT); the pairs: %s (without JIT %s).%n",
                            layer[0], set, set.equals("all") ? "All streams" : "The " + set + " alone",
                            n.path("parallelism").asText(), layer[2], n.path("steady_events_per_cpu_s").asDouble(),
                            n.path("steady_events_per_cpu_s_without_jit").asDouble(),
                            n.path("without_steady_events_per_cpu_s").asDouble(),
                            n.path("without_steady_events_per_cpu_s_without_jit").asDouble(),
                            n.path("ratio").asDouble(), n.path("ratio_without_jit").asDouble(), n.path("pair_ratios"),
                            n.path("pair_ratios_without_jit")));
                }
            }
        }

        md.append("\n## Targets\n\n");
        md.append("The targets of the performance issue (24). Throughput ratios are checked on the figures without"
                + " the JIT compiler's threads, the loop's and the job's alike (a warm-up cost a run of seconds pays"
                + " again and a job running for hours once), as the report's targets were before; the figure with"
                + " every thread is shown beside as \"all threads\". The job's figures are the steady part's (10% to 90%"
                + " of the input), each the median of its runs; ClickHouse's is its server's CPU for the insert and"
                + " the statistics (no JIT there). Layers: the median of the pairs' ratios, without then with the"
                + " layer. results.json keeps the same list as `targets`.\n\n");
        for (BenchmarkTargets.Target t : BenchmarkTargets.check(r)) {
            md.append(BenchmarkTargets.line(t)).append('\n');
        }
        return md.toString();
    }

    private static String mb(JsonNode bytes) {
        return bytes.isMissingNode() ? "" : String.format("%.1f MB", bytes.asDouble() / 1e6);
    }

    private static String firstParallelism(JsonNode r) {
        Iterator<String> names = r.path("job").fieldNames();
        return names.hasNext() ? names.next().substring("parallelism_".length()) : "1";
    }
}
