package com.supercandles.jobs.backtest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One chart of the report as inline SVG: a time axis of bars labelled in UTC ({@link TimeAxis}), a value
 * axis on round numbers ({@link NumberTicks}), both titled, and curves, held-position bands and trade
 * markers on them.
 *
 * <p>The root {@code <svg class="chart">} states its scale in {@code data-x-min}/{@code data-x-max}
 * (bar positions: bar i at i), {@code data-y-min}/{@code data-y-max} and {@code data-plot} (left, top,
 * width, height), and every time tick its instant in {@code data-t} (epoch ms), so that a reader (or a
 * test) can read the values back.
 */
final class SvgChart {
    static final int WIDTH = 900;
    static final int LEFT = 78;
    static final int TOP = 14;
    static final int PLOT_WIDTH = 800;
    /** Room under the plot: tick labels, their dates, the axis title. */
    private static final int BOTTOM = 58;
    /** About 65 px a label: "00:00" and the "2015-05-01" under it clear their neighbours. */
    static final int MAX_TIME_TICKS = 12;

    private final String kind;
    private final String yTitle;
    private final String yUnit;
    private final int plotHeight;
    private final TimeAxis axis;
    private final NumberTicks y;
    private final StringBuilder bands = new StringBuilder();
    private final StringBuilder lines = new StringBuilder();
    private final StringBuilder marks = new StringBuilder();

    /**
     * @param lo    the lowest value to show, {@code hi} the highest: widened to round ticks
     * @param yUnit appended to each value tick ("%"), or ""
     */
    SvgChart(String kind, int plotHeight, TimeAxis axis, double lo, double hi, String yTitle, String yUnit) {
        this.kind = kind;
        this.plotHeight = plotHeight;
        this.axis = axis;
        this.y = new NumberTicks(lo, hi);
        this.yTitle = yTitle;
        this.yUnit = yUnit;
    }

    private double x(double barPosition) {
        return LEFT + PLOT_WIDTH * axis.fraction(barPosition);
    }

    private double y(double v) {
        return TOP + plotHeight * (y.max - v) / (y.max - y.min);
    }

    /** A strategy's curve, a point per bar. */
    void line(String strategy, String color, List<Double> values) {
        StringBuilder points = new StringBuilder();
        for (int k = 0; k < values.size(); k++) {
            points.append(k == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f,%.2f", x(k), y(values.get(k))));
        }
        lines.append(String.format(Locale.ROOT, "<polyline data-strategy=\"%s\" fill=\"none\" stroke=\"%s\""
                + " stroke-width=\"1.5\" points=\"%s\"/>%n", HtmlReport.escape(strategy), color, points));
    }

    /** The close, broken where it is undefined (before the first trade of the market). */
    void price(List<Double> closes) {
        StringBuilder d = new StringBuilder();
        boolean drawing = false;
        for (int k = 0; k < closes.size(); k++) {
            if (Double.isNaN(closes.get(k))) {
                drawing = false;
                continue;
            }
            d.append(d.length() == 0 ? "" : " ").append(drawing ? "L" : "M")
                    .append(String.format(Locale.ROOT, "%.2f,%.2f", x(k), y(closes.get(k))));
            drawing = true;
        }
        lines.append("<path class=\"price\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.2\" d=\"").append(d)
                .append("\"/>\n");
    }

    /** A strategy's trades as markers, and the positions they opened as bands up to the next trade. */
    void trades(String strategy, List<Trade> trades) {
        marks.append("<g class=\"trades\" data-strategy=\"").append(HtmlReport.escape(strategy)).append("\">\n");
        // trades closer than 4 px on average: full-size markers would hide the price line
        double scale = trades.size() > PLOT_WIDTH / 4 ? 0.6 : 1;
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            marks.append(marker(t.kind(), x(t.bar()), y(t.price()), scale, " data-t=\"" + t.t() + "\""));
            if (t.kind() != Trade.Kind.EXIT) {
                double until = i + 1 < trades.size() ? trades.get(i + 1).bar() : axis.max;
                bands.append(String.format(Locale.ROOT, "<rect class=\"held %s\" x=\"%.2f\" y=\"%d\" width=\"%.2f\""
                                + " height=\"%d\"/>%n", t.kind() == Trade.Kind.LONG_ENTRY ? "long" : "short",
                        x(t.bar()), TOP, x(until) - x(t.bar()), plotHeight));
            }
        }
        marks.append("</g>\n");
    }

