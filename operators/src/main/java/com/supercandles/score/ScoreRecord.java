package com.supercandles.score;

/**
 * The model score of one candle: {@code score = p_up - p_down} in [-1, +1], its alert band, and the
 * market-phase guard's reconstruction error (the mean of the last bars', against the model's
 * threshold). NaN is null.
 */
public class ScoreRecord {
    public String symbol;
    public String period;
    public long windowStart;
    public long windowEnd;
    public String model;
    public double close;
    public double pUp;
    public double pDown;
    public double score;
    public int band;
    /** Whether the band differs from the previous candle's (an alert goes out). */
    public boolean bandChanged;
    /** The mean reconstruction error of the last {@code PhaseModel.window} candles; NaN before that many. */
    public double phaseError;
    public double phaseThreshold;
    public boolean phaseChanged;

    public ScoreRecord() {}
}
