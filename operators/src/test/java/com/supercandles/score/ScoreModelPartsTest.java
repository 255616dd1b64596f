package com.supercandles.score;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

/** The model score's parts on inputs whose answers are known by hand or by construction. */
class ScoreModelPartsTest {

    /** Two stumps: tree 0 splits feature 0 at 0.1f (missing goes right), tree 1 splits feature 1 at 5 (missing left). */
    private static TreeEnsemble stumps() {
        return new TreeEnsemble(
                new int[] {1, -1, -1, 4, -1, -1},
                new int[] {2, -1, -1, 5, -1, -1},
                new int[] {0, 0, 0, 1, 0, 0},
                new float[] {0.1f, -1f, 2f, 5f, 0.25f, -0.5f},
                new boolean[] {false, false, false, true, false, false},
                new int[] {0, 3}, 0.3);
    }

    @Test
    void treesWalkAsXGBoostDoes() {
        TreeEnsemble t = stumps();
        // 0.05 < 0.1f: left (-1); 1 < 5: left (+0.25)
        assertThat(t.margin(new double[] {0.05, 1})).isEqualTo(0.3 + (-1 + 0.25)); // the leaves' sum, then the base
        // 0.1 as a double is below 0.1f (0.100000001...) but equals it in float: XGBoost compares in float, right (+2)
        assertThat(t.margin(new double[] {0.1, 7})).isEqualTo(0.3 + (2 - 0.5));
        // missing values follow each node's default: right in tree 0, left in tree 1
        assertThat(t.margin(new double[] {Double.NaN, Double.NaN})).isEqualTo(0.3 + (2 + 0.25));
        assertThat(t.marginsByTree(new double[] {0.05, 1})).containsExactly(0.3 + -1, 0.3 + (-1 + 0.25));
        assertThat(t.probability(new double[] {0.05, 1})).isEqualTo(1 / (1 + Math.exp(-(0.3 + (-1 + 0.25)))));
        assertThat(t.maxFeature()).isEqualTo(1);
        assertThatThrownBy(() -> new TreeEnsemble(new int[] {1, -1}, new int[] {-1, -1}, new int[2], new float[2],
                new boolean[2], new int[] {0}, 0)).hasMessageContaining("broken child");
    }

    @Test
    void bandsAreStepsOfFiveHundredthsBeyondTheThresholdAndReadLikeTheContract() {
        ScoreBands b = new ScoreBands(0.15, 0.05);
        assertThat(b.band(-0.26)).isEqualTo(-3);
        assertThat(ScoreBands.message("BTCUSD", 60_518.0, b.band(-0.26), -0.26))
                .isEqualTo("BTCUSD 60,518 \uD83D\uDCC9\uD83D\uDCC9\uD83D\uDCC9 Score: -0.26");
        assertThat(b.band(0.15)).isZero();        // at the threshold: not beyond it
        assertThat(b.band(0.1501)).isEqualTo(1);
        assertThat(b.band(0.2)).isEqualTo(1);     // an edge belongs to the band below it
        assertThat(b.band(0.2001)).isEqualTo(2);
        assertThat(b.band(-0.14)).isZero();
        assertThat(b.band(1.0)).isEqualTo(17);
        assertThat(b.edge(-3)).isCloseTo(0.25, offset(1e-12));
        assertThat(ScoreBands.message("X", 123.456, 2, 0.21)).isEqualTo("X 123.46 \uD83D\uDCC8\uD83D\uDCC8 Score: 0.21");
        assertThat(ScoreBands.message("X", 1.23456, 0, 0.01)).isEqualTo("X 1.2346 Score: 0.01");
        assertThatThrownBy(() -> new ScoreBands(1.5, 0.05)).hasMessageContaining("threshold must be in [0, 1)");
    }

