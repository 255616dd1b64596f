package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The spec's execution-probability / price-impact / tick-impact figures computed the plain way for
 * tests: for every candle close, take the raw trades of the lookback again, bucket them, and apply
 * each definition literally. Shares no code with the job.
 */
final class ReferenceExecutionModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceExecutionModel() {}

    /** Records keyed by {@code symbol|side|window_start}, fields by their JSON names. */
    static Map<String, Map<String, Object>> compute(Path dir, long periodMs, String period, long lookbackMs,
                                                    long bucketMs, double tick, double[] depths) throws IOException {
        List<JsonNode> trades = new ArrayList<>();
        TreeSet<String> windows = new TreeSet<>();
        for (String file : new String[] {"trades.jsonl", "orders.jsonl", "book.jsonl"}) {
            Path path = dir.resolve(file);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                JsonNode e = JSON.readTree(line);
                boolean isTrade = e.get("type").asText().equals("trade");
                if (isTrade && !(e.get("qty").asDouble() > 0 && e.get("price").asDouble() > 0)) {
                    continue; // the contract rejects these
                }
                long ts = e.get("ts").asLong();
                windows.add(e.get("symbol").asText() + "|" + String.format("%020d", ts - Math.floorMod(ts, periodMs)));
                if (isTrade) {
                    trades.add(e);
                }
            }
        }
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (String w : windows) {
            String symbol = w.split("\\|")[0];
            long start = Long.parseLong(w.split("\\|")[1]);
            long end = start + periodMs;
            for (String side : new String[] {"B", "S"}) {
                List<JsonNode> mine = new ArrayList<>();
                for (JsonNode t : trades) {
                    long ts = t.get("ts").asLong();
                    if (t.get("symbol").asText().equals(symbol) && t.get("side").asText().equals(side)
                            && ts >= end - lookbackMs && ts < end) {
                        mine.add(t);
                    }
                }
                mine.sort(Comparator.comparingLong(t -> t.get("ts").asLong())); // stable: ties keep file order
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("symbol", symbol);
                r.put("side", side);
                r.put("period", period);
                r.put("window_start", start);
                r.put("window_end", end);
                r.put("lookback_ms", lookbackMs);
                r.put("bucket_ms", bucketMs);
                figures(r, mine, bucketMs, tick, depths);
                out.put(symbol + "|" + side + "|" + start, r);
            }
        }
        return out;
    }

    private static double p(double alpha, double x) {
        return Math.pow((1 + Math.pow(20, -x)) * x + 1, alpha);
    }

    private static void figures(Map<String, Object> r, List<JsonNode> trades, long bucketMs, double tick, double[] depths) {
        TreeMap<Long, List<JsonNode>> buckets = new TreeMap<>();
        TreeMap<Long, List<JsonNode>> groups = new TreeMap<>();
        for (JsonNode t : trades) {
            long ts = t.get("ts").asLong();
            buckets.computeIfAbsent(Math.floorDiv(ts, bucketMs), k -> new ArrayList<>()).add(t);
            groups.computeIfAbsent(ts, k -> new ArrayList<>()).add(t);
        }
        int n = buckets.size();
        double[] v = new double[n];
        double[] dp = new double[n];
        int i = 0;
        for (List<JsonNode> b : buckets.values()) {
            for (JsonNode t : b) {
                v[i] += t.get("qty").asDouble();
            }
            dp[i] = b.get(b.size() - 1).get("price").asDouble() - b.get(0).get("price").asDouble();
            i++;
        }
        long[] ticks = new long[5];
        for (List<JsonNode> g : groups.values()) {
            double move = Math.abs(g.get(g.size() - 1).get("price").asDouble() - g.get(0).get("price").asDouble());
            ticks[(int) Math.min(4, Math.round(move / tick))]++;
        }
        long moving = Arrays.stream(dp).filter(d -> d != 0).count();
        boolean enough = n >= 10;
        double m = enough ? Arrays.stream(v).sum() / n : Double.NaN;
        double pM = enough ? (double) Arrays.stream(v).filter(x -> x > m).count() / n : Double.NaN;
        boolean model = enough && pM > 0 && pM < 1;
        double alpha = model ? Math.log(pM) / Math.log(2.05) : Double.NaN;

        r.put("n", (long) n);
        r.put("m", nullable(m));
        r.put("p_m", nullable(pM));
        r.put("alpha", nullable(alpha));
        List<Object> multiples = new ArrayList<>();
        List<Object> probabilities = new ArrayList<>();
        for (double q : depths) {
            multiples.add(q);
            probabilities.add(model ? p(alpha, q) : null);
        }
        r.put("depth_multiples", multiples);
        r.put("fill_probability", probabilities);
        Double fit = null;
        if (model) {
            double worst = 0;
            for (int k = 0; k <= 50; k++) {
                double q = k * m / 10.0;
                double tail = 0;
                for (double x : v) {
                    tail += x > q ? 1 : 0;
                }
                worst = Math.max(worst, Math.abs(p(alpha, k / 10.0) - tail / n));
            }
            fit = worst;
        }
        r.put("fit_error", fit);
        r.put("impact_buckets", moving);
        Double a = null;
        Double b = null;
        Double qStar = null;
        Double gStar = null;
        if (model && moving >= 3) {
            double mx = 0;
            double my = 0;
            for (int j = 0; j < n; j++) {
                if (dp[j] != 0) {
                    mx += v[j] / moving;
                    my += dp[j] / moving;
                }
            }
            double num = 0;
            double den = 0;
            for (int j = 0; j < n; j++) {
                if (dp[j] != 0) {
                    num += (v[j] - mx) * (dp[j] - my);
                    den += (v[j] - mx) * (v[j] - mx);
                }
            }
            if (den > 0) {
                b = num / den;
                a = my - b * mx;
                double best = Double.NEGATIVE_INFINITY;
                for (int k = 0; k <= 50; k++) {
                    double q = k * m / 10.0;
                    double g = p(alpha, k / 10.0) * (a + b * q);
                    if (g > best) {
                        best = g;
                        qStar = q;
                    }
                }
                gStar = best;
            }
        }
        r.put("impact_a", a);
        r.put("impact_b", b);
        r.put("q_star", qStar);
        r.put("g_star", gStar);
        long groupCount = Arrays.stream(ticks).sum();
        r.put("tick_groups", groupCount);
        List<Object> fractions = new ArrayList<>();
        for (long t : ticks) {
            fractions.add(enough && groupCount > 0 ? (double) t / groupCount : null);
        }
        r.put("tick_fractions", fractions);
    }

    private static Double nullable(double x) {
        return Double.isNaN(x) ? null : x;
    }
}
