package com.supercandles.alert;

import com.supercandles.candle.Period;
import com.supercandles.candle.SuperCandle;

/**
 * What the candle sequences read of a candle: flink-cep keeps every candle of a partial match in its
 * state, serialized (a POJO), so it keeps these fields instead of the whole SuperCandle.
 */
public class SequenceCandle {
    public String symbol;
    /** The period's label: with the symbol, the key of the sequences, and the alert's text. */
    public String period;
    /**
     * The period's length, from the {@link Period} the candle is of. Added after release v1: a candle
     * checkpointed by v1 restores with 0 here (POJO schema evolution); such a candle is only ever in the
     * run of a match, never its turn (the candle just processed), and only the turn's is read.
     */
    public long periodMs;
    public long windowEnd;
    public double disb;
    public double close;

    public SequenceCandle() {}

    /** What the sequences read of {@code c}, a candle of {@code period}. */
    public static SequenceCandle of(SuperCandle c, Period period) {
        SequenceCandle s = new SequenceCandle();
        s.symbol = c.symbol;
        s.period = c.period;
        s.periodMs = period.millis();
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
