package com.supercandles.jobs.backtest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The backtest's report: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched).
 * It states the run's parameters, then per (symbol, period) the metrics table, the strategies that never
 * traded (listed, not drawn: their flat lines would hide one another), the close with each trading
 * strategy's entries and exits, and the equity curves and drawdowns of the strategies that traded.
 *
 * <p>The page is well-formed XML as well as HTML, so that a test can read it with the JDK's parser;
 * the charts state their scales ({@link SvgChart}).
 */
public final class HtmlReport {
    static final int CURVE_HEIGHT = 240;
    static final int PRICE_HEIGHT = 180;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"};
    private static final String STYLE = "body{font-family:sans-serif;margin:24px;color:#222;max-width:960px}"
            + "table{border-collapse:collapse;margin:8px 0 12px}td,th{padding:3px 10px;text-align:right;"
            + "border-bottom:1px solid #ddd}th:first-child,td:first-child{text-align:left}"
            + "table.parameters td{text-align:left}table.parameters th{white-space:nowrap}"
            + "table.parameters td.keys{color:#777;font-size:12px}"
            + ".note{color:#555;font-size:13px;max-width:900px}"
            + "svg.chart{background:#fafafa;border:1px solid #ddd;margin:2px 0 14px;font-size:11px}"
            + "svg.chart text{fill:#333}.x-tick line,.y-tick line{stroke:#e4e4e4}"
            + ".x-tick .context{fill:#777}.axis-title{font-size:12px;font-weight:bold}"
            + ".held.long{fill:#1a9850;fill-opacity:.10}.held.short{fill:#d73027;fill-opacity:.10}"
            + ".trade.long-entry{fill:#1a9850}.trade.short-entry{fill:#d73027}"
            + ".trade.exit{fill:white;stroke:#222;stroke-width:1.3}"
            + ".legend span{margin-right:18px;white-space:nowrap}.legend svg{vertical-align:middle;margin-right:4px}"
            + "h3{margin:18px 0 4px}h4{margin:8px 0 2px;font-size:14px}";

    private HtmlReport() {}

