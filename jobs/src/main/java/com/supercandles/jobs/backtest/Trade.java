package com.supercandles.jobs.backtest;

import java.util.ArrayList;
import java.util.List;

/**
 * One trade of a paper strategy, read off its positions: a bar whose position differs from the bar
 * before (from flat before the first bar). The job counts exactly these as its {@code trades}; a
 * reversal is one trade, drawn as the entry it makes.
 */
public record Trade(int bar, long t, double price, Kind kind) {
    enum Kind {
        LONG_ENTRY("long-entry", "long entry"),
        SHORT_ENTRY("short-entry", "short entry"),
        EXIT("exit", "exit to flat");

        final String cssClass;
        final String label;

        Kind(String cssClass, String label) {
            this.cssClass = cssClass;
            this.label = label;
        }

        static Kind into(int position) {
            return position > 0 ? LONG_ENTRY : position < 0 ? SHORT_ENTRY : EXIT;
        }
    }

    static List<Trade> of(StrategySeries.Series s) {
        List<Trade> trades = new ArrayList<>();
        int before = 0;
        for (int i = 0; i < s.positions.size(); i++) {
            int after = s.positions.get(i);
            if (after != before) {
                // a position changes only on a bar with a close, so the price is the bar's own
                trades.add(new Trade(i, s.windowEnds.get(i), s.closes.get(i), Kind.into(after)));
            }
            before = after;
        }
        return trades;
    }
}
