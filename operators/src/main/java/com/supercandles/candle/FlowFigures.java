package com.supercandles.candle;

/** Counts, volumes, values and VWAPs of one flow in a candle; a VWAP with no volume is NaN (null). */
public class FlowFigures {
    public long count;
    public long countB;
    public long countS;
    public double vol;
    public double volB;
    public double volS;
    public double val;
    public double valB;
    public double valS;
    public double vwap;
    public double vwapB;
    public double vwapS;

    public FlowFigures() {}
}
