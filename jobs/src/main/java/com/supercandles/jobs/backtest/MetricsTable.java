package com.supercandles.jobs.backtest;

import java.util.Locale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The backtest's text table per (symbol, period): quantstats' metrics rows, one column per strategy. */
public final class MetricsTable {
    private MetricsTable() {}

    public static String render(StrategySeries results) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Map<String, StrategySeries.Series>> e : results.bySymbolAndPeriod.entrySet()) {
            List<StrategySeries.Series> columns = new ArrayList<>(e.getValue().values());
            StrategySeries.Series first = columns.get(0);
            out.append(String.format(Locale.ROOT, "%s: %d bars, %s to %s%n", e.getKey(), first.equity.size(),
                    Instant.ofEpochMilli(first.windowEnds.get(0)), Instant.ofEpochMilli(first.windowEnds.get(first.windowEnds.size() - 1))));
            int width = 16;
            for (StrategySeries.Series s : columns) {
                width = Math.max(width, s.strategy.length() + 2);
            }
            out.append(String.format(Locale.ROOT, "%-20s", "Strategy"));
            for (StrategySeries.Series s : columns) {
                out.append(String.format(Locale.ROOT, "%" + width + "s", s.strategy));
            }
            out.append(System.lineSeparator()).append("-".repeat(20 + width * columns.size())).append(System.lineSeparator());
            for (String[] row : StrategySeries.ROWS) {
                out.append(String.format(Locale.ROOT, "%-20s", row[0]));
                for (StrategySeries.Series s : columns) {
                    out.append(String.format(Locale.ROOT, "%" + width + "s", StrategySeries.format(s.score(row[1]), !row[2].isEmpty())));
                }
                out.append(System.lineSeparator());
            }
            out.append(String.format(Locale.ROOT, "%-20s", "Trades"));
            for (StrategySeries.Series s : columns) {
                out.append(String.format(Locale.ROOT, "%" + width + "d", s.last.get("trades").asLong()));
            }
            out.append(System.lineSeparator()).append(System.lineSeparator());
        }
        return out.toString();
    }
}
