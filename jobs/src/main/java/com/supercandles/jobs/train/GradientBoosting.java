package com.supercandles.jobs.train;

import com.supercandles.score.XGBoostJson;

import com.supercandles.score.TreeEnsemble;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient-boosted trees fitted by XGBoost (binary logistic, one thread, no sampling: the same data
 * gives the same trees), the number of rounds (up to maxRounds) with the lowest log loss on the validation rows; the
 * result is XGBoost's own JSON model (kept in the model directory, loadable by XGBoost) and its trees
 * for {@link TreeEnsemble}.
 */
public final class GradientBoosting {
    public final int maxDepth;
    public final double eta;
    public final int maxRounds;

    public GradientBoosting(int maxDepth, double eta, int maxRounds) {
        this.maxDepth = maxDepth;
        this.eta = eta;
        this.maxRounds = maxRounds;
    }

    /** A fitted model: XGBoost's JSON and the trees' walker. */
    public static final class Fitted {
        public final byte[] xgboostJson;
        public final TreeEnsemble trees;
        public final int rounds;

        Fitted(byte[] xgboostJson, TreeEnsemble trees, int rounds) {
            this.xgboostJson = xgboostJson;
            this.trees = trees;
            this.rounds = rounds;
        }
    }

    public Fitted fit(double[][] train, boolean[] trainLabels, double[][] validation, boolean[] validationLabels)
            throws XGBoostError, IOException {
        DMatrix dTrain = matrix(train, trainLabels);
        DMatrix dValidation = matrix(validation, validationLabels);
        try {
            // Rounds by validation log loss, computed here: XGBoost's own evaluation prints to stdout natively.
            Booster probe = XGBoost.train(dTrain, params(), maxRounds, new LinkedHashMap<>(), null, null, null, 0);
            int rounds = bestRounds(XGBoostJson.trees(probe.toByteArray("json")), validation, validationLabels);
            probe.dispose();
            Booster booster = XGBoost.train(dTrain, params(), rounds, new LinkedHashMap<>(), null, null, null, 0);
            byte[] json = booster.toByteArray("json");
            booster.dispose();
            return new Fitted(json, XGBoostJson.trees(json), rounds);
        } finally {
            dTrain.dispose();
            dValidation.dispose();
        }
    }

    /** The number of trees with the lowest validation log loss (the first of equals). */
    static int bestRounds(TreeEnsemble trees, double[][] validation, boolean[] labels) {
        double[] loss = new double[trees.trees()];
        for (int i = 0; i < validation.length; i++) {
            double[] margins = trees.marginsByTree(validation[i]);
            for (int t = 0; t < margins.length; t++) {
                loss[t] += Metrics.logLoss(1 / (1 + Math.exp(-margins[t])), labels[i]);
            }
        }
        int best = 0;
        for (int t = 1; t < loss.length; t++) {
            if (loss[t] < loss[best]) {
                best = t;
            }
        }
        return best + 1;
    }

    private Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "binary:logistic");
        p.put("eval_metric", "logloss");
        p.put("max_depth", maxDepth);
        p.put("eta", eta);
        p.put("nthread", 1);
        p.put("seed", 0);
        p.put("verbosity", 0);
        return p;
    }

    static DMatrix matrix(double[][] rows, boolean[] labels) throws XGBoostError {
        int d = rows[0].length;
        float[] data = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                data[i * d + j] = (float) rows[i][j];
            }
        }
        DMatrix m = new DMatrix(data, rows.length, d, Float.NaN);
        if (labels != null) {
            float[] y = new float[labels.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels[i] ? 1f : 0f;
            }
            m.setLabel(y);
        }
        return m;
    }

    /** XGBoost's probabilities for the rows (the trainer's cross-check of the walker). */
    static double[] xgboostProbabilities(byte[] xgboostJson, double[][] rows) throws XGBoostError, IOException {
        Booster b = XGBoost.loadModel(xgboostJson);
        DMatrix m = matrix(rows, null);
        try {
            float[][] p = b.predict(m);
            double[] out = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i][0];
            }
            return out;
        } finally {
            m.dispose();
            b.dispose();
        }
    }
}
