package com.supercandles.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * XGBoost's JSON model read without XGBoost: the job reads model directories where XGBoost is not on
 * the classpath (the cluster jar leaves it out), so nothing here may refer to its classes.
 */
public final class XGBoostJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private XGBoostJson() {}

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
