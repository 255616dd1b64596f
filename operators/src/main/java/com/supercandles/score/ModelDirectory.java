package com.supercandles.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.candle.Period;
import com.supercandles.fields.JsonText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model score on disk: {@code model.json} (what was trained on what, the features, labels,
 * split, bands, the linear classifiers, the phase model, the strategies' backtest for the guard, and
 * the metrics) beside XGBoost's own JSON of each tree model ({@code up.xgboost.json},
 * {@code down.xgboost.json}). Doubles are written at full precision, so a model read back scores the
 * same bits as the one that was written.
 *
 * <p>This class reads one; {@code bin/supercandles train} writes it. The reader sits with the score
 * so that whatever scores (the job, the benchmarks) needs nothing of the commands.
 */
public final class ModelDirectory {
    public static final int FORMAT = 1;
    public static final String MANIFEST = "model.json";
    public static final String UP_TREES = "up.xgboost.json";
    public static final String DOWN_TREES = "down.xgboost.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelDirectory() {}

    /** Reads and checks a model directory; every problem says what to fix. */
    public static ScoreModel read(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            throw new IOException(dir + " is a file, not a model directory: name the directory bin/supercandles train"
                    + " wrote (the one holding " + MANIFEST + ")");
        }
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isReadable(manifest)) {
            throw new IOException("no model at " + dir + " (" + MANIFEST + " missing): train one with "
                    + "bin/supercandles train --candles FILE --out " + dir);
        }
        try {
            JsonNode m = JSON.readTree(manifest.toFile());
            int format = m.path("format").asInt(-1);
            if (format != FORMAT) {
                throw new IOException("model format " + format + " at " + dir + ", this build reads format " + FORMAT
                        + ": train it again with bin/supercandles train");
            }
            List<String> names = new ArrayList<>();
            m.path("features").path("names").forEach(n -> names.add(n.asText()));
            String scorer = m.path("scorer").asText();
            Classifier up;
            Classifier down;
            if ("gbt".equals(scorer)) {
                up = trees(dir, m.path("models").path("gbt").path("up").asText());
                down = trees(dir, m.path("models").path("gbt").path("down").asText());
            } else if ("linear".equals(scorer)) {
                up = linear(m.path("models").path("linear").path("up"));
                down = linear(m.path("models").path("linear").path("down"));
            } else {
                throw new IOException("unknown scorer '" + scorer + "' in " + manifest);
            }
            JsonNode p = m.path("phase");
            List<double[]> components = new ArrayList<>();
            p.path("components").forEach(c -> components.add(doubles(c)));
            PhaseModel phase = new PhaseModel(scaling(p.path("scaling")), components.toArray(new double[0][]),
                    p.path("window").asInt(), p.path("threshold").asDouble());
            Map<String, Double> sharpe = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = m.path("guard").path("backtest_sharpe").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sharpe.put(e.getKey(), e.getValue().asDouble());
            }
            ScoreModel model = new ScoreModel(m.path("id").asText(), m.path("period").asText(),
                    m.path("features").path("version").asInt(), names, up, down, phase,
                    new ScoreBands(m.path("bands").path("threshold").asDouble(), m.path("bands").path("step").asDouble()),
                    sharpe, m.path("guard").path("window").asInt());
            return model.check();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("model at " + dir + " is not usable: a file of it is not JSON ("
                    + JsonText.problem(e) + "; train it again with bin/supercandles train)", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("model at " + dir + " is not usable: " + e.getMessage()
                    + " (train it again with bin/supercandles train)", e);
        }
    }

    /**
     * Reads a model for a job that makes candles of {@code periods}; one of another period is refused
     * (IllegalArgumentException) saying which setting ({@code option}) to change.
     */
    public static ScoreModel readFor(Path dir, List<Period> periods, String option)
            throws IOException {
        ScoreModel model = read(dir);
        if (!periods.contains(Period.parse(model.period))) {
            throw new IllegalArgumentException(option + " " + dir + " scores candles of " + model.period
                    + ", which the periods " + periods + " do not include: add " + model.period + " to the periods");
        }
        return model;
    }

    private static TreeEnsemble trees(Path dir, String file) throws IOException {
        Path path = dir.resolve(file);
        if (file.isEmpty() || !Files.isReadable(path)) {
            throw new IOException("the tree model " + path + " named in " + MANIFEST + " is missing");
        }
        try {
            return XGBoostJson.trees(Files.readAllBytes(path));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("the tree model " + path + " is not JSON (" + JsonText.problem(e)
                    + "); train the model again with bin/supercandles train", e);
        }
    }

    private static LinearClassifier linear(JsonNode n) {
        return new LinearClassifier(scaling(n.path("scaling")), doubles(n.path("weights")), n.path("bias").asDouble());
    }

    static Standardizer scaling(JsonNode n) {
        return new Standardizer(doubles(n.path("mean")), doubles(n.path("sd")));
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
