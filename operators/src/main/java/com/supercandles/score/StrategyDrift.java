package com.supercandles.score;

/**
 * One paper strategy's drift from its backtest, per symbol (keyed state of the guard): the last
 * returns in a ring, their non-annualised Sharpe, and the decision last given.
 */
public class StrategyDrift {
    public double[] returns;
    public long seen;
    public String decision = GuardRecord.KEEP;

    public StrategyDrift() {}

    /**
     * Adds the strategy's return of a candle and fills {@code out}'s drift fields: drifting when the
     * rolling Sharpe is below the backtest's by more than {@code k} standard errors.
     */
    public void add(double ret, int window, double backtestSharpe, double k, GuardRecord out) {
        if (returns == null || returns.length != window) {
            returns = new double[window];
            seen = 0;
        }
        returns[(int) (seen++ % window)] = ret;
        out.bars = (int) Math.min(seen, window);
        out.backtestSharpe = backtestSharpe;
        out.sharpeSe = Double.isNaN(backtestSharpe) ? Double.NaN
                : Math.sqrt((1 + backtestSharpe * backtestSharpe / 2) / window);
        out.sharpe = seen < window ? Double.NaN : sharpe(returns);
        out.drifting = !Double.isNaN(out.sharpe) && !Double.isNaN(backtestSharpe)
                && out.sharpe < backtestSharpe - k * out.sharpeSe;
    }

    /** mean / sample standard deviation (ddof 1); NaN for a zero deviation. */
    static double sharpe(double[] r) {
        double mean = 0;
        for (double v : r) {
            mean += v;
        }
        mean /= r.length;
        double ss = 0;
        for (double v : r) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (r.length - 1));
        return sd > 0 ? mean / sd : Double.NaN;
    }
}
