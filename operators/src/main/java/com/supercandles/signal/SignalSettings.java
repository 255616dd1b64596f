package com.supercandles.signal;

import com.supercandles.candle.Period;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper strategies' settings, with the contract's defaults; {@link #problems()} lists what is
 * wrong with what to fix. Built by the job's configuration (live keys, replay and backtest flags).
 */
public final class SignalSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public List<Strategy> strategies = List.of(Strategy.values());
    /** Signal periods; empty: the shortest candle period. */
    public List<Period> periods = List.of();
    public double commissionBps = 1.5;
    /** P; NaN: 365 x 86,400 s / period (a market open around the clock). */
    public double periodsPerYear = Double.NaN;
    public double disbThreshold = 0.5;
    public int trendBars = 100;
    public double trendTheta = 1e-4;
    public int cancelWindow = 100;
    public double cancelK = 3;
    public int maxHold = 12;
    /** Absolute cancel-count threshold; NaN: mean + k std over the previous W bars. */
    public double cancelThreshold = Double.NaN;
    /** Trading sessions by symbol ({@code *}: every other symbol); without one a symbol trades around the clock. */
    public Map<String, TradingSession> sessions = new HashMap<>();

    public SignalSettings() {}

    /** The session of {@code symbol}, or of every symbol ({@code *}), or null: always open. */
    public TradingSession session(String symbol) {
        TradingSession own = sessions.get(symbol);
        return own != null ? own : sessions.get("*");
    }

    public double commission() {
        return commissionBps / 1e4;
    }

    public double periodsPerYear(Period period) {
        return Double.isNaN(periodsPerYear) ? 365.0 * 86_400_000L / period.millis() : periodsPerYear;
    }

    /** The signal periods among {@code candlePeriods}: the configured ones, or the shortest. */
    public List<Period> periodsOf(List<Period> candlePeriods) {
        if (!periods.isEmpty()) {
            return periods;
        }
        return List.of(candlePeriods.stream().min(Period::compareTo).orElseThrow());
    }

    public List<String> problems(List<Period> candlePeriods) {
        List<String> p = new ArrayList<>();
        if (strategies.isEmpty()) {
            p.add("signal.strategies: name at least one of disb, levels, levels_trend, cancels, levels_cancels (or none to turn the signals off)");
        }
        for (Period period : periods) {
            if (!candlePeriods.contains(period)) {
                p.add("signal.periods: " + period + " is not a candle period (" + candlePeriods + "): add it to the periods");
            }
        }
        check(p, commissionBps >= 0 && Double.isFinite(commissionBps), "signal.commission-bps must be a number >= 0, got " + commissionBps);
        check(p, Double.isNaN(periodsPerYear) || periodsPerYear > 0 && Double.isFinite(periodsPerYear),
                "signal.periods-per-year must be a number > 0, got " + periodsPerYear);
        check(p, disbThreshold >= 0 && disbThreshold < 1, "signal.disb.threshold must be in [0, 1), got " + disbThreshold);
        check(p, trendBars >= 2, "signal.levels-trend.bars must be a whole number >= 2, got " + trendBars);
        check(p, trendTheta >= 0 && Double.isFinite(trendTheta), "signal.levels-trend.theta must be a number >= 0, got " + trendTheta);
        check(p, cancelWindow >= 2, "signal.cancels.window must be a whole number >= 2, got " + cancelWindow);
        check(p, cancelK >= 0 && Double.isFinite(cancelK), "signal.cancels.k must be a number >= 0, got " + cancelK);
        check(p, maxHold >= 1, "signal.cancels.max-hold must be a whole number >= 1, got " + maxHold);
        check(p, Double.isNaN(cancelThreshold) || cancelThreshold >= 0 && Double.isFinite(cancelThreshold),
                "signal.cancels.threshold must be a number >= 0 (or empty for mean + k std), got " + cancelThreshold);
        return p;
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
