package com.supercandles.signal;

/** {@code levels}: the side with more book levels, {@code pos_t = L_t}; null holds. */
public final class LevelsRule implements PositionRule {
    private static final long serialVersionUID = 1L;

    @Override
    public int target(BarSignals in, PaperPosition held) {
        return in.hasLevels() ? in.levelsSign() : held.position;
    }
}
