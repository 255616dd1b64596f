package com.supercandles.score;

import com.supercandles.candle.BookMetric;
import com.supercandles.candle.FlowFigures;
import com.supercandles.candle.SuperCandle;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The features by hand on a short series, and the honesty check: nothing of bar t + 1 reaches bar t. */
class CandleFeaturesTest {
    private static SuperCandle candle(int t, double close, double vol, double disb) {
        SuperCandle c = new SuperCandle();
        c.symbol = "A";
        c.period = "1m";
        c.windowStart = 1_700_000_000_000L + t * 60_000L;
        c.windowEnd = c.windowStart + 60_000L;
        c.trades = new FlowFigures();
        c.trades.vol = vol;
        c.trades.count = 3;
        c.puts = new FlowFigures();
        c.cancels = new FlowFigures();
        c.book = new double[BookMetric.values().length];
        c.prClose = close;
        c.disb = disb;
        c.prChange = 0.1 * t;
        c.prStd = Double.NaN;
        return c;
    }

    private static double feature(double[] f, String name) {
        return f[CandleFeatures.names().indexOf(name)];
    }

    @Test
    void returnsAndZScoresByHand() {
        CandleFeatures features = new CandleFeatures();
        double[] closes = {100, 101, 99, 102, 103, 104, 98};
        double[] vols = {10, 20, 30, 40, 50, 60, 70};
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < closes.length; t++) {
            out.add(features.push(candle(t, closes[t], vols[t], 0.5)));
        }
        assertThat(feature(out.get(0), "ret_1")).isNaN();
        assertThat(feature(out.get(1), "ret_1")).isEqualTo(Math.log(101.0 / 100));
        assertThat(feature(out.get(4), "ret_5")).isNaN();
        assertThat(feature(out.get(5), "ret_5")).isEqualTo(Math.log(104.0 / 100));
        assertThat(feature(out.get(6), "ret_5")).isEqualTo(Math.log(98.0 / 101));
        // z of vol at t=2 over 10, 20, 30: mean 20, population sd sqrt(200/3)
        assertThat(feature(out.get(2), "z20_vol")).isCloseTo(10 / Math.sqrt(200.0 / 3), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(feature(out.get(0), "z20_vol")).isNaN();           // one value: no spread yet
        assertThat(feature(out.get(6), "z20_disb")).isEqualTo(0.0);   // constant: no surprise
        assertThat(feature(out.get(3), "vol")).isEqualTo(40.0);
        assertThat(feature(out.get(3), "trades")).isEqualTo(3.0);
        assertThat(feature(out.get(3), "pr_std")).isNaN();
        assertThat(CandleFeatures.names()).hasSize(out.get(0).length).doesNotHaveDuplicates();
    }

    /** Features of a whole series, by a function that reads the series (a feature set under test). */
    static List<double[]> ofSeries(List<SuperCandle> candles) {
        CandleFeatures features = new CandleFeatures();
        List<double[]> out = new ArrayList<>();
        for (SuperCandle c : candles) {
            out.add(features.push(c));
        }
        return out;
    }

    /**
     * The honesty check: for several t, change every candle after t at random and recompute: the
     * features of bars 0..t must not move by a bit.
     */
    static void assertNoPeek(Function<List<SuperCandle>, List<double[]>> featureSet, List<SuperCandle> candles, long seed) {
        Random random = new Random(seed);
        List<double[]> before = featureSet.apply(candles);
        for (int t : new int[] {0, 17, 40, candles.size() / 2, candles.size() - 2}) {
            List<SuperCandle> changed = new ArrayList<>(candles.subList(0, t + 1));
            for (int u = t + 1; u < candles.size(); u++) {
                changed.add(candle(u, 50 + 100 * random.nextDouble(), 1000 * random.nextDouble(), random.nextDouble() * 2 - 1));
            }
            List<double[]> after = featureSet.apply(changed);
            for (int u = 0; u <= t; u++) {
                for (int k = 0; k < before.get(u).length; k++) {
                    if (Double.doubleToLongBits(before.get(u)[k]) != Double.doubleToLongBits(after.get(u)[k])) {
                        throw new AssertionError("feature " + k + " of bar " + u + " changed when the bars after " + t
                                + " changed: it peeks at the future");
                    }
                }
            }
        }
    }

    private static List<SuperCandle> randomCandles(int n) {
        Random random = new Random(3);
        List<SuperCandle> candles = new ArrayList<>();
        double close = 100;
        for (int t = 0; t < n; t++) {
            close *= Math.exp(0.01 * random.nextGaussian());
            candles.add(candle(t, close, 100 * random.nextDouble(), random.nextDouble() * 2 - 1));
        }
        return candles;
    }

    @Test
    void theFeaturesOfBarTDoNotDependOnAnyLaterBar() {
        assertNoPeek(CandleFeaturesTest::ofSeries, randomCandles(200), 11);
    }

    @Test
    void theCheckCatchesAFeatureThatPeeksAtTheNextBar() {
        Function<List<SuperCandle>, List<double[]>> peeking = candles -> {
            List<double[]> out = ofSeries(candles);
            for (int t = 0; t + 1 < candles.size(); t++) {
                out.get(t)[0] = candles.get(t + 1).prClose; // "tomorrow's close", as leaky tools align it
            }
            return out;
        };
        assertThatThrownBy(() -> assertNoPeek(peeking, randomCandles(200), 11))
                .hasMessageContaining("peeks at the future");
    }
}