    public static String render(StrategySeries results, BacktestParameters parameters) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>")
                .append(escape(parameters.title())).append("</title>\n<style>").append(STYLE)
                .append("</style></head><body>\n<h1>").append(escape(parameters.title())).append("</h1>\n");
        h.append("<p>Paper strategies scored as quantstats scores them; returns after commission, one return per bar."
                + " Times are UTC; a bar is drawn at its close (its window's end).</p>\n");
        parameters(h, parameters.rows(results));
        for (Map.Entry<String, Map<String, StrategySeries.Series>> e : results.bySymbolAndPeriod.entrySet()) {
            section(h, e.getKey(), new ArrayList<>(e.getValue().values()));
        }
        return h.append("</body></html>\n").toString();
    }

    private static void parameters(StringBuilder h, List<BacktestParameters.Row> rows) {
        h.append("<h2>Parameters</h2>\n<table class=\"parameters\">\n");
        for (BacktestParameters.Row r : rows) {
            h.append("<tr><th>").append(escape(r.name())).append("</th><td class=\"value\">").append(escape(r.value()))
                    .append("</td><td class=\"keys\">").append(escape(r.keys())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** A strategy that traded, in the colour it keeps on every chart of its section. */
    private record Drawn(StrategySeries.Series series, String color) {}

    private static void section(StringBuilder h, String key, List<StrategySeries.Series> all) {
        StrategySeries.Series first = all.get(0);
        h.append("<section><h2>").append(escape(key)).append("</h2>\n<p>").append(first.equity.size()).append(" bars, ")
                .append(UtcTime.range(first.start, first.windowEnds.get(first.windowEnds.size() - 1))).append(" (")
                .append(UtcTime.duration(first.spanMillis())).append(")</p>\n");
        table(h, new ScoreTable(all));
        List<Drawn> traded = new ArrayList<>();
        List<String> idle = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).trades() > 0) {
                traded.add(new Drawn(all.get(i), COLORS[i % COLORS.length]));
            } else {
                idle.add(all.get(i).strategy);
            }
        }
        if (!idle.isEmpty()) {
            h.append("<p class=\"no-trades\"><b>No trades</b> (flat throughout, equity 1.00; not drawn):");
            for (int i = 0; i < idle.size(); i++) {
                h.append(i == 0 ? " " : ", ").append("<span data-strategy=\"").append(escape(idle.get(i))).append("\">")
                        .append(escape(idle.get(i))).append("</span>");
            }
            h.append("</p>\n");
        }
        TimeAxis axis = new TimeAxis(first.windowEnds, first.windowEnds.get(0) - first.start, SvgChart.MAX_TIME_TICKS);
        prices(h, first.closes, traded, axis);
        if (traded.isEmpty()) {
            h.append("<p>No strategy traded: no equity curve or drawdown to draw.</p>\n");
        } else {
            curves(h, traded, axis);
        }
        h.append("</section>\n");
    }

    /** The close once per strategy that traded, with its trades: one strategy's markers per chart stay legible. */
    private static void prices(StringBuilder h, List<Double> closes, List<Drawn> traded, TimeAxis axis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double c : closes) {
            if (!Double.isNaN(c)) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
        }
        if (lo > hi) {
            h.append("<p>No bar of this period had a trade: no price to draw.</p>\n");
            return;
        }
        if (traded.isEmpty()) {
            SvgChart chart = new SvgChart("price", PRICE_HEIGHT, axis, lo, hi, "Close price", "");
            chart.price(closes);
            h.append("<h3>Price</h3>\n").append(chart.render());
            return;
        }
        h.append("<h3>Price and trades</h3>\n<p class=\"legend\">");
        for (Trade.Kind kind : Trade.Kind.values()) {
            double tip = kind == Trade.Kind.LONG_ENTRY ? -5.5 : kind == Trade.Kind.SHORT_ENTRY ? 5.5 : 0;
            h.append("<span><svg width=\"14\" height=\"14\" viewBox=\"-7 -7 14 14\">")
                    .append(SvgChart.marker(kind, 0, tip, 1, "")).append("</svg>").append(kind.label).append("</span>");
        }
        for (String side : List.of("long", "short")) {
            h.append("<span><svg width=\"14\" height=\"14\"><rect class=\"held ").append(side)
                    .append("\" width=\"14\" height=\"14\"/></svg>").append(side).append(" held</span>");
        }
        h.append("<span>a reversal is drawn as the entry it makes</span></p>\n");
        for (Drawn d : traded) {
            List<Trade> trades = Trade.of(d.series);
            Map<Trade.Kind, Integer> byKind = new EnumMap<>(Trade.Kind.class);
            for (Trade t : trades) {
                byKind.merge(t.kind(), 1, Integer::sum);
            }
            h.append("<h4 style=\"color:").append(d.color).append("\">").append(escape(d.series.strategy)).append(": ")
                    .append(trades.size()).append(trades.size() == 1 ? " trade" : " trades").append(" (");
            String separator = "";
            for (Map.Entry<Trade.Kind, Integer> e : byKind.entrySet()) {
                h.append(separator).append(e.getKey().label).append(" ").append(e.getValue());
                separator = ", ";
            }
            h.append(")</h4>\n");
            SvgChart chart = new SvgChart("price", PRICE_HEIGHT, axis, lo, hi, "Close price", "");
            chart.price(closes);
            chart.trades(d.series.strategy, trades);
            h.append(chart.render());
        }
    }

    private static void curves(StringBuilder h, List<Drawn> traded, TimeAxis axis) {
        StringBuilder legend = new StringBuilder("<p class=\"legend\">");
        for (Drawn d : traded) {
            legend.append("<span style=\"color:").append(d.color).append("\">&#9632; ").append(escape(d.series.strategy))
                    .append("</span>");
        }
        legend.append("</p>\n");
        double lo = 1;
        double hi = 1;
        double deepest = 0;
        List<List<Double>> drawdowns = new ArrayList<>();
        for (Drawn d : traded) {
            for (double v : d.series.equity) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            List<Double> percent = new ArrayList<>();
            for (double v : d.series.drawdown()) {
                percent.add(v * 100);
                deepest = Math.min(deepest, v * 100);
            }
            drawdowns.add(percent);
        }
        SvgChart equity = new SvgChart("equity", CURVE_HEIGHT, axis, lo, hi, "Equity (start = 1)", "");
        SvgChart drawdown = new SvgChart("drawdown", CURVE_HEIGHT, axis, deepest, 0, "Drawdown from peak (%)", "%");
        for (int i = 0; i < traded.size(); i++) {
            equity.line(traded.get(i).series.strategy, traded.get(i).color, traded.get(i).series.equity);
            drawdown.line(traded.get(i).series.strategy, traded.get(i).color, drawdowns.get(i));
        }
        h.append("<h3>Equity</h3>\n").append(legend).append(equity.render());
        h.append("<h3>Drawdown</h3>\n").append(legend).append(drawdown.render());
    }

    private static void table(StringBuilder h, ScoreTable table) {
        h.append("<table class=\"metrics\"><tr><th>Strategy</th>");
        for (String s : table.strategies) {
            h.append("<th>").append(escape(s)).append("</th>");
        }
        h.append("</tr>\n");
        for (List<String> row : table.rows) {
            h.append("<tr>");
            for (String cell : row) {
                h.append("<td>").append(escape(cell)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (table.note() != null) {
            h.append("<p class=\"note annualised\">").append(escape(table.note())).append("</p>\n");
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
