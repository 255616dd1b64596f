package com.supercandles.signal;

/** {@code disb}: long while {@code disb > threshold}, short while below {@code -threshold}, else flat; null holds. */
public final class DisbRule implements PositionRule {
    private static final long serialVersionUID = 1L;
    private final double threshold;

    public DisbRule(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public int target(BarSignals in, PaperPosition held) {
        if (Double.isNaN(in.disb)) {
            return held.position;
        }
        return in.disb > threshold ? 1 : in.disb < -threshold ? -1 : 0;
    }
}
