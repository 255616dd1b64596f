package com.supercandles.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.score.TreeEnsemble;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient-boosted trees fitted by XGBoost (binary logistic, one thread, no sampling: the same data
 * gives the same trees), the number of rounds (up to maxRounds) with the lowest log loss on the validation rows; the
 * result is XGBoost's own JSON model (kept in the model directory, loadable by XGBoost) and its trees
 * for {@link TreeEnsemble}.
 */
public final class GradientBoosting {
    private static final ObjectMapper JSON = new ObjectMapper();

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
            int rounds = bestRounds(trees(probe.toByteArray("json")), validation, validationLabels);
            probe.dispose();
            Booster booster = XGBoost.train(dTrain, params(), rounds, new LinkedHashMap<>(), null, null, null, 0);
            byte[] json = booster.toByteArray("json");
            booster.dispose();
            return new Fitted(json, trees(json), rounds);
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
                double p = Math.min(1 - 1e-15, Math.max(1e-15, 1 / (1 + Math.exp(-margins[t]))));
                loss[t] -= labels[i] ? Math.log(p) : Math.log(1 - p);
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

    /** The trees of XGBoost's JSON model (format of XGBoost 2 and 3: learner.gradient_booster.model.trees). */
    public static TreeEnsemble trees(byte[] xgboostJson) throws IOException {
        JsonNode learner = JSON.readTree(xgboostJson).path("learner");
        String objective = learner.path("objective").path("name").asText();
        if (!"binary:logistic".equals(objective)) {
            throw new IOException("an XGBoost model of objective '" + objective + "', expected binary:logistic");
        }
        double baseScore = Double.parseDouble(learner.path("learner_model_param").path("base_score").asText()
                .replace("[", "").replace("]", ""));
        JsonNode trees = learner.path("gradient_booster").path("model").path("trees");
        if (!trees.isArray()) {
            throw new IOException("no trees in the XGBoost model (learner.gradient_booster.model.trees)");
        }
        int total = 0;
        for (JsonNode t : trees) {
            total += t.path("left_children").size();
        }
        int[] left = new int[total];
        int[] right = new int[total];
        int[] feature = new int[total];
        float[] value = new float[total];
        boolean[] defaultLeft = new boolean[total];
        int[] roots = new int[trees.size()];
        int at = 0;
        int tree = 0;
        for (JsonNode t : trees) {
            roots[tree++] = at;
            JsonNode l = t.path("left_children");
            JsonNode r = t.path("right_children");
            JsonNode f = t.path("split_indices");
            JsonNode c = t.path("split_conditions");
            JsonNode dl = t.path("default_left");
            for (int i = 0; i < l.size(); i++) {
                left[at + i] = l.get(i).asInt() < 0 ? -1 : at + l.get(i).asInt();
                right[at + i] = r.get(i).asInt() < 0 ? -1 : at + r.get(i).asInt();
                feature[at + i] = f.get(i).asInt();
                value[at + i] = (float) c.get(i).asDouble(); // a leaf's value sits in split_conditions
                defaultLeft[at + i] = dl.get(i).asInt() != 0;
            }
            at += l.size();
        }
        return new TreeEnsemble(left, right, feature, value, defaultLeft, roots, Math.log(baseScore / (1 - baseScore)));
    }
}
