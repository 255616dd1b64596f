package com.supercandles.jobs.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The backtest's text table per (symbol, period): quantstats' metrics rows, one column per strategy. */
public final class MetricsTable {
    private static final int LABEL_WIDTH = 20;

    private MetricsTable() {}

    public static String render(StrategySeries results) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        for (Map.Entry<String, Map<String, StrategySeries.Series>> e : results.bySymbolAndPeriod.entrySet()) {
            List<StrategySeries.Series> columns = new ArrayList<>(e.getValue().values());
            StrategySeries.Series first = columns.get(0);
            out.append(String.format(Locale.ROOT, "%s: %d bars, %s (%s)%n", e.getKey(), first.equity.size(),
                    UtcTime.range(first.start, first.windowEnds.get(first.windowEnds.size() - 1)),
                    UtcTime.duration(first.spanMillis())));
            ScoreTable table = new ScoreTable(columns);
            int width = 16;
            for (String s : table.strategies) {
                width = Math.max(width, s.length() + 2);
            }
            out.append(String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s", "Strategy"));
            for (String s : table.strategies) {
                out.append(String.format(Locale.ROOT, "%" + width + "s", s));
            }
            out.append(nl).append("-".repeat(LABEL_WIDTH + width * columns.size())).append(nl);
            for (List<String> row : table.rows) {
                out.append(String.format(Locale.ROOT, "%-" + LABEL_WIDTH + "s", row.get(0)));
                for (String cell : row.subList(1, row.size())) {
                    out.append(String.format(Locale.ROOT, "%" + width + "s", cell));
                }
                out.append(nl);
            }
            if (table.note() != null) {
                wrap(out, table.note(), Math.max(100, LABEL_WIDTH + width * columns.size()));
            }
            out.append(nl);
        }
        return out.toString();
    }

    private static void wrap(StringBuilder out, String text, int width) {
        int lineStart = out.length();
        for (String word : text.split(" ")) {
            if (out.length() > lineStart && out.length() - lineStart + 1 + word.length() > width) {
                out.append(System.lineSeparator());
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(' ');
            }
            out.append(word);
        }
        out.append(System.lineSeparator());
    }
}
