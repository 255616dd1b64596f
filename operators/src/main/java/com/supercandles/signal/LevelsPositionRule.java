package com.supercandles.signal;

/**
 * A rule that reads the book levels: null levels hold the position; otherwise the rule decides from
 * {@code L_t}.
 */
public abstract sealed class LevelsPositionRule implements PositionRule
        permits LevelsRule, LevelsTrendRule, LevelsCancelsRule {
    private static final long serialVersionUID = 1L;

    @Override
    public final int target(BarSignals in, PaperPosition held) {
        return in.hasLevels() ? target(in.levelsSign(), in, held) : held.position;
    }

    /** The position wanted where the levels are known: {@code l} is {@code L_t}. */
    abstract int target(int l, BarSignals in, PaperPosition held);
}
