package com.supercandles.score;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The model score the demo ships with: trained on the simulator's market (its default seed, 3 symbols,
 * 180 minutes, 10 s candles; docs/model-score.md gives the commands), kept in the jar, written out where the
 * demo keeps its files so the job reads it like any model directory.
 */
public final class DemoModel {
    public static final String RESOURCE = "/demo-model/";
    public static final String[] FILES = {"model.json", "up.xgboost.json", "down.xgboost.json"};

    private DemoModel() {}

    /** Writes the demo model's files into {@code dir} (created if missing) and returns it. */
    public static Path extract(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : FILES) {
            try (InputStream in = DemoModel.class.getResourceAsStream(RESOURCE + f)) {
                if (in == null) {
                    throw new IOException("the demo model's " + f + " is missing from the jar: rebuild with mvn install");
                }
                Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }
}
