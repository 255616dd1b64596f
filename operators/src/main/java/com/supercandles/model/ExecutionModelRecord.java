package com.supercandles.model;

/**
 * The execution-probability, price-impact and tick-impact figures of one symbol and aggressor side at
 * one candle close, over the trades of {@code [windowEnd - lookback, windowEnd)}. NaN stands for
 * null ("undefined" in the spec).
 */
public class ExecutionModelRecord {
    public String symbol;
    /** The aggressor side: B (buyers lifting asks), S (sellers hitting bids). */
    public String side;
    public String period;
    public long windowStart;
    public long windowEnd;
    public long lookbackMs;
    public long bucketMs;

    /** Non-empty buckets of the side in the lookback. */
    public long n;
    /** Mean bucket volume. */
    public double m;
    /** Fraction of buckets with volume above m. */
    public double pM;
    public double alpha;
    public double[] depthMultiples;
    /** P(q * m) for each depth multiple q. */
    public double[] fillProbability;
    public double fitError;

    /** Buckets with a price change, over which the impact was fitted. */
    public long impactBuckets;
    public double impactA;
    public double impactB;
    public double qStar;
    public double gStar;

    /** Same-ts trade groups of the side in the lookback, and the fractions moving 0..3 and 4+ ticks. */
    public long tickGroups;
    public double[] tickFractions;

    public ExecutionModelRecord() {}
}
