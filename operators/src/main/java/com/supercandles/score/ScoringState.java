package com.supercandles.score;

/** One symbol's keyed state of the model score: the features' window, the last band, the phase errors. */
public class ScoringState {
    public CandleFeatures features = new CandleFeatures();
    public long lastWindowStart = Long.MIN_VALUE;
    public int band;
    public double[] errors;
    public long errorsSeen;

    public ScoringState() {}

    /** Scores the next candle of the symbol (window order) into {@code out}; false for a repeated window. */
    public boolean score(ModelBar bar, ScoreModel model, ScoreRecord out) {
        if (bar.windowStart <= lastWindowStart) {
            return false; // a re-emission within allowed lateness: the features moved on already
        }
        lastWindowStart = bar.windowStart;
        double[] f = features.push(bar);
        out.symbol = bar.symbol;
        out.period = bar.period;
        out.windowStart = bar.windowStart;
        out.windowEnd = bar.windowEnd;
        out.model = model.id;
        out.close = bar.close;
        out.pUp = model.up.probability(f);
        out.pDown = model.down.probability(f);
        out.score = out.pUp - out.pDown;
        int newBand = model.bands.band(out.score);
        out.bandChanged = newBand != band;
        out.band = band = newBand;
        if (model.phase != null && features.warm()) {
            // a symbol's first candles lack the longer features: imputed, they look unlike any trained
            // candle, and every start would read as a change of phase
            if (errors == null) {
                errors = new double[model.phase.window];
            }
            out.phaseError = PhaseModel.rollingMean(errors, errorsSeen++, model.phase.error(f));
            out.phaseThreshold = model.phase.threshold;
            out.phaseChanged = out.phaseError > model.phase.threshold;
        } else {
            out.phaseError = Double.NaN;
            out.phaseThreshold = Double.NaN;
            out.phaseChanged = false;
        }
        return true;
    }
}
