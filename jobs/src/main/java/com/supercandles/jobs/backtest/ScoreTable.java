package com.supercandles.jobs.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cells of one (symbol, period)'s metrics table, as the printed table and the HTML report show it:
 * quantstats' rows and the trade count, one column per strategy; undefined scores, and annualised ones
 * on a sample too short for them ({@link AnnualisedScores}), as "-".
 */
final class ScoreTable {
    final List<String> strategies = new ArrayList<>();
    /** Per row: its label, then a cell per strategy. */
    final List<List<String>> rows = new ArrayList<>();
    final long spanMillis;
    final int bars;
    final boolean annualisedShown;

    ScoreTable(List<StrategySeries.Series> columns) {
        spanMillis = columns.get(0).spanMillis();
        bars = columns.get(0).windowEnds.size();
        annualisedShown = AnnualisedScores.shown(spanMillis);
        for (StrategySeries.Series s : columns) {
            strategies.add(s.strategy);
        }
        for (StrategySeries.Score score : StrategySeries.ROWS) {
            List<String> row = new ArrayList<>();
            row.add(score.label());
            for (StrategySeries.Series s : columns) {
                row.add(score.annualised() && !annualisedShown ? "-" : format(s.score(score.field()), score.percent()));
            }
            rows.add(row);
        }
        List<String> trades = new ArrayList<>();
        trades.add("Trades");
        for (StrategySeries.Series s : columns) {
            trades.add(Long.toString(s.trades()));
        }
        rows.add(trades);
    }

    /** The footnote under the table, or null when every figure is shown as computed. */
    String note() {
        return annualisedShown ? null : AnnualisedScores.note(spanMillis, bars);
    }

    /** A score as quantstats prints it: percentages with 2 decimals, ratios with 2, null as "-". */
    static String format(double v, boolean percent) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return percent ? String.format(Locale.ROOT, "%.2f%%", v * 100) : String.format(Locale.ROOT, "%.2f", v);
    }
}
