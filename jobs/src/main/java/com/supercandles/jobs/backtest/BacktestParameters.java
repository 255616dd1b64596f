package com.supercandles.jobs.backtest;

import com.supercandles.candle.Period;
import com.supercandles.signal.SignalSettings;
import com.supercandles.signal.Strategy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a backtest ran on and with, stated at the top of its report so that the report can be read, and
 * the run repeated, on its own: the source, and the settings of the strategies with their flag names.
 *
 * @param source what the bars came from, as the user named it (e.g. "recorded events in DIR")
 */
public record BacktestParameters(String title, String source, SignalSettings settings) {
    /** One line of the parameters table: what, its value, the flags (or live keys) that set it. */
    record Row(String name, String value, String keys) {}

    List<Row> rows(StrategySeries results) {
        TreeSet<String> symbols = new TreeSet<>();
        TreeSet<Period> periods = new TreeSet<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Map<String, StrategySeries.Series> strategies : results.bySymbolAndPeriod.values()) {
            StrategySeries.Series s = strategies.values().iterator().next();
            symbols.add(s.last.get("symbol").asText());
            periods.add(Period.parse(s.last.get("period").asText()));
            from = Math.min(from, s.start);
            to = Math.max(to, s.windowEnds.get(s.windowEnds.size() - 1));
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Source", source, ""));
        rows.add(new Row("Symbols", String.join(", ", symbols), ""));
        rows.add(new Row("Periods", periods.stream().map(Period::toString).collect(Collectors.joining(", "))
                + (settings.periods.isEmpty() ? " (the shortest candle period)" : ""), "signal.periods"));
        rows.add(new Row("Time range", UtcTime.range(from, to) + " (" + UtcTime.duration(to - from) + ")", ""));
        rows.add(new Row("Strategies", settings.strategies.stream().map(x -> x.wireName).collect(Collectors.joining(", ")),
                "signal.strategies"));
        rows.add(new Row("Commission", number(settings.commissionBps) + " bps per side (a reversal pays it twice)",
                "signal.commission-bps"));
        rows.add(new Row("Bars per year (P)", periodsPerYear(periods), "signal.periods-per-year"));
        rows.add(new Row("Trading sessions", sessions(), "signal.sessions"));
        for (Strategy s : settings.strategies) {
            rows.add(thresholds(s));
        }
        return rows;
    }

    private String periodsPerYear(TreeSet<Period> periods) {
        if (!Double.isNaN(settings.periodsPerYear)) {
            return number(settings.periodsPerYear);
        }
        return "365 x 86,400 s / period: " + periods.stream()
                .map(p -> String.format(Locale.ROOT, "%,.0f for %s", settings.periodsPerYear(p), p))
                .collect(Collectors.joining(", "));
    }

    private String sessions() {
        if (settings.sessions.isEmpty()) {
            return "none (always open)";
        }
        return new TreeMap<>(settings.sessions).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private Row thresholds(Strategy strategy) {
        SignalSettings s = settings;
        String cancelSignal = Double.isNaN(s.cancelThreshold)
                ? "cancels above the mean + " + number(s.cancelK) + " std of the previous W = " + s.cancelWindow + " bars"
                : "cancels above " + number(s.cancelThreshold) + " a bar (absolute; W = " + s.cancelWindow + ")";
        String cancelKeys = "signal.cancels.window, signal.cancels.k, signal.cancels.threshold";
        return switch (strategy) {
            case DISB -> new Row("disb", "long while disb > " + number(s.disbThreshold) + ", short while disb < -"
                    + number(s.disbThreshold), "signal.disb.threshold");
            case LEVELS -> new Row("levels", "no threshold: long while levels_b > levels_s, short while fewer", "");
            case LEVELS_TREND -> new Row("levels_trend", "trend over N = " + s.trendBars + " closes, theta = "
                    + number(s.trendTheta), "signal.levels-trend.bars, signal.levels-trend.theta");
            case CANCELS -> new Row("cancels", cancelSignal + "; held at most " + s.maxHold + " bars with a trade",
                    cancelKeys + ", signal.cancels.max-hold");
            case LEVELS_CANCELS -> new Row("levels_cancels", cancelSignal + ", where the levels agree", cancelKeys);
        };
    }

    /** As the user would type it: 0.0001, not 1.0E-4. */
    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
