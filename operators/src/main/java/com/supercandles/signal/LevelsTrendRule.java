package com.supercandles.signal;

/**
 * {@code levels_trend}: levels with a trend filter. A position is kept while {@code L_t} agrees with it;
 * otherwise (and from flat) the rule goes to {@code L_t} only when the trend {@code s_t} agrees, else flat.
 */
public final class LevelsTrendRule extends LevelsPositionRule {
    private static final long serialVersionUID = 1L;

    @Override
    int target(int l, BarSignals in, PaperPosition held) {
        if (held.position != 0 && l == held.position) {
            return held.position;
        }
        return l != 0 && in.trend == l ? l : 0;
    }
}
