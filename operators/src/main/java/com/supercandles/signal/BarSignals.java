package com.supercandles.signal;

/**
 * The inputs of the rules at one bar, computed once per (symbol, period) and shared by the
 * strategies: {@code L_t}, the trend sign {@code s_t}, the cancel signal, the bar's imbalance, and
 * where the bar lies in the trading session.
 */
public final class BarSignals {
    /** {@code L_t}: +1, -1, 0; NaN when the levels are null. */
    double levels;
    double disb;
    /** {@code s_t}: the sign of the normalised close slope beyond theta; 0 otherwise or without N closes. */
    int trend;
    /** +1 buy (anomalous cancels of asks), -1 sell (of bids), 0 none. */
    int cancel;
    /** Entry allowed: inside the session and not its last bar (always, without a session). */
    boolean open = true;

    boolean hasLevels() {
        return !Double.isNaN(levels);
    }

    /** {@code L_t}; call only when {@link #hasLevels()}. */
    int levelsSign() {
        return (int) levels;
    }
}
