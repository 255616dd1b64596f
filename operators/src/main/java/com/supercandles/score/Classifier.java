package com.supercandles.score;

import java.io.Serializable;

/** A trained binary classifier of the model score: the probability of its label from one bar's features. */
public interface Classifier extends Serializable {
    /** @param features {@link CandleFeatures#push}'s array (NaN where a feature is undefined) */
    double probability(double[] features);
}
