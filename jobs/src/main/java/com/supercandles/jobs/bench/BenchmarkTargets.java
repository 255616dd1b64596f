package com.supercandles.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The targets of the performance issue (24), checked on a run's results: each with its measured figure
 * and whether it is met, or why it was not measured. Throughput figures are checked without the JIT
 * compiler's threads (the job's and the loop's alike), the basis of the report's targets before them; the
 * figure with every thread is given beside as "all threads".
 */
final class BenchmarkTargets {
    /** Plain loop per CPU-second over the job's, one stream alone at p=1: at most this. */
    static final double LOOP_RATIO_PER_STREAM = 1.2;
    /** The same over all streams at p=1 (the job's parallel pre-aggregation beats one loop). */
    static final double LOOP_RATIO_ALL = 1.0;
    /** The job's events per CPU-second over ClickHouse's on the trades and order log: at least this. */
    static final double CLICKHOUSE_LEAD = 1.5;
    /** The job with a layer over the job without it (median of the pairs): at least this. */
    static final double LAYER_RATIO = 0.9;
    /** p99 window end to candle at the sink, below this ... */
    static final double P99_MS = 200;
    /** ... at this rate (events per second of market time) or more. */
    static final double RATE = 100_000;

    static final String MET = "MET";
    static final String NOT_MET = "NOT met";
    static final String NOT_MEASURED = "not measured";
    static final String REPORTED = "reported";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] LAYERS = {{"strategies", "paper strategies"}, {"watchdogs", "watchdogs"},
            {"model_score", "model score"}};

    private BenchmarkTargets() {}

    /**
     * One target. {@code measured} is the checked figure (NaN when not measured); {@code allThreads} the
     * same with the JIT's threads (NaN where that basis does not apply); {@code limit} NaN for a figure
     * only reported; {@code comparison} how measured must stand to limit.
     */
    record Target(String name, String status, double measured, double allThreads, double limit, String comparison,
                  String unit, String detail) {
        Boolean met() {
            return status.equals(MET) ? Boolean.TRUE : status.equals(NOT_MET) ? Boolean.FALSE : null;
        }
    }

    /** Every target, in the order, from a run's results. */
    static List<Target> check(JsonNode r) {
        List<Target> targets = new ArrayList<>();
        JsonNode p1 = r.path("job").path("parallelism_1");
        boolean loopAtP1 = firstParallelism(r).equals("1");
        for (String set : BenchmarkPlan.STREAM_SETS) {
            boolean all = set.equals("all");
            double limit = all ? LOOP_RATIO_ALL : LOOP_RATIO_PER_STREAM;
            String name = "loop / job per CPU-second, " + (all ? "all streams" : set + " alone") + ", p=1";
            double ratio = r.path("job_vs_plain_loop_without_jit").path(set).asDouble(Double.NaN);
            double ratioAllThreads = r.path("job_vs_plain_loop").path(set).asDouble(Double.NaN);
            if (!loopAtP1) {
                targets.add(notMeasured(name, limit, "<=", "x", "the first parallelism run is "
                        + firstParallelism(r) + ", not 1"));
            } else if (!r.path("job_vs_plain_loop").has(set)) {
                targets.add(notMeasured(name, limit, "<=", "x", "no job run of " + set + " (--streams)"));
            } else {
                targets.add(new Target(name, Double.isNaN(ratio) ? NOT_MEASURED : ratio <= limit ? MET : NOT_MET,
                        ratio, ratioAllThreads, limit, "<=", "x", String.format(
                        "plain loop %,.0f events per CPU-s, job %,.0f (steady part, median of %d runs)",
                        r.path("plain_loop").path(set).path("events_per_cpu_s_without_jit").asDouble(),
                        p1.path(set).path("steady_events_per_cpu_s_without_jit").asDouble(),
                        p1.path(set).path("repetitions_steady_events_per_cpu_s").size())));
            }
        }
        targets.add(clickHouse(r, p1));
        for (String[] layer : LAYERS) {
            int before = targets.size();
            for (String set : BenchmarkPlan.STREAM_SETS) {
                JsonNode n = r.path("job_with_" + layer[0] + (set.equals("all") ? "" : "_" + set));
                if (n.isMissingNode()) {
                    continue;
                }
                String name = "job with " + layer[1] + " / job without, " + (set.equals("all") ? "all streams" : set
                        + " alone") + ", p=" + n.path("parallelism").asText();
                double ratio = n.path("ratio_without_jit").asDouble(Double.NaN);
                int pairs = n.path("pair_ratios").size();
                targets.add(new Target(name, Double.isNaN(ratio) ? NOT_MEASURED : ratio >= LAYER_RATIO ? MET : NOT_MET,
                        ratio, n.path("ratio").asDouble(Double.NaN), LAYER_RATIO, ">=", "x", String.format(
                        "median of %d pair%s, without then with the layer; the pairs %s, all threads %s", pairs,
                        pairs == 1 ? "" : "s",
                        n.path("pair_ratios_without_jit").isMissingNode() ? "?" : n.path("pair_ratios_without_jit"),
                        n.path("pair_ratios"))));
            }
            if (targets.size() == before) {
                targets.add(notMeasured("job with " + layer[1] + " / job without", LAYER_RATIO, ">=", "x",
                        "not in this run's --layers"
                                + (layer[0].equals("model_score") ? " (or --model none)" : "")));
            }
        }
        targets.add(latency(r));
        targets.add(statePerSymbol(r));
        return targets;
    }

    /**
     * The job's events per CPU-second on ClickHouse's mix (trades and order log), from its trades and
     * orders runs at p=1: their steady events together over their steady CPU together.
     */
    private static Target clickHouse(JsonNode r, JsonNode p1) {
        String name = "job / ClickHouse per CPU-second, trades and order log";
        JsonNode ch = r.path("clickhouse");
        JsonNode trades = p1.path("trades");
        JsonNode orders = p1.path("orders");
        if (ch.isMissingNode() || ch.has("skipped")) {
            return notMeasured(name, CLICKHOUSE_LEAD, ">=", "x", "ClickHouse "
                    + (ch.has("skipped") ? "skipped: " + ch.path("skipped").asText() : "not run"));
        }
        if (!ch.has("insert_and_query_events_per_cpu_s")) {
            return notMeasured(name, CLICKHOUSE_LEAD, ">=", "x", "the ClickHouse server's CPU is known only for a "
                    + "local server (--clickhouse auto)");
        }
        if (!trades.has("steady_cpu_s") || !orders.has("steady_cpu_s")) {
            return notMeasured(name, CLICKHOUSE_LEAD, ">=", "x", "the job's trades and orders runs at p=1 are both"
                    + " needed (--streams, --parallelism)");
        }
        double events = trades.path("steady_events").asDouble() + orders.path("steady_events").asDouble();
        double cpu = trades.path("steady_cpu_s").asDouble() + orders.path("steady_cpu_s").asDouble();
        double jit = trades.path("steady_jit_cpu_s").asDouble() + orders.path("steady_jit_cpu_s").asDouble();
        double job = RunMeasure.perCpuSecondWithoutJit(events, cpu, jit);
        double jobAllThreads = events / cpu;
        double clickHouse = ch.path("insert_and_query_events_per_cpu_s").asDouble();
        double lead = job / clickHouse;
        return new Target(name, Double.isNaN(lead) ? NOT_MEASURED : lead >= CLICKHOUSE_LEAD ? MET : NOT_MET, lead,
                jobAllThreads / clickHouse, CLICKHOUSE_LEAD, ">=", "x", String.format(
                "ClickHouse %s: %,.0f events per CPU-s of its server (insert and statistics of %,d events); the job "
                        + "on the same mix %,.0f (all threads %,.0f), from its trades and orders runs at p=1: their "
                        + "steady events together (%,.0f + %,.0f) over their steady CPU together (%.2f + %.2f s, of "
                        + "which JIT %.2f + %.2f s)", ch.path("server_version").asText(), clickHouse,
                ch.path("events").asLong(), job, jobAllThreads, trades.path("steady_events").asDouble(),
                orders.path("steady_events").asDouble(), trades.path("steady_cpu_s").asDouble(),
                orders.path("steady_cpu_s").asDouble(), trades.path("steady_jit_cpu_s").asDouble(),
                orders.path("steady_jit_cpu_s").asDouble()));
    }

    private static Target latency(JsonNode r) {
        String name = String.format("p99 latency, window end to candle at the sink, at %,.0f events/s", RATE);
        JsonNode lat = r.path("latency");
        if (lat.isMissingNode()) {
            return notMeasured(name, P99_MS, "<", "ms", "no paced run (--latency false)");
        }
        double p99 = lat.path("p99_ms").asDouble(Double.NaN);
        double rate = lat.path("events_per_s").asDouble();
        if (Double.isNaN(p99)) {
            return notMeasured(name, P99_MS, "<", "ms", "no candle measured: " + lat.path("note").asText());
        }
        String detail = String.format("%,d candles at %,.0f events/s, parallelism %s (arrival at the benchmark's"
                        + " sink writer, no transaction); p50 %s ms, max %s ms",
                lat.path("candles_measured").asLong(), rate, lat.path("parallelism").asText(),
                lat.path("p50_ms").asText(), lat.path("max_ms").asText());
        if (rate < RATE) {
            return new Target(name, NOT_MEASURED, p99, Double.NaN, P99_MS, "<", "ms", detail
                    + String.format(": below the target's rate (--rate %,.0f or more)", RATE));
        }
        return new Target(name, p99 < P99_MS ? MET : NOT_MET, p99, Double.NaN, P99_MS, "<", "ms", detail);
    }

    private static Target statePerSymbol(JsonNode r) {
        String name = "state per symbol";
        long bytes = r.path("latency").path("state_savepoint_bytes").asLong(-1);
        long symbols = r.path("plan").path("symbols").asLong();
        if (bytes < 0 || symbols <= 0) {
            return notMeasured(name, Double.NaN, "", "bytes", "no savepoint: it is taken in the paced run"
                    + " (--latency true)");
        }
        return new Target(name, REPORTED, (double) bytes / symbols, Double.NaN, Double.NaN, "", "bytes",
                String.format("a canonical savepoint mid-run of the paced run (parallelism %s): %,d bytes / %,d symbols",
                        r.path("latency").path("parallelism").asText(), bytes, symbols));
    }

    private static Target notMeasured(String name, double limit, String comparison, String unit, String why) {
        return new Target(name, NOT_MEASURED, Double.NaN, Double.NaN, limit, comparison, unit, why);
    }

    private static String firstParallelism(JsonNode r) {
        var names = r.path("job").fieldNames();
        return names.hasNext() ? names.next().substring("parallelism_".length()) : "1";
    }

    /** The targets as results.json keeps them: name, measured, limit, met (null: not measured or reported). */
    static ArrayNode json(List<Target> targets) {
        ArrayNode array = JSON.createArrayNode();
        for (Target t : targets) {
            ObjectNode node = array.addObject();
            node.put("name", t.name());
            number(node, "measured", t.measured());
            number(node, "limit", t.limit());
            if (t.met() == null) {
                node.putNull("met");
            } else {
                node.put("met", t.met());
            }
            node.put("status", t.status());
            node.put("comparison", t.comparison());
            node.put("unit", t.unit());
            number(node, "measured_all_threads", t.allThreads());
            node.put("detail", t.detail());
        }
        return array;
    }

    private static void number(ObjectNode node, String field, double v) {
        if (Double.isNaN(v)) {
            node.putNull(field);
        } else {
            node.put(field, Benchmark.round(v));
        }
    }

    /**
     * One line of the report: status, what and its limit, then the measured figure (and all threads) and
     * how it was measured, or why it was not.
     */
    static String line(Target t) {
        StringBuilder s = new StringBuilder("- **").append(t.status()).append("**: ").append(t.name());
        if (!Double.isNaN(t.limit())) {
            s.append(", ").append(t.comparison()).append(' ').append(t.unit().equals("x")
                    ? String.format("%.1f", t.limit()) : figure(t.limit(), t.unit()));
        }
        s.append(": ");
        if (!Double.isNaN(t.measured())) {
            s.append(figure(t.measured(), t.unit()));
            if (!Double.isNaN(t.allThreads())) {
                s.append(" (all threads ").append(figure(t.allThreads(), t.unit())).append(')');
            }
            s.append("; ");
        }
        return s.append(t.detail()).append('.').toString();
    }

    static String figure(double v, String unit) {
        return switch (unit) {
            case "x" -> String.format("%.3f", v);
            case "ms" -> String.format("%.1f ms", v);
            default -> String.format("%,.0f %s", v, unit);
        };
    }
}