    @Test
    void logisticRegressionRecoversKnownWeights() {
        Random r = new Random(3);
        int n = 40_000;
        double[][] x = new double[n][3];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = 10 + 2 * r.nextGaussian();              // scaled: its standardized weight is 2 x 0.5
            x[i][2] = r.nextDouble() < 0.1 ? Double.NaN : r.nextGaussian(); // no effect, sometimes missing
            double m = -0.5 + 1.5 * x[i][0] + 0.5 * (x[i][1] - 10);
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-m));
        }
        LinearClassifier c = LinearClassifier.fit(x, y, 1e-6);
        // weights are per standard deviation of each feature (sd of x1 is 2)
        assertThat(c.weights[0]).isCloseTo(1.5, offset(0.06));
        assertThat(c.weights[1]).isCloseTo(1.0, offset(0.06));
        assertThat(c.weights[2]).isCloseTo(0.0, offset(0.06));
        assertThat(c.probability(new double[] {0, 10, Double.NaN})).isCloseTo(1 / (1 + Math.exp(0.5)), offset(0.03));
    }

    @Test
    void eigenvectorsOfASymmetricMatrix() {
        Random r = new Random(5);
        int d = 6;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = r.nextGaussian();
            }
        }
        double[] values = new double[d];
        double[][] v = Matrices.symmetricEigen(a, values);
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < d; i++) {
                double av = 0;
                for (int k = 0; k < d; k++) {
                    av += a[i][k] * v[k][c];
                }
                assertThat(av).isCloseTo(values[c] * v[i][c], offset(1e-9));
            }
            if (c > 0) {
                assertThat(values[c]).isLessThanOrEqualTo(values[c - 1]);
            }
        }
    }

    /** Rows on a plane of 5 dimensions (x2..x4 combinations of x0, x1) with a little noise. */
    private static double[] onPlane(Random r, double offPlane) {
        double a = r.nextGaussian();
        double b = r.nextGaussian();
        return new double[] {a, b, a + b + 0.01 * r.nextGaussian(), a - b + 0.01 * r.nextGaussian(),
                2 * a + offPlane + 0.01 * r.nextGaussian()};
    }

    @Test
    void phaseModelFlagsCandlesOffTheTrainedPlane() {
        Random r = new Random(7);
        double[][] train = new double[5_000][];
        for (int i = 0; i < train.length; i++) {
            train[i] = onPlane(r, 0);
        }
        List<double[][]> validation = new ArrayList<>();
        double[][] series = new double[2_000][];
        for (int i = 0; i < series.length; i++) {
            series[i] = onPlane(r, 0);
        }
        validation.add(series);
        PhaseModel p = PhaseModel.fit(train, validation, 0.99, 20, 0.99);
        assertThat(p.components).hasNumberOfRows(2);
        assertThat(p.error(onPlane(r, 0))).isLessThan(1e-3);
        assertThat(p.error(onPlane(r, 3))).isGreaterThan(0.1);
        // live: twenty normal bars stay below the threshold, then a shifted market crosses it within the window
        double[] ring = new double[20];
        long seen = 0;
        double last = Double.NaN;
        for (int i = 0; i < 20; i++) {
            last = PhaseModel.rollingMean(ring, seen++, p.error(onPlane(r, 0)));
        }
        assertThat(last).isLessThanOrEqualTo(p.threshold);
        int crossedAfter = -1;
        for (int i = 1; i <= 20 && crossedAfter < 0; i++) {
            if (PhaseModel.rollingMean(ring, seen++, p.error(onPlane(r, 3))) > p.threshold) {
                crossedAfter = i;
            }
        }
        assertThat(crossedAfter).isBetween(1, 5);
    }

    @Test
    void aModelOfOtherFeaturesIsRefused() {
        Classifier half = f -> 0.5;
        List<String> names = new ArrayList<>(CandleFeatures.names());
        names.set(0, "something_else");
        ScoreModel m = new ScoreModel("m1", "1m", CandleFeatures.VERSION, names, half, half, null,
                new ScoreBands(0.15, 0.05), java.util.Map.of(), 10);
        assertThatThrownBy(m::check).hasMessageContaining("train it again");
        assertThat(new ScoreModel("m2", "1m", CandleFeatures.VERSION, CandleFeatures.names(), half, half, null,
                new ScoreBands(0.15, 0.05), java.util.Map.of(), 10).check().score(new double[CandleFeatures.COUNT])).isZero();
    }
}
