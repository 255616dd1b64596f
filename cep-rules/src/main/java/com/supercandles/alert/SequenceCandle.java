package com.supercandles.alert;

import com.supercandles.candle.SuperCandle;

/**
 * What the candle sequences read of a candle: flink-cep keeps every candle of a partial match in its
 * state, serialized, so it keeps these five fields instead of the whole SuperCandle.
 */
public class SequenceCandle {
    public String symbol;
    public String period;
    public long windowEnd;
    public double disb;
    public double close;

    public SequenceCandle() {}

    public static SequenceCandle of(SuperCandle c) {
        SequenceCandle s = new SequenceCandle();
        s.symbol = c.symbol;
        s.period = c.period;
        s.windowEnd = c.windowEnd;
        s.disb = c.disb;
        s.close = c.prClose;
        return s;
    }

    /** +1 for a buyers' candle (disb above {@code buyers}), -1 for a sellers' one (below -{@code sellers}), else 0. */
    int side(double buyers, double sellers) {
        return disb > buyers ? 1 : disb < -sellers ? -1 : 0;
    }
}
