package com.supercandles.jobs.train;

import com.supercandles.jobs.cli.CommandOptions;

import com.supercandles.output.Outputs;

import com.supercandles.candle.Period;
import com.supercandles.jobs.cli.BadLines;
import com.supercandles.jobs.cli.Progress;
import com.supercandles.jobs.cli.RunOutputs;
import com.supercandles.score.ModelDirectory;
import com.supercandles.score.ModelBar;
import com.supercandles.score.ScoreModel;
import com.supercandles.score.ScoreRecord;
import com.supercandles.score.ScoringState;

import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/supercandles score}: the offline scores of a candle file with a model directory, through
 * the same {@link ScoringState} the job keeps per symbol: the job's scores of the same candles are the
 * same bits.
 */
public final class ScoreCommand {
    private ScoreCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = new CommandOptions("score",
                "Scores a candle file (or a directory of them) with a trained model, offline: one score record per\n"
                        + "candle of the model's period, as the job writes them.")
                .option("model", "DIR", "The model directory (bin/supercandles train).", null)
                .option("candles", "FILE|DIR", "A candle JSON-lines file (replay --out) or a directory of them.", null)
                .option("out", "FILE", "Where the score records go, as JSON Lines.", null)
                .option("strict", "true|false", "Stop at the first line of --candles that cannot be read (by default"
                        + " such lines are skipped, counted and reported with their line numbers).", "false");
        if (!o.parse(args, out)) {
            return 0;
        }
        Path modelDir = Paths.get(o.text("model"));
        Path candleInput = Paths.get(o.text("candles"));
        Path target = Paths.get(o.text("out"));
        BadLines bad = new BadLines(o.bool("strict"));
        ScoreModel model = ModelDirectory.read(modelDir);
        RunOutputs outputs = new RunOutputs("score").reads("--model", modelDir).reads("--candles", candleInput,
                name -> name.endsWith(".jsonl")).writes("--out", target);
        long n = 0;
        CandleSeries candles;
        try (RunOutputs staged = outputs.prepare()) {
            try {
                try (Progress progress = Progress.onStderr("reading candles", "lines", 0)) {
                    candles = CandleSeries.read(candleInput, Period.parse(model.period), bad, progress);
                }
                bad.report().forEach(err::println);
                    if (candles.repeatedWindows > 0) {
                        err.printf("note: %,d candles repeat a window read before (re-emitted candles, or overlapping"
                                + " files): each window counts once, in its last version%n", candles.repeatedWindows);
                    }
                try (BufferedWriter w = Files.newBufferedWriter(staged.staged(target), StandardCharsets.UTF_8)) {
                    for (Map.Entry<String, List<ModelBar>> e : candles.bars.entrySet()) {
                        ScoringState state = new ScoringState();
                        for (ModelBar bar : e.getValue()) {
                            ScoreRecord r = new ScoreRecord();
                            if (state.score(bar, model, r)) {
                                w.write(Outputs.SCORES.toJson(r));
                                w.newLine();
                                n++;
                            }
                        }
                    }
                }
                staged.commit();
            } catch (Exception e) {
                throw staged.explain(e);
            }
        }
        if (candles.size() == 0) {
            err.println("warning: " + candles.files + " hold no candles of the model's period " + model.period
                    + ": nothing was scored");
        }
        out.printf("Scored %,d candles of %s (%d symbols) with model %s -> %s%n", n, model.period,
                candles.bars.size(), model.id, target);
        return 0;
    }
}
