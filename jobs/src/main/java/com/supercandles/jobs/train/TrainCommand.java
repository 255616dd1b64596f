package com.supercandles.jobs.train;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.cli.Problems;
import com.supercandles.jobs.config.ClickHouseSettings;
import com.supercandles.jobs.config.JobOptions;
import com.supercandles.jobs.config.LiveConfig;


import com.supercandles.candle.Period;
import com.supercandles.jobs.cli.BadLines;
import com.supercandles.jobs.cli.Progress;
import com.supercandles.jobs.cli.RunOutputs;
import com.supercandles.score.ModelDirectory;
import com.supercandles.score.CandleFeatures;
import com.supercandles.score.ScoreBands;
import com.supercandles.sinks.clickhouse.ClickHouseSql;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/supercandles train}: the model score from candles (files or a ClickHouse query) into a
 * versioned model directory that {@code replay}, {@code live} and {@code demo} read with {@code --model}.
 */
public final class TrainCommand {
    private TrainCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = JobOptions.withClickHouseOptions(new CommandOptions("train",
                "Trains the model score (analytics.md, \"Model score\") on candles: gradient-boosted trees (XGBoost)\n"
                        + "and a linear classifier for \"the high reaches +move\" and \"the low reaches -move\" within the\n"
                        + "horizon, split by time (train, validation, test), the phase guard's PCA and the strategies'\n"
                        + "backtest; writes a model directory with the models, the feature definitions and the metrics.")
                .option("candles", "FILE|DIR", "A candle JSON-lines file (replay --out) or a directory of them.", "")
                .option("clickhouse-where", "SQL",
                        "Instead of --candles: read the candles from ClickHouse's supercandles table (clickhouse.*"
                                + " options), rows matching this condition, e.g. \"symbol IN ('SBER')\".", "")
                .option("period", "PERIOD", "The candle period to train on (and to score live).", "1m")
                .option("horizon", "N", "Bars after bar t within which the move is looked for.", "15")
                .option("move", "PERCENT", "The move, in percent of bar t's close.", "0.5")
                .option("scorer", "auto|gbt|linear", "The classifiers the score uses (auto: lower validation log loss).", "auto")
                .option("band-threshold", "X", "Alert bands: multiples of 0.05 beyond this score.", "0.15")
                .option("phase-window", "N", "Bars in the phase guard's rolling reconstruction error.", "20")
                .option("guard-window", "N", "Bars in the guard's rolling Sharpe of each strategy.", "100")
                .option("strict", "true|false", "Stop at the first line of --candles that cannot be read (by default"
                        + " such lines are skipped, counted and reported with their line numbers).", "false")
                .option("shuffle-labels", "SEED", "Honesty check: shuffle the labels across time (the AUCs must fall to ~0.5).", "")
                .option("out", "DIR", "The model directory to write (must not exist).", "models/score-PERIOD-TIME"), false);
        if (!o.parse(args, out)) {
            return 0;
        }
        Trainer.Settings s = new Trainer.Settings();
        Problems problems = Problems.ofOptions(); // every option's problem at once
        s.period = problems.check("period", () -> Period.parse(o.text("period")));
        Integer horizon = problems.check("horizon", () -> o.positiveInt("horizon"));
        Double move = problems.check("move", () -> o.positiveNumber("move"));
        s.scorer = o.text("scorer");
        if (!List.of("auto", "gbt", "linear").contains(s.scorer)) {
            problems.add("scorer", "must be auto, gbt or linear, not '" + s.scorer + "'");
        }
        Double bandThreshold = problems.check("band-threshold", () -> o.nonNegativeNumber("band-threshold"));
        Integer phaseWindow = problems.check("phase-window", () -> o.positiveInt("phase-window"));
        Integer guardWindow = problems.check("guard-window", () -> o.positiveInt("guard-window"));
        Long shuffle = o.text("shuffle-labels").isEmpty() ? null
                : problems.check("shuffle-labels", () -> o.longValue("shuffle-labels"));
        Boolean strict = problems.check("strict", () -> o.bool("strict"));
        boolean fromFiles = !o.text("candles").isEmpty();
        if (fromFiles == !o.text("clickhouse-where").isEmpty()) {
            problems.add("give either --candles FILE|DIR or --clickhouse-where SQL");
        }
        if (!problems.isEmpty()) {
            throw new CommandOptions.UsageException(problems.report(null));
        }
        s.horizon = horizon;
        s.move = move / 100;
        s.bands = new ScoreBands(bandThreshold, ScoreBands.DEFAULT_STEP);
        s.phaseWindow = phaseWindow;
        s.guardWindow = guardWindow;
        if (shuffle != null) {
            s.shuffleLabels = shuffle;
        }
        BadLines bad = new BadLines(strict);
        String id = o.has("out") ? Paths.get(o.text("out")).getFileName().toString()
                : "score-" + s.period + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = o.has("out") ? Paths.get(o.text("out")) : Paths.get("models", id);
        RunOutputs outputs = new RunOutputs("train").createsDirectory("--out", dir);
        if (fromFiles) {
            outputs.reads("--candles", Paths.get(o.text("candles")), name -> name.endsWith(".jsonl"));
        }
        Trainer.Result r;
        try (RunOutputs staged = outputs.prepare()) {
            try {
                CandleSeries candles;
                if (fromFiles) {
                    try (Progress progress = Progress.onStderr("reading candles", "lines", 0)) {
                        candles = CandleSeries.read(Paths.get(o.text("candles")), s.period, bad, progress);
                    }
                    bad.report().forEach(err::println);
                    if (candles.repeatedWindows > 0) {
                        err.printf("note: %,d candles repeat a window read before (re-emitted candles, or overlapping"
                                + " files): each window counts once, in its last version%n", candles.repeatedWindows);
                    }
                } else {
                    candles = fromClickHouse(o, s.period);
                }
                if (candles.size() == 0) {
                    String source = fromFiles ? String.join(", ", candles.files.stream().map(Path::toString).toList())
                            : "ClickHouse";
                    throw new IllegalStateException(bad.linesRead() == bad.count() && fromFiles
                            ? source + " holds no candles" + (bad.count() > 0 ? " that could be read" : " (it is empty)")
                            : source + " holds no candles of " + s.period + ": train on a period the candles have"
                                    + " (--period) or replay with it first");
                }
                out.printf("Training on %,d candles of %s, %d symbol%s (%s)%n", candles.size(), s.period,
                        candles.bars.size(), candles.bars.size() == 1 ? "" : "s", fromFiles ? candles.files : "ClickHouse");
                try (Progress training = Progress.status("training (trees, linear classifier, phase guard, backtest)")) {
                    r = new Trainer(s).train(candles, id);
                } catch (Trainer.TooLittleData e) {
                    throw new CommandOptions.UsageException(e.getMessage());
                }
                ModelWriter.write(staged.staged(dir), r, s, candles);
                staged.commit();
            } catch (Exception e) {
                throw staged.explain(e);
            }
        }
        print(r, out);
        out.println("Model written to " + dir + " (score it with: bin/supercandles replay ... --model " + dir + ")");
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static void print(Trainer.Result r, PrintStream out) {
        Map<String, Object> rep = r.report;
        out.println("  rows: " + rep.get("rows") + (Boolean.TRUE.equals(rep.get("shuffled_labels")) ? " (labels shuffled)" : ""));
        Map<String, Object> rates = (Map<String, Object>) rep.get("label_rates");
        out.printf(java.util.Locale.ROOT, "  label rates (train): up %.1f %%, down %.1f %%%n", (Double) rates.get("up") * 100,
                (Double) rates.get("down") * 100);
        out.println("  model      part        label  AUC     log loss");
        Map<String, Object> metrics = (Map<String, Object>) rep.get("metrics");
        for (Map.Entry<String, Object> m : metrics.entrySet()) {
            for (Map.Entry<String, Object> part : ((Map<String, Object>) m.getValue()).entrySet()) {
                for (Map.Entry<String, Object> label : ((Map<String, Object>) part.getValue()).entrySet()) {
                    Map<String, Object> v = (Map<String, Object>) label.getValue();
                    out.printf(java.util.Locale.ROOT, "  %-10s %-11s %-6s %.4f  %.4f%n", m.getKey(), part.getKey(),
                            label.getKey(), (Double) v.get("auc"), (Double) v.get("log_loss"));
                }
            }
        }
        out.println("  scorer: " + r.scorer + " (trees: " + rep.get("rounds") + " rounds)");
        out.println("  the score as a strategy on the test period (at last-trade prices, 1.5 bps a side: bid-ask bounce"
                + " flatters it; judge at the quotes): " + rep.get("score_strategy_test"));
        out.println("  phase guard: " + rep.get("phase"));
    }

