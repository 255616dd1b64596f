package com.supercandles.jobs.backtest;

import java.util.Locale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The backtest's report: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched)
 * with, per (symbol, period), the metrics table, the equity curves and the drawdowns of every strategy.
 *
 * <p>Each chart is an {@code <svg class="chart">} whose {@code data-y-min}, {@code data-y-max} and
 * {@code data-plot} (left, top, width, height) state its scale, and each curve a {@code <polyline
 * data-strategy="...">} with a point per bar, so a reader (or a test) can read the values back.
 */
public final class HtmlReport {
    static final int WIDTH = 900;
    static final int HEIGHT = 300;
    static final int LEFT = 70;
    static final int TOP = 12;
    static final int PLOT_WIDTH = 800;
    static final int PLOT_HEIGHT = 240;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"};

    private HtmlReport() {}

    public static String render(StrategySeries results, String title) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:24px;color:#222}"
                        + "table{border-collapse:collapse;margin:8px 0 16px}td,th{padding:3px 10px;text-align:right;"
                        + "border-bottom:1px solid #ddd}th:first-child,td:first-child{text-align:left}"
                        + "svg{background:#fafafa;border:1px solid #ddd;margin:4px 0 16px}.legend span{margin-right:16px}"
                        + "</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        h.append("<p>Paper strategies scored as quantstats scores them; returns after commission, one return per bar.</p>\n");
        for (Map.Entry<String, Map<String, StrategySeries.Series>> e : results.bySymbolAndPeriod.entrySet()) {
            List<StrategySeries.Series> series = new ArrayList<>(e.getValue().values());
            h.append("<section><h2>").append(escape(e.getKey())).append("</h2>\n");
            table(h, series);
            legend(h, series);
            h.append("<h3>Equity</h3>\n");
            chart(h, "equity", series, s -> s.equity);
            h.append("<h3>Drawdown</h3>\n");
            chart(h, "drawdown", series, StrategySeries.Series::drawdown);
            h.append("</section>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder h, List<StrategySeries.Series> series) {
        h.append("<table class=\"metrics\"><tr><th>Strategy</th>");
        for (StrategySeries.Series s : series) {
            h.append("<th>").append(escape(s.strategy)).append("</th>");
        }
        h.append("</tr>\n");
        for (String[] row : StrategySeries.ROWS) {
            h.append("<tr><td>").append(escape(row[0])).append("</td>");
            for (StrategySeries.Series s : series) {
                h.append("<td>").append(StrategySeries.format(s.score(row[1]), !row[2].isEmpty())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("<tr><td>Trades</td>");
        for (StrategySeries.Series s : series) {
            h.append("<td>").append(s.last.get("trades").asLong()).append("</td>");
        }
        h.append("</tr></table>\n");
    }

    private static void legend(StringBuilder h, List<StrategySeries.Series> series) {
        h.append("<p class=\"legend\">");
        for (int i = 0; i < series.size(); i++) {
            h.append("<span style=\"color:").append(COLORS[i % COLORS.length]).append("\">&#9632; ")
                    .append(escape(series.get(i).strategy)).append("</span>");
        }
        h.append("</p>\n");
    }

    private static void chart(StringBuilder h, String kind, List<StrategySeries.Series> series,
                              Function<StrategySeries.Series, List<Double>> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (StrategySeries.Series s : series) {
            for (double v : values.apply(s)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(max > min)) { // a flat curve: give it some room
            double pad = Math.max(1e-6, Math.abs(max) * 1e-3);
            min -= pad;
            max += pad;
        }
        h.append(String.format(Locale.ROOT, "<svg class=\"chart\" data-kind=\"%s\" data-y-min=\"%s\" data-y-max=\"%s\""
                        + " data-plot=\"%d %d %d %d\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                kind, Double.toString(min), Double.toString(max), LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT, WIDTH, HEIGHT,
                WIDTH, HEIGHT));
        h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\" stroke=\"#bbb\"/>%n",
                LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT));
        for (int tick = 0; tick <= 4; tick++) {
            double v = min + (max - min) * tick / 4;
            double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * tick / 4.0;
            h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.2f\" y2=\"%.2f\" stroke=\"#eee\"/>"
                            + "<text x=\"%d\" y=\"%.2f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                    LEFT, LEFT + PLOT_WIDTH, y, y, LEFT - 6, y + 4,
                    kind.equals("drawdown") ? String.format(Locale.ROOT, "%.2f%%", v * 100) : String.format(Locale.ROOT, "%.4f", v)));
        }
        StrategySeries.Series first = series.get(0);
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                LEFT, TOP + PLOT_HEIGHT + 16, Instant.ofEpochMilli(first.windowEnds.get(0)),
                LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT + 16,
                Instant.ofEpochMilli(first.windowEnds.get(first.windowEnds.size() - 1))));
        for (int i = 0; i < series.size(); i++) {
            List<Double> v = values.apply(series.get(i));
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < v.size(); k++) {
                double x = LEFT + (v.size() == 1 ? 0 : PLOT_WIDTH * (double) k / (v.size() - 1));
                double y = TOP + PLOT_HEIGHT * (max - v.get(k)) / (max - min);
                points.append(k == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f,%.2f", x, y));
            }
            h.append(String.format(Locale.ROOT, "<polyline data-strategy=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\""
                    + " points=\"%s\"/>%n", escape(series.get(i).strategy), COLORS[i % COLORS.length], points));
        }
        h.append("</svg>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
