package com.supercandles.score;

import com.supercandles.signal.SignalRecord;

/**
 * What the guard keeps of a candle's score (the phase flag) or of a strategy's record waiting for it
 * (its return): a copy, since with object reuse an input record is refilled after it was handed over.
 */
public class PhaseMark {
    public long windowStart;
    public long windowEnd;
    public boolean phaseChanged;
    public double phaseError;
    public double phaseThreshold;
    /** A strategy's record only: the strategy and its return of the candle. */
    public String strategy;
    public double ret;

    public PhaseMark() {}

    static PhaseMark of(ScoreRecord r) {
        PhaseMark m = new PhaseMark();
        m.windowStart = r.windowStart;
        m.windowEnd = r.windowEnd;
        m.phaseChanged = r.phaseChanged;
        m.phaseError = r.phaseError;
        m.phaseThreshold = r.phaseThreshold;
        return m;
    }

    static PhaseMark of(SignalRecord r) {
        PhaseMark m = new PhaseMark();
        m.windowStart = r.windowStart;
        m.windowEnd = r.windowEnd;
        m.strategy = r.strategy;
        m.ret = r.ret;
        return m;
    }
}
