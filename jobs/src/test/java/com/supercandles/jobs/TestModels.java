package com.supercandles.jobs;

import com.supercandles.score.DemoModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model directories for tests that need the job to score: the shipped demo model. */
final class TestModels {
    private TestModels() {}

    /**
     * The demo model (trained on 10 s candles), made to score candles of {@code period}: what the job
     * stores and sends does not depend on the period a model was trained on.
     */
    static Path demoModel(Path dir, String period) throws IOException {
        Path model = DemoModel.extract(dir);
        Files.writeString(model.resolve("model.json"), Files.readString(model.resolve("model.json"))
                .replace("\"period\" : \"10s\"", "\"period\" : \"" + period + "\""));
        return model;
    }
}