    private static CandleSeries fromClickHouse(CommandOptions o, Period period) throws Exception {
        LiveConfig config = JobOptions.clickHouseConfig(o);
        if (config == null || config.get("clickhouse.url").isEmpty()) {
            throw new CommandOptions.UsageException("--clickhouse-where needs --clickhouse.url");
        }
        List<String> columns = new ArrayList<>(List.of("symbol", "period", "toUInt64(window_start) * 1000 AS window_start",
                "toUInt64(window_end) * 1000 AS window_end", "pr_close", "pr_high", "pr_low", "cancel_orders_b",
                "cancel_orders_s"));
        for (String f : CandleFeatures.FIELDS) {
            if (!columns.contains(f)) {
                columns.add(f);
            }
        }
        var connection = ClickHouseSettings.connection(config);
        String sql = "SELECT " + String.join(", ", columns) + " FROM " + connection.qualified("supercandles")
                + " FINAL WHERE period = '" + period + "' AND (" + o.text("clickhouse-where") + ")"
                + " ORDER BY symbol, window_start FORMAT JSONEachRow";
        try (ClickHouseSql client = new ClickHouseSql(connection)) {
            return CandleSeries.ofJsonLines(List.of(client.query(sql).split("\n")), period, "ClickHouse");
        }
    }
}
