package com.supercandles.jobs.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.signal.SignalFields;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backtest's signal records read back, per (symbol, period) and strategy: the equity curve bar by bar
 * and the last record, whose scores are the strategy's over the whole run.
 */
public final class StrategySeries {
    /** One strategy of one (symbol, period). */
    public static final class Series {
        public final String strategy;
        /** The first bar's start: with the last window end, the span the sample covers. */
        public long start;
        public final List<Long> windowEnds = new ArrayList<>();
        public final List<Double> equity = new ArrayList<>();
        /** The close the strategy traded at (carried over bars without a trade; NaN before the first). */
        public final List<Double> closes = new ArrayList<>();
        /** The position held after each bar: -1, 0 or 1. */
        public final List<Integer> positions = new ArrayList<>();
        /** The last record: scores over the whole run, as JSON. */
        public JsonNode last;

        Series(String strategy) {
            this.strategy = strategy;
        }

        /** {@code equity_i / max(1, max_{j<=i} equity_j) - 1}, bar by bar. */
        public List<Double> drawdown() {
            List<Double> out = new ArrayList<>(equity.size());
            double peak = 1;
            for (double e : equity) {
                peak = Math.max(peak, e);
                out.add(e / peak - 1);
            }
            return out;
        }

        public double score(String name) {
            JsonNode v = last.get(name);
            return v == null || v.isNull() ? Double.NaN : v.asDouble();
        }

        public long trades() {
            return last.get("trades").asLong();
        }

        /** From the first bar's start to the last bar's end. */
        public long spanMillis() {
            return windowEnds.get(windowEnds.size() - 1) - start;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Strategies in the order they first appear, per {@code symbol period} in name order. */
    public final Map<String, Map<String, Series>> bySymbolAndPeriod = new TreeMap<>();

    public static StrategySeries read(Path signals) throws IOException {
        StrategySeries s = new StrategySeries();
        try (BufferedReader in = Files.newBufferedReader(signals, StandardCharsets.UTF_8)) {
            List<JsonNode> records = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
            // the job writes keys interleaved; within a key, in window order
            records.sort((a, b) -> Long.compare(a.get("window_start").asLong(), b.get("window_start").asLong()));
            for (JsonNode r : records) {
                String key = r.get("symbol").asText() + " " + r.get("period").asText();
                Series series = s.bySymbolAndPeriod.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.get("strategy").asText(), Series::new);
                if (series.windowEnds.isEmpty()) {
                    series.start = r.get("window_start").asLong();
                }
                series.windowEnds.add(r.get("window_end").asLong());
                series.equity.add(r.get("equity").asDouble());
                JsonNode close = r.get("close");
                series.closes.add(close == null || close.isNull() ? Double.NaN : close.asDouble());
                series.positions.add(r.get("position").asInt());
                series.last = r;
            }
        }
        return s;
    }

    /** One score row of quantstats' metrics table: its label, the record's field, how it is shown. */
    public record Score(String label, String field, boolean percent, boolean annualised) {}

    /** The rows in quantstats' order; the annualised ones scale by the bars per year. */
    public static final List<Score> ROWS = List.of(
            new Score("Total Return", "total_return", true, false),
            new Score("CAGR", "cagr", true, true),
            new Score("Sharpe", "sharpe", false, true),
            new Score("Smart Sharpe", "smart_sharpe", false, true),
            new Score("Sortino", "sortino", false, true),
            new Score("Smart Sortino", "smart_sortino", false, true),
            new Score("Sortino/\u221a2", "sortino_sqrt2", false, true),
            new Score("Prob. Sharpe Ratio", "prob_sharpe", true, false),
            new Score("Omega", "omega", false, false),
            new Score("Max Drawdown", "max_drawdown", true, false),
            new Score("Time in Market", "time_in_market", true, false));

    static {
        if (ROWS.size() != SignalFields.SCORES.length) {
            throw new IllegalStateException("the metrics table must show every score of the signal record");
        }
    }
}
