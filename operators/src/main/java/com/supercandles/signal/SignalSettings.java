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
 * The numbers are declared as {@link SignalSetting}s (key, default, help, valid values): the two every
 * strategy shares here, each strategy's own in {@link Strategy}; a new instance holds their defaults.
 */
public final class SignalSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final SignalSetting COMMISSION_BPS = SignalSetting.number("signal.commission-bps", "1.5",
            "Commission per side, in basis points.", "a number >= 0", v -> v >= 0 && Double.isFinite(v),
            s -> s.commissionBps, (s, v) -> s.commissionBps = v);
    public static final SignalSetting PERIODS_PER_YEAR = SignalSetting.optionalNumber("signal.periods-per-year",
            "Bars per year for annualised scores (default: 365 x 86,400 s / period; e.g. 252 x session / period).",
            "a number > 0", v -> Double.isNaN(v) || v > 0 && Double.isFinite(v),
            s -> s.periodsPerYear, (s, v) -> s.periodsPerYear = v);

    public List<Strategy> strategies = List.of(Strategy.values());
    /** Signal periods; empty: the shortest candle period. */
    public List<Period> periods = List.of();
    public double commissionBps;
    /** P; NaN: 365 x 86,400 s / period (a market open around the clock). */
    public double periodsPerYear;
    public double disbThreshold;
    public int trendBars;
    public double trendTheta;
    public int cancelWindow;
    public double cancelK;
    public int maxHold;
    /** Absolute cancel-count threshold; NaN: mean + k std over the previous W bars. */
    public double cancelThreshold;
    /** Trading sessions by symbol ({@code *}: every other symbol); without one a symbol trades around the clock. */
    public Map<String, TradingSession> sessions = new HashMap<>();

    /** The defaults of every {@link #numbers() number}. */
    public SignalSettings() {
        for (SignalSetting n : numbers()) {
            n.set(this, n.defaultValue);
        }
    }

    /** Every number of the settings, in the order of the configuration: the shared ones, then each strategy's. */
    public static List<SignalSetting> numbers() {
        List<SignalSetting> all = new ArrayList<>(List.of(COMMISSION_BPS, PERIODS_PER_YEAR));
        for (Strategy s : Strategy.values()) {
            all.addAll(s.settings());
        }
        return all;
    }

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
            p.add("signal.strategies: name at least one of " + Strategy.names(", ") + " (or none to turn the signals off)");
        }
        for (Period period : periods) {
            if (!candlePeriods.contains(period)) {
                p.add("signal.periods: " + period + " is not a candle period (" + candlePeriods + "): add it to the periods");
            }
        }
        for (SignalSetting n : numbers()) {
            String problem = n.problem(this);
            if (problem != null) {
                p.add(problem);
            }
        }
        return p;
    }
}
