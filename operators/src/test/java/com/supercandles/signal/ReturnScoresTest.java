package com.supercandles.signal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The incremental scores against hand figures and against {@link ReferenceSignals}' two-pass ones. */
class ReturnScoresTest {
    private static final double P = 365 * 288; // 5-minute bars around the clock

    private static ReturnScores of(double... r) {
        ReturnScores s = new ReturnScores();
        for (double v : r) {
            s.add(v, 1);
        }
        return s;
    }

    @Test
    void handFiguresOfAShortSeries() {
        ReturnScores s = of(0.1, -0.1);
        assertThat(s.equity).isCloseTo(0.99, within(1e-15));
        assertThat(s.totalReturn()).isCloseTo(-0.01, within(1e-15));
        assertThat(s.sharpe(P)).isCloseTo(0.0, within(1e-15)); // mean 0
        assertThat(s.omega()).isCloseTo(1.0, within(1e-15));   // 0.1 / 0.1
        assertThat(s.maxDrawdown).isCloseTo(0.99 / 1.1 - 1, within(1e-15));
        assertThat(s.timeInMarket()).isEqualTo(1.0);
        assertThat(s.cagr(2)).isCloseTo(0.99 - 1, within(1e-15)); // P / n = 1

        // 1, 2, 3 %: mean 2 %, std 1 %, so the raw Sharpe is exactly 2; no negative return
        ReturnScores up = of(0.01, 0.02, 0.03);
        assertThat(up.rawSharpe()).isCloseTo(2.0, within(1e-12));
        assertThat(up.sharpe(4)).isCloseTo(4.0, within(1e-12));
        assertThat(up.omega()).isNaN();
        assertThat(up.sortino(4)).isNaN();
        // lag-1 pairs (1,2), (2,3): perfectly correlated, so the penalty is sqrt(1 + 2 (2/3 + 1/3)) = sqrt 3
        assertThat(up.lag1Correlation()).isCloseTo(1.0, within(1e-12));
        assertThat(up.autocorrPenalty()).isCloseTo(Math.sqrt(3), within(1e-12));
        assertThat(up.probSharpe()).isNaN(); // fewer than 4 returns
    }

    @Test
    void nullWhereTheContractSaysSo() {
        ReturnScores one = of(0.01);
        assertThat(one.sharpe(P)).isNaN();
        assertThat(one.sortino(P)).isNaN();
        assertThat(one.autocorrPenalty()).isNaN();
        assertThat(one.totalReturn()).isCloseTo(0.01, within(1e-15));
        ReturnScores flat = of(0, 0, 0, 0, 0);
        assertThat(flat.sharpe(P)).isNaN();        // zero deviation
        assertThat(flat.lag1Correlation()).isNaN(); // undefined rho
        assertThat(flat.probSharpe()).isNaN();
        assertThat(flat.omega()).isNaN();          // no negative return
        assertThat(flat.maxDrawdown).isZero();
        assertThat(of(0.01, -0.01).autocorrPenalty()).isNaN(); // fewer than 3 returns
    }

    /** Every prefix of long random series, with flat stretches and fat tails, against the two-pass figures. */
    @Test
    void everyPrefixMatchesTheTwoPassComputation() {
        Random random = new Random(11);
        for (int series = 0; series < 4; series++) {
            ReturnScores s = new ReturnScores();
            double[] r = new double[1500];
            for (int i = 0; i < r.length; i++) {
                double g = random.nextGaussian() * 0.002 + (series - 1.5) * 0.0002;
                r[i] = random.nextInt(10) < 3 ? 0 : random.nextInt(50) == 0 ? g * 8 : g;
                s.add(r[i], 1);
                if (i % 7 != 0 && i > 40) {
                    continue;
                }
                double[] expected = ReferenceSignals.scores(java.util.Arrays.copyOf(r, i + 1), P);
                double penalty = s.autocorrPenalty();
                double[] actual = {s.totalReturn(), s.cagr(P), s.sharpe(P), s.sharpe(P) / penalty, s.sortino(P),
                        s.sortino(P) / penalty, s.sortino(P) / Math.sqrt(2), s.probSharpe(), s.omega(), s.maxDrawdown};
                String[] names = {"total_return", "cagr", "sharpe", "smart_sharpe", "sortino", "smart_sortino",
                        "sortino_sqrt2", "prob_sharpe", "omega", "max_drawdown"};
                for (int k = 0; k < actual.length; k++) {
                    double tolerance = names[k].equals("prob_sharpe") ? 1e-6 : 1e-9;
                    assertClose(names[k] + " of series " + series + " at n=" + (i + 1), actual[k], expected[k], tolerance);
                }
            }
        }
    }

    static void assertClose(String what, double actual, double expected, double relative) {
        if (Double.isNaN(expected) || !Double.isFinite(actual)) {
            assertThat(Double.isFinite(actual) ? "" + actual : "null").as(what)
                    .isEqualTo(Double.isNaN(expected) ? "null" : "" + expected);
            return;
        }
        assertThat(actual).as(what).isCloseTo(expected, within(relative * Math.max(1e-12, Math.abs(expected))));
    }
}
