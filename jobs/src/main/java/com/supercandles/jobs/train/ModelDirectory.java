package com.supercandles.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supercandles.score.Classifier;
import com.supercandles.score.LinearClassifier;
import com.supercandles.score.PhaseModel;
import com.supercandles.score.ScoreBands;
import com.supercandles.score.ScoreModel;
import com.supercandles.score.Standardizer;
import com.supercandles.score.TreeEnsemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 */
public final class ModelDirectory {
    public static final int FORMAT = 1;
    public static final String MANIFEST = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelDirectory() {}

    /** Fails unless {@code dir} can become a new model directory (it is written once). */
    public static void requireNew(Path dir) throws IOException {
        if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
            throw new IOException(dir + " exists and is not empty: a model directory is written once (choose a new --out)");
        }
    }

    public static void write(Path dir, Trainer.Result r, Trainer.Settings s, CandleSeries candles) throws IOException {
        requireNew(dir);
        Files.createDirectories(dir);
        Files.write(dir.resolve("up.xgboost.json"), r.upTrees.xgboostJson);
        Files.write(dir.resolve("down.xgboost.json"), r.downTrees.xgboostJson);
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("id", r.model.id);
        m.put("created", Instant.now().toString());
        m.put("period", r.model.period);
        ObjectNode features = m.putObject("features");
        features.put("version", r.model.featureVersion);
        r.model.featureNames.forEach(features.putArray("names")::add);
        ObjectNode labels = m.putObject("labels");
        labels.put("horizon_bars", s.horizon);
        labels.put("move", s.move);
        labels.put("up", "max(pr_high of the bars ending within horizon_bars periods after bar t) >= pr_close_t * (1 + move)");
        labels.put("down", "min(pr_low of those bars) <= pr_close_t * (1 - move)");
        ObjectNode training = m.putObject("training");
        ArrayNode files = training.putArray("files");
        candles.files.forEach(f -> files.add(f.toAbsolutePath().toString()));
        training.put("symbols", candles.bars.size());
        training.put("candles", candles.size());
        training.set("split", JSON.valueToTree(Map.of("train", s.trainShare, "validation", s.validationShare,
                "test", 1 - s.trainShare - s.validationShare, "purged_horizon", true)));
        m.put("scorer", r.scorer);
        ObjectNode models = m.putObject("models");
        ObjectNode gbt = models.putObject("gbt");
        gbt.put("up", "up.xgboost.json");
        gbt.put("down", "down.xgboost.json");
        gbt.put("max_depth", s.trees.maxDepth);
        gbt.put("eta", s.trees.eta);
        ObjectNode linear = models.putObject("linear");
        linear.set("up", linear(r.upLinear));
        linear.set("down", linear(r.downLinear));
        ObjectNode bands = m.putObject("bands");
        bands.put("threshold", r.model.bands.threshold);
        bands.put("step", r.model.bands.step);
        PhaseModel phase = r.model.phase;
        ObjectNode p = m.putObject("phase");
        p.put("kind", "pca");
        p.set("scaling", scaling(phase.scaling));
        ArrayNode components = p.putArray("components");
        for (double[] c : phase.components) {
            components.add(array(c));
        }
        p.put("window", phase.window);
        p.put("threshold", phase.threshold);
        p.put("quantile", s.phaseQuantile);
        ObjectNode guard = m.putObject("guard");
        guard.put("window", r.model.guardWindow);
        ObjectNode sharpe = guard.putObject("backtest_sharpe");
        r.model.backtestSharpe.forEach(sharpe::put);
        m.set("report", JSON.valueToTree(finite(r.report)));
        JSON.writeValue(dir.resolve(MANIFEST).toFile(), m);
    }

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
                    + com.supercandles.jobs.cli.UserMessages.json(e) + "; train it again with bin/supercandles train)", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("model at " + dir + " is not usable: " + e.getMessage()
                    + " (train it again with bin/supercandles train)", e);
        }
    }

    /**
     * Reads a model for a job that makes candles of {@code periods}; one of another period is refused
     * (IllegalArgumentException) saying which setting ({@code option}) to change.
     */
    public static ScoreModel readFor(Path dir, java.util.List<com.supercandles.candle.Period> periods, String option)
            throws IOException {
        ScoreModel model = read(dir);
        if (!periods.contains(com.supercandles.candle.Period.parse(model.period))) {
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
            throw new IOException("the tree model " + path + " is not JSON (" + com.supercandles.jobs.cli.UserMessages.json(e)
                    + "); train the model again with bin/supercandles train", e);
        }
    }

    private static ObjectNode linear(LinearClassifier c) {
        ObjectNode n = JSON.createObjectNode();
        n.set("scaling", scaling(c.scaling));
        n.set("weights", array(c.weights));
        n.put("bias", c.bias);
        return n;
    }

    private static LinearClassifier linear(JsonNode n) {
        return new LinearClassifier(scaling(n.path("scaling")), doubles(n.path("weights")), n.path("bias").asDouble());
    }

    private static ObjectNode scaling(Standardizer s) {
        ObjectNode n = JSON.createObjectNode();
        n.set("mean", array(s.mean));
        n.set("sd", array(s.sd));
        return n;
    }

    private static Standardizer scaling(JsonNode n) {
        return new Standardizer(doubles(n.path("mean")), doubles(n.path("sd")));
    }

    private static ArrayNode array(double[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    /** The report with NaN and infinities as null (JSON has neither). */
    @SuppressWarnings("unchecked")
    private static Object finite(Object o) {
        if (o instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) o).forEach((k, v) -> out.put(k, finite(v)));
            return out;
        }
        if (o instanceof Double && !Double.isFinite((Double) o)) {
            return null;
        }
        return o;
    }
}
