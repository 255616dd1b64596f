package com.supercandles.jobs.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.signal.SignalJson;

import java.util.Locale;
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
        public final List<Long> windowEnds = new ArrayList<>();
        public final List<Double> equity = new ArrayList<>();
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
                series.windowEnds.add(r.get("window_end").asLong());
                series.equity.add(r.get("equity").asDouble());
                series.last = r;
            }
        }
        return s;
    }

    /** The score rows of quantstats' metrics table: label, record field, shown as a percentage. */
    public static final String[][] ROWS = {
        {"Total Return", "total_return", "%"},
        {"CAGR", "cagr", "%"},
        {"Sharpe", "sharpe", ""},
        {"Smart Sharpe", "smart_sharpe", ""},
        {"Sortino", "sortino", ""},
        {"Smart Sortino", "smart_sortino", ""},
        {"Sortino/\u221a2", "sortino_sqrt2", ""},
        {"Prob. Sharpe Ratio", "prob_sharpe", "%"},
        {"Omega", "omega", ""},
        {"Max Drawdown", "max_drawdown", "%"},
        {"Time in Market", "time_in_market", "%"},
    };

    static {
        if (ROWS.length != SignalJson.SCORES.length) {
            throw new IllegalStateException("the metrics table must show every score of the signal record");
        }
    }

    /** A score as quantstats prints it: percentages with 2 decimals, ratios with 2, null as "-". */
    public static String format(double v, boolean percent) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return percent ? String.format(Locale.ROOT, "%.2f%%", v * 100) : String.format(Locale.ROOT, "%.2f", v);
    }
}