    /**
     * A trade's marker with its tip at (x, y): an entry's triangle points the way of the position, from
     * below the price for long and from above for short, 1 px off it; an exit is a ring on the price.
     * {@code scale} 1 is 10 px wide.
     */
    static String marker(Trade.Kind kind, double x, double y, double scale, String attributes) {
        String shape;
        if (kind == Trade.Kind.EXIT) {
            shape = String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.1f\"", x, y, 3.5 * scale);
        } else {
            int down = kind == Trade.Kind.LONG_ENTRY ? 1 : -1;
            shape = String.format(Locale.ROOT, "<path d=\"M%.2f,%.2f l%.1f,%.1f h%.1f z\"", x, y + down,
                    -5 * scale, down * 9 * scale, 10 * scale);
        }
        return shape + " class=\"trade " + kind.cssClass + "\"" + attributes + "/>\n";
    }

    String render() {
        int height = TOP + plotHeight + BOTTOM;
        StringBuilder h = new StringBuilder();
        h.append(String.format(Locale.ROOT, "<svg class=\"chart\" data-kind=\"%s\" data-x-min=\"%s\" data-x-max=\"%s\""
                        + " data-y-min=\"%s\" data-y-max=\"%s\" data-plot=\"%d %d %d %d\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\">%n", kind, Double.toString(axis.min), Double.toString(axis.max),
                Double.toString(y.min), Double.toString(y.max), LEFT, TOP, PLOT_WIDTH, plotHeight, WIDTH, height, WIDTH, height));
        h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
                LEFT, TOP, PLOT_WIDTH, plotHeight));
        h.append(bands);
        for (BigDecimal v : y.values) {
            double at = y(v.doubleValue());
            h.append(String.format(Locale.ROOT, "<g class=\"y-tick\"><line x1=\"%d\" x2=\"%d\" y1=\"%.2f\" y2=\"%.2f\"/>"
                    + "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%s%s</text></g>%n",
                    LEFT, LEFT + PLOT_WIDTH, at, at, LEFT - 6, at + 4, NumberTicks.label(v), yUnit));
        }
        for (TimeAxis.Tick tick : axis.ticks) {
            double at = x(tick.position());
            h.append(String.format(Locale.ROOT, "<g class=\"x-tick\" data-t=\"%d\"><line x1=\"%.2f\" x2=\"%.2f\""
                            + " y1=\"%d\" y2=\"%d\"/><text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">"
                            + "<tspan class=\"label\">%s</tspan>", tick.t(), at, at, TOP, TOP + plotHeight + 4, at,
                    TOP + plotHeight + 16, tick.label()));
            if (!tick.context().isEmpty()) {
                h.append(String.format(Locale.ROOT, "<tspan class=\"context\" x=\"%.2f\" dy=\"14\">%s</tspan>",
                        at, tick.context()));
            }
            h.append("</text></g>\n");
        }
        h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>%n", LEFT, TOP, PLOT_WIDTH, plotHeight));
        h.append(lines).append(marks);
        h.append(String.format(Locale.ROOT, "<text class=\"axis-title x\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                + "Time (UTC)</text>%n", LEFT + PLOT_WIDTH / 2, height - 6));
        h.append(String.format(Locale.ROOT, "<text class=\"axis-title y\" transform=\"translate(16 %d) rotate(-90)\""
                + " text-anchor=\"middle\">%s</text>%n", TOP + plotHeight / 2, HtmlReport.escape(yTitle)));
        return h.append("</svg>\n").toString();
    }
}
