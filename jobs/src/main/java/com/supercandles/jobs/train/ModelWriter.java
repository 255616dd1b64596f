package com.supercandles.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supercandles.score.LinearClassifier;
import com.supercandles.score.ModelDirectory;
import com.supercandles.score.PhaseModel;
import com.supercandles.score.Standardizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.supercandles.score.ModelDirectory.FORMAT;
import static com.supercandles.score.ModelDirectory.MANIFEST;

/**
 * Writes a trained model directory in the layout {@link ModelDirectory} reads. Doubles are written at
 * full precision, so a model read back scores the same bits as the one that was written.
 */
public final class ModelWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelWriter() {}

    /** Fails unless {@code dir} can become a new model directory (it is written once). */
    public static void requireNew(Path dir) throws IOException {
        if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
            throw new IOException(dir + " exists and is not empty: a model directory is written once (choose a new --out)");
        }
    }

    public static void write(Path dir, Trainer.Result r, Trainer.Settings s, CandleSeries candles) throws IOException {
        requireNew(dir);
        Files.createDirectories(dir);
        Files.write(dir.resolve(ModelDirectory.UP_TREES), r.upTrees.xgboostJson);
        Files.write(dir.resolve(ModelDirectory.DOWN_TREES), r.downTrees.xgboostJson);
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
        // in this order every time (a Map.of's order differs from one JVM to the next)
        ObjectNode split = training.putObject("split");
        split.put("train", s.trainShare);
        split.put("validation", s.validationShare);
        split.put("test", 1 - s.trainShare - s.validationShare);
        split.put("purged_horizon", true);
        m.put("scorer", r.scorer);
        ObjectNode models = m.putObject("models");
        ObjectNode gbt = models.putObject("gbt");
        gbt.put("up", ModelDirectory.UP_TREES);
        gbt.put("down", ModelDirectory.DOWN_TREES);
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

    private static ObjectNode linear(LinearClassifier c) {
        ObjectNode n = JSON.createObjectNode();
        n.set("scaling", scaling(c.scaling));
        n.set("weights", array(c.weights));
        n.put("bias", c.bias);
        return n;
    }

    private static ObjectNode scaling(Standardizer s) {
        ObjectNode n = JSON.createObjectNode();
        n.set("mean", array(s.mean));
        n.set("sd", array(s.sd));
        return n;
    }

    private static ArrayNode array(double[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
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
