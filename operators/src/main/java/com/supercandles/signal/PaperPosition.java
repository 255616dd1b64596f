package com.supercandles.signal;

/**
 * One paper strategy of one (symbol, period): its position, trade count and return scores. A Flink
 * POJO in keyed state, so the equity curve continues exactly after a restore.
 */
public class PaperPosition {
    public int position;
    public long trades;
    /** Bars with a trade since the last cancel signal ({@link CancelsRule}). */
    public int barsSinceSignal;
    public ReturnScores scores = new ReturnScores();

    public PaperPosition() {}

    /**
     * Moves to {@code target} (on a bar whose own close is defined; else the position is held) and
     * books the bar's return {@code pos_{t-1} (close_t / close_{t-1} - 1) - c |pos_t - pos_{t-1}|}.
     *
     * @return the bar's return
     */
    public double step(boolean hasClose, int target, double previousClose, double close, double commission) {
        int before = position;
        int after = hasClose ? target : before;
        double move = before != 0 && !Double.isNaN(previousClose) ? before * (close / previousClose - 1) : 0;
        // + 0.0: a short position over an unchanged price books 0, not -0
        double r = move - commission * Math.abs(after - before) + 0.0;
        if (after != before) {
            trades++;
        }
        scores.add(r, before);
        position = after;
        return r;
    }
}
