package com.supercandles.signal;

/**
 * {@code levels_cancels}: enter (or flip) only where {@code L_t} and the cancel signal agree; exit to
 * flat when {@code L_t} no longer equals the position (null levels hold).
 */
public final class LevelsCancelsRule extends LevelsPositionRule {
    private static final long serialVersionUID = 1L;

    @Override
    int target(int l, BarSignals in, PaperPosition held) {
        if (in.cancel != 0 && l == in.cancel) {
            return in.cancel;
        }
        return held.position != 0 && l != held.position ? 0 : held.position;
    }
}
