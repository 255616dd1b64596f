package com.supercandles.signal;

/** One paper strategy's state after one bar: the contract's signal record. NaN is null. */
public class SignalRecord {
    public String symbol;
    public String period;
    public long windowStart;
    public long windowEnd;
    public String strategy;
    public int position;
    public double close;
    public double ret;
    public double equity;
    public long trades;
    public long n;
    public double totalReturn;
    public double cagr;
    public double sharpe;
    public double smartSharpe;
    public double sortino;
    public double smartSortino;
    public double sortinoSqrt2;
    public double probSharpe;
    public double omega;
    public double maxDrawdown;
    public double timeInMarket;

    public SignalRecord() {}
}
