package com.supercandles.score;

/**
 * The market-phase guard's decision for one paper strategy of a symbol after one candle
 * ({@code analytics.md}, "Market-phase guard"): keep (both fine), check (the strategy drifts from its
 * backtest alone), pause (the market's phase changed alone), retire (both). NaN is null.
 */
public class GuardRecord {
    public static final String KEEP = "keep";
    public static final String CHECK = "check";
    public static final String PAUSE = "pause";
    public static final String RETIRE = "retire";

    public String symbol;
    public String period;
    public long windowStart;
    public long windowEnd;
    public String strategy;
    public String decision;
    /** Whether the decision differs from the previous candle's (an alert goes out). */
    public boolean decisionChanged;
    public boolean phaseChanged;
    public double phaseError;
    public double phaseThreshold;
    /** Non-annualised Sharpe of the strategy's last {@code bars} returns; NaN until the window is full. */
    public double sharpe;
    public double backtestSharpe;
    /** Standard error of a Sharpe ratio over {@code bars} returns, {@code sqrt((1 + SR^2 / 2) / bars)} at the backtest's. */
    public double sharpeSe;
    public boolean drifting;
    public int bars;

    public GuardRecord() {}

    public static String decision(boolean drifting, boolean phaseChanged) {
        return drifting ? (phaseChanged ? RETIRE : CHECK) : (phaseChanged ? PAUSE : KEEP);
    }
}
