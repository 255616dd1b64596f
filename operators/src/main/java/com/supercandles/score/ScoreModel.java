package com.supercandles.score;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A trained model score as the job uses it: the two classifiers (the price reaches +x % / -x % within
 * the horizon), the phase model, the alert bands, and each paper strategy's backtest for the guard.
 * Read from a model directory written by {@code bin/supercandles train} (see the jobs module's
 * {@code ModelDirectory}); {@link #check()} refuses one built on other features.
 */
public final class ScoreModel implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String id;
    /** The candle period the model was trained on: it scores candles of this period only. */
    public final String period;
    public final int featureVersion;
    public final List<String> featureNames;
    public final Classifier up;
    public final Classifier down;
    public final PhaseModel phase;
    public final ScoreBands bands;
    /** Per "symbol|strategy": the strategy's non-annualised Sharpe over the backtest period (null: no guard). */
    public final Map<String, Double> backtestSharpe;
    /** Bars in the rolling Sharpe the guard compares with the backtest's. */
    public final int guardWindow;

    public ScoreModel(String id, String period, int featureVersion, List<String> featureNames, Classifier up,
                      Classifier down, PhaseModel phase, ScoreBands bands, Map<String, Double> backtestSharpe,
                      int guardWindow) {
        this.id = id;
        this.period = period;
        this.featureVersion = featureVersion;
        this.featureNames = List.copyOf(featureNames);
        this.up = up;
        this.down = down;
        this.phase = phase;
        this.bands = bands;
        this.backtestSharpe = Map.copyOf(backtestSharpe);
        this.guardWindow = guardWindow;
    }

    /** The same model with other alert bands (the deployment's, over the trainer's). */
    public ScoreModel withBands(ScoreBands other) {
        return new ScoreModel(id, period, featureVersion, featureNames, up, down, phase, other, backtestSharpe, guardWindow);
    }

    /** The same model scoring candles of another period (the benchmark's: the cost does not depend on it). */
    public ScoreModel forPeriod(String otherPeriod) {
        return new ScoreModel(id, otherPeriod, featureVersion, featureNames, up, down, phase, bands, backtestSharpe,
                guardWindow);
    }

    /** Refuses a model whose features are not this build's, saying what to do. */
    public ScoreModel check() {
        if (featureVersion != CandleFeatures.VERSION || !featureNames.equals(CandleFeatures.names())) {
            throw new IllegalArgumentException("model " + id + " was trained on features version " + featureVersion
                    + " " + featureNames + "; this build computes version " + CandleFeatures.VERSION + " "
                    + CandleFeatures.names() + ": train it again with bin/supercandles train");
        }
        for (Classifier c : new Classifier[] {up, down}) {
            if (c instanceof TreeEnsemble && ((TreeEnsemble) c).maxFeature() >= CandleFeatures.COUNT) {
                throw new IllegalArgumentException("model " + id + " splits on feature "
                        + ((TreeEnsemble) c).maxFeature() + " of " + CandleFeatures.COUNT);
            }
        }
        return this;
    }

    /** {@code up - down} of one bar's features, in [-1, +1]. */
    public double score(double[] features) {
        return up.probability(features) - down.probability(features);
    }
}
