package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A second, deliberately plain implementation of {@code supercandles.md} for tests: it reads the
 * recorded files with Jackson's tree model, buffers each window's events and applies each field's
 * definition literally (two-pass standard deviation, stable sort for open/close, cumulative sums for
 * the depth VWAP). It shares no code with the job.
 */
public final class ReferenceSuperCandles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceSuperCandles() {}

    /**
     * The lines of the recorded files that the contract forbids: here, trades and orders without a
     * positive price and qty (the only kind of bad record the recorded data holds).
     */
    static List<String> forbiddenLines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String file : new String[] {"trades.jsonl", "orders.jsonl", "book.jsonl"}) {
            Path path = dir.resolve(file);
            if (Files.exists(path)) {
                for (String line : Files.readAllLines(path)) {
                    if (!allowed(JSON.readTree(line))) {
                        out.add(line);
                    }
                }
            }
        }
        return out;
    }

    private static boolean allowed(JsonNode e) {
        return e.get("type").asText().equals("book") || (price(e) > 0 && qty(e) > 0);
    }

    /** Candles keyed by {@code symbol|window_start}, each a map from field name to Long, Double, String or null. */
    public static Map<String, Map<String, Object>> compute(Path dir, long periodMs, String periodLabel, double lot,
                                                    double depthNotional) throws IOException {
        List<JsonNode> gaps = gaps(dir);
        Map<String, List<JsonNode>> byWindow = new TreeMap<>();
        for (String file : new String[] {"trades.jsonl", "orders.jsonl", "book.jsonl"}) {
            Path path = dir.resolve(file);
            if (!Files.exists(path)) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(path)) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode e = JSON.readTree(line);
                    if (!allowed(e)) {
                        continue;
                    }
                    long ts = e.get("ts").asLong();
                    long start = ts - Math.floorMod(ts, periodMs);
                    byWindow.computeIfAbsent(e.get("symbol").asText() + "|" + start, k -> new ArrayList<>()).add(e);
                }
            }
        }
        Map<String, Map<String, Object>> candles = new TreeMap<>();
        for (Map.Entry<String, List<JsonNode>> w : byWindow.entrySet()) {
            String[] key = w.getKey().split("\\|");
            long start = Long.parseLong(key[1]);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("symbol", key[0]);
            c.put("period", periodLabel);
            c.put("window_start", start);
            c.put("window_end", start + periodMs);
            List<JsonNode> trades = select(w.getValue(), e -> e.get("type").asText().equals("trade"));
            tradeFields(c, trades, lot);
            for (String action : new String[] {"put", "cancel"}) {
                List<JsonNode> orders = select(w.getValue(),
                        e -> e.get("type").asText().equals("order") && e.get("action").asText().equals(action));
                orderFields(c, action, orders, lot);
            }
            bookFields(c, select(w.getValue(), e -> e.get("type").asText().equals("book")), lot, depthNotional);
            c.put("gap", overlapsAGap(gaps, key[0], start, start + periodMs));
            c.put("orders_source", ordersSource(select(w.getValue(), e -> e.get("type").asText().equals("order"))));
            candles.put(w.getKey(), c);
        }
        return candles;
    }

    /** extended.md: derived when any order of the window is marked {@code "source":"derived"}, log for others, null for none. */
    private static String ordersSource(List<JsonNode> orders) {
        if (orders.isEmpty()) {
            return null;
        }
        for (JsonNode o : orders) {
            if (o.has("source") && o.get("source").asText().equals("derived")) {
                return "derived";
            }
        }
        return "log";
    }

    /** The gap records of {@code gaps.jsonl} beside the stream files (none without it). */
    private static List<JsonNode> gaps(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Path path = dir.resolve("gaps.jsonl");
        if (Files.exists(path)) {
            for (String line : Files.readAllLines(path)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    /**
     * Whether [start, end) meets a gap's [from, to] of the symbol (both ends are event times the feed
     * saw, so both belong to the gap); a missing end is the other end.
     */
    private static boolean overlapsAGap(List<JsonNode> gaps, String symbol, long start, long end) {
        for (JsonNode g : gaps) {
            if (!g.get("symbol").asText().equals(symbol)) {
                continue;
            }
            JsonNode fromNode = g.get("from");
            JsonNode toNode = g.get("to");
            long from = fromNode == null || fromNode.isNull() ? toNode.asLong() : fromNode.asLong();
            long to = toNode == null || toNode.isNull() ? from : toNode.asLong();
            boolean disjoint = to < start || from >= end;
            if (!disjoint) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> select(List<JsonNode> events, Predicate<JsonNode> p) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (p.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static double price(JsonNode e) {
        return e.get("price").asDouble();
    }

    private static double qty(JsonNode e) {
        return e.get("qty").asDouble();
    }

    private static boolean isBuy(JsonNode e) {
        return e.get("side").asText().equals("B");
    }

    /** vol, vol_b, vol_s, val, val_b, val_s of a list of trades or orders, summed in file order. */
    private static double[] sums(List<JsonNode> events, double lot) {
        double[] s = new double[6];
        for (JsonNode e : events) {
            double v = price(e) * qty(e) * lot;
            int side = isBuy(e) ? 1 : 2;
            s[0] += qty(e);
            s[side] += qty(e);
            s[3] += v;
            s[3 + side] += v;
        }
        return s;
    }

    private static void tradeFields(Map<String, Object> c, List<JsonNode> trades, double lot) {
        long n = trades.size();
        long nb = trades.stream().filter(ReferenceSuperCandles::isBuy).count();
        double[] sums = sums(trades, lot);
        double vol = sums[0], volB = sums[1], volS = sums[2], val = sums[3], valB = sums[4], valS = sums[5];
        c.put("trades", n);
        c.put("trades_b", nb);
        c.put("trades_s", n - nb);
        c.put("vol", vol);
        c.put("vol_b", volB);
        c.put("vol_s", volS);
        c.put("val", val);
        c.put("val_b", valB);
        c.put("val_s", valS);
        if (n == 0) {
            for (String f : new String[] {"pr_open", "pr_close", "pr_high", "pr_low", "pr_vwap", "pr_vwap_b",
                    "pr_vwap_s", "pr_change", "pr_std", "disb"}) {
                c.put(f, null);
            }
            return;
        }
        List<JsonNode> byTime = new ArrayList<>(trades);
        byTime.sort(Comparator.comparingLong(t -> t.get("ts").asLong())); // stable: ties stay in file order
        double open = price(byTime.get(0));
        double close = price(byTime.get(byTime.size() - 1));
        double high = trades.stream().mapToDouble(ReferenceSuperCandles::price).max().getAsDouble();
        double low = trades.stream().mapToDouble(ReferenceSuperCandles::price).min().getAsDouble();
        double vwap = val / (vol * lot);
        double mean = trades.stream().mapToDouble(ReferenceSuperCandles::price).sum() / n;
        double squares = 0;
        for (JsonNode t : trades) {
            squares += (price(t) - mean) * (price(t) - mean);
        }
        c.put("pr_open", open);
        c.put("pr_close", close);
        c.put("pr_high", high);
        c.put("pr_low", low);
        c.put("pr_vwap", vwap);
        c.put("pr_vwap_b", volB > 0 ? valB / (volB * lot) : null);
        c.put("pr_vwap_s", volS > 0 ? valS / (volS * lot) : null);
        c.put("pr_change", 100 * (close - open) / open);
        c.put("pr_std", n == 1 ? 0.0 : Math.sqrt(squares / n) / vwap);
        c.put("disb", (volB - volS) / vol);
    }

    private static void orderFields(Map<String, Object> c, String prefix, List<JsonNode> orders, double lot) {
        long n = orders.size();
        long nb = orders.stream().filter(ReferenceSuperCandles::isBuy).count();
        double[] sums = sums(orders, lot);
        double vol = sums[0], volB = sums[1], volS = sums[2], val = sums[3], valB = sums[4], valS = sums[5];
        c.put(prefix + "_orders", n);
        c.put(prefix + "_orders_b", nb);
        c.put(prefix + "_orders_s", n - nb);
        c.put(prefix + "_vol", vol);
        c.put(prefix + "_vol_b", volB);
        c.put(prefix + "_vol_s", volS);
        c.put(prefix + "_val", val);
        c.put(prefix + "_val_b", valB);
        c.put(prefix + "_val_s", valS);
        c.put(prefix + "_vwap_b", volB > 0 ? valB / (volB * lot) : null);
        c.put(prefix + "_vwap_s", volS > 0 ? valS / (volS * lot) : null);
    }

    private static final String[] BOOK_FIELDS = {"spread_bbo", "spread_lv10", "spread_1mio", "levels_b", "levels_s",
            "ob_vol_b", "ob_vol_s", "ob_val_b", "ob_val_s", "imbalance_vol", "imbalance_val", "imbalance_vol_bbo",
            "imbalance_val_bbo", "vwap_b", "vwap_s", "vwap_b_1mio", "vwap_s_1mio"};

    private static void bookFields(Map<String, Object> c, List<JsonNode> books, double lot, double depth) {
        c.put("book_snapshots", (long) books.size());
        Map<String, List<Double>> defined = new LinkedHashMap<>();
        for (String f : BOOK_FIELDS) {
            defined.put(f, new ArrayList<>());
        }
        for (JsonNode b : books) {
            Map<String, Double> m = snapshot(b.get("bids"), b.get("asks"), lot, depth);
            for (String f : BOOK_FIELDS) {
                if (m.get(f) != null) {
                    defined.get(f).add(m.get(f));
                }
            }
        }
        for (String f : BOOK_FIELDS) {
            List<Double> values = defined.get(f);
            c.put(f, values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum() / values.size());
        }
    }

    private static Map<String, Double> snapshot(JsonNode bids, JsonNode asks, double lot, double depth) {
        Map<String, Double> m = new LinkedHashMap<>();
        double volB = sumQty(bids), volS = sumQty(asks), valB = sumValue(bids, lot), valS = sumValue(asks, lot);
        m.put("levels_b", (double) bids.size());
        m.put("levels_s", (double) asks.size());
        m.put("ob_vol_b", volB);
        m.put("ob_vol_s", volS);
        m.put("ob_val_b", valB);
        m.put("ob_val_s", valS);
        m.put("vwap_b", bids.size() > 0 ? valB / (volB * lot) : null);
        m.put("vwap_s", asks.size() > 0 ? valS / (volS * lot) : null);
        Double vb = depthVwap(bids, lot, depth);
        Double vs = depthVwap(asks, lot, depth);
        m.put("vwap_b_1mio", vb);
        m.put("vwap_s_1mio", vs);
        if (bids.size() > 0 && asks.size() > 0) {
            double pb1 = bids.get(0).get(0).asDouble(), qb1 = bids.get(0).get(1).asDouble();
            double pa1 = asks.get(0).get(0).asDouble(), qa1 = asks.get(0).get(1).asDouble();
            double mid = (pa1 + pb1) / 2;
            m.put("spread_bbo", (pa1 - pb1) / mid * 1e4);
            m.put("spread_lv10", bids.size() >= 10 && asks.size() >= 10
                    ? (asks.get(9).get(0).asDouble() - bids.get(9).get(0).asDouble()) / mid * 1e4 : null);
            m.put("spread_1mio", vb != null && vs != null ? (vs - vb) / mid * 1e4 : null);
            m.put("imbalance_vol", (volB - volS) / (volB + volS));
            m.put("imbalance_val", (valB - valS) / (valB + valS));
            m.put("imbalance_vol_bbo", (qb1 - qa1) / (qb1 + qa1));
            m.put("imbalance_val_bbo", (pb1 * qb1 - pa1 * qa1) / (pb1 * qb1 + pa1 * qa1));
        }
        return m;
    }

    private static double sumQty(JsonNode levels) {
        double s = 0;
        for (JsonNode l : levels) {
            s += l.get(1).asDouble();
        }
        return s;
    }

    private static double sumValue(JsonNode levels, double lot) {
        double s = 0;
        for (JsonNode l : levels) {
            s += l.get(0).asDouble() * l.get(1).asDouble() * lot;
        }
        return s;
    }

    /** Cumulative value per level; the first level where it reaches the notional is taken in part. */
    private static Double depthVwap(JsonNode levels, double lot, double notional) {
        double[] cumulative = new double[levels.size()];
        double running = 0;
        for (int i = 0; i < levels.size(); i++) {
            running += levels.get(i).get(0).asDouble() * levels.get(i).get(1).asDouble() * lot;
            cumulative[i] = running;
        }
        for (int k = 0; k < cumulative.length; k++) {
            if (cumulative[k] >= notional) {
                double before = k == 0 ? 0 : cumulative[k - 1];
                double qtyBefore = 0;
                for (int i = 0; i < k; i++) {
                    qtyBefore += levels.get(i).get(1).asDouble();
                }
                double partial = (notional - before) / (levels.get(k).get(0).asDouble() * lot);
                return notional / ((qtyBefore + partial) * lot);
            }
        }
        return null;
    }
}
