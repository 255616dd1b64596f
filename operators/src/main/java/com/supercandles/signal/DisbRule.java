package com.supercandles.signal;

/** {@code disb}: long while {@code disb > threshold}, short while below {@code -threshold}, else flat; null holds. */
public record DisbRule(double threshold) implements PositionRule {
    @Override
    public int target(BarSignals in, PaperPosition held) {
        if (Double.isNaN(in.disb)) {
            return held.position;
        }
        return in.disb > threshold ? 1 : in.disb < -threshold ? -1 : 0;
    }
}
