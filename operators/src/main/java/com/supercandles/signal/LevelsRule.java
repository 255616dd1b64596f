package com.supercandles.signal;

/** {@code levels}: the side with more book levels, {@code pos_t = L_t}; null holds. */
public final class LevelsRule extends LevelsPositionRule {
    private static final long serialVersionUID = 1L;

    @Override
    int target(int l, BarSignals in, PaperPosition held) {
        return l;
    }
}
