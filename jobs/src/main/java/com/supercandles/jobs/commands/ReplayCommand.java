package com.supercandles.jobs.commands;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.cli.Problems;
import com.supercandles.jobs.config.JobOptions;
import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.config.SignalKeys;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.config.FormatOptions;
import com.supercandles.jobs.graph.ClickHouseOutput;
import com.supercandles.jobs.graph.EventInput;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;

import com.supercandles.jobs.cli.RunOutputs;
import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** {@code bin/supercandles replay}: recorded files through the job, candles to a JSON Lines file. */
public final class ReplayCommand {
    private ReplayCommand() {}

    static CommandOptions options() {
        return new CommandOptions("replay",
                "Runs the SuperCandles job (the same graph as the live job) on recorded files and writes one\n"
                        + "JSON object per candle. DIR holds any of trades.jsonl, orders.jsonl, book.jsonl, or --input\n"
                        + "names a venue's files (--format: Binance, tardis.dev; see docs/bring-your-own-data.md).")
                .option("input", "DIR", "Directory with the recorded streams, or a venue's file or directory (--format).", null)
                .option("out", "FILE", "Where the candles go, as JSON Lines.", null)
                .option("period", "LIST", "Candle periods, comma-separated: 1s to 1d, e.g. 30s, 1m, 5m, 1h, 1d.", "5m");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = JobOptions.withClickHouseOptions(JobOptions.withJobOptions(FormatOptions.with(options()))
                .option("dead-letters", "FILE", "Where rejected and late records go, as JSON Lines.",
                        "FILE of --out with .dead-letters.jsonl")
                .option("models-out", "FILE", "Where the execution-model records go, as JSON Lines.",
                        "FILE of --out with .models.jsonl")
                .option("signals-out", "FILE", "Where the paper strategies' records go, as JSON Lines.",
                        "FILE of --out with .signals.jsonl")
                .option("alerts-out", "FILE", "Where the watchdogs' alerts go, as JSON Lines.",
                        "FILE of --out with .alerts.jsonl")
                .option("scores-out", "FILE", "With --model: where the score records go (the guard's beside them, .guard.jsonl).",
                        "FILE of --out with .scores.jsonl"), true).checkUnknownWithSettings();
        if (!o.parse(args, out)) {
            return 0;
        }
        Path input = Paths.get(o.text("input"));
        Path candlesOut = Paths.get(o.text("out"));
        Problems problems = Problems.ofOptions(); // the command's own options, reported with the job's at once
        problems.check("parallelism", () -> o.positiveInt("parallelism"));
        problems.check(null, () -> JobOptions.clickHouseConfig(o));
        SuperCandlesSettings settings = JobOptions.settings(o, problems);
        int parallelism = o.positiveInt("parallelism");
        EventInput events = FormatOptions.input(o, input);
        boolean withSignals = !settings.signals().strategies.isEmpty();
        boolean withScores = settings.scoreModel() != null;
        ReplayFiles outFiles = ReplayFiles.of(candlesOut, outFile(o, Outputs.DEAD_LETTERS, candlesOut));
        for (OutputKind<?> kind : Outputs.ALL) {
            if (kind.beside() == null && !outFiles.files().containsKey(kind)
                    && SuperCandlesSettings.makes(kind, withSignals, withScores)) {
                outFiles.with(kind, outFile(o, kind, candlesOut));
            }
        }
        RunOutputs outputs = new RunOutputs("replay").reads("--input", input, events.readsName());
        outFiles.files().forEach((kind, file) -> outputs.writes("--" + option(kind), file));
        Path deadLetters = outFiles.file(Outputs.DEAD_LETTERS);
        Path models = outFiles.file(Outputs.MODELS);
        Path signals = outFiles.file(Outputs.SIGNALS);
        Path alerts = outFiles.file(Outputs.ALERTS);
        Path scores = outFiles.file(Outputs.SCORES);
        JobOptions.readsJobFiles(o, outputs);
        ClickHouseOutput clickHouse = clickHouse(o);
        Replay.Summary s;
        boolean followUps;
        try (RunOutputs staged = outputs.prepare()) {
            if (clickHouse != null) {
                clickHouse.prepare().forEach(out::println);
            }
            if (events.jsonFiles() != null) {
                Replay.warnEmpty(events.jsonFiles(), err);
            }
            try {
                s = Replay.run(settings, events, outFiles.map(staged::staged), clickHouse, parallelism,
                        off -> err.println("note: " + off));
            } catch (Exception e) {
                if (clickHouse != null) {
                    err.println("supercandles replay: the rows inserted into ClickHouse before the failure stay there;"
                            + " a re-run replaces them (the tables keep one row per key: read with FINAL)");
                }
                throw staged.explain(e);
            }
            followUps = Files.exists(staged.staged(outFiles.file(Outputs.ANOMALY_FOLLOW_UPS)));
            staged.commit();
        }
        out.println("Replayed " + input + " (" + String.join(", ", s.files) + ") at " + o.text("period"));
        out.printf("  lines read:   %,d (%s)%n", s.linesRead(), Replay.linesPerStream(s));
        out.printf("  events:       %,d (%s)%n", s.linesRead() - s.rejected, Replay.perStream(s.events));
        out.printf("  rejected:     %,d (not events: their lines and reasons are in the dead letters)%n", s.rejected);
        out.printf("  late:         %,d (behind the watermark: in the dead letters, not in the candles)%n", s.late);
        out.printf("  duplicates:   %,d (repeated trade ids, kept out of the candles)%n", s.duplicates);
        out.printf("  candles:      %,d -> %s%n", s.records(Outputs.CANDLES), candlesOut);
        out.printf("  dead letters: %,d (rejected + late + duplicates) -> %s%n", s.rejected + s.late + s.duplicates,
                deadLetters);
        out.printf("  model records: %,d -> %s%n", s.records(Outputs.MODELS), models);
        if (withSignals) {
            out.printf("  signal records: %,d -> %s (%s on %s)%n", s.records(Outputs.SIGNALS), signals,
                    SignalKeys.strategyNames(settings.signals()), settings.signals().periodsOf(settings.periods()));
        }
        out.printf("  alerts: %,d -> %s (the event-time watchdogs; feed staleness and latency run live only)%n",
                lineCount(alerts), alerts);
        Path followUpsFile = outFiles.file(Outputs.ANOMALY_FOLLOW_UPS);
        if (followUps) { // market anomalies run on 1-minute candles only
            out.printf("  anomaly follow-ups: %,d -> %s%n", lineCount(followUpsFile), followUpsFile);
        }
        if (withScores) {
            out.printf("  score records: %,d -> %s (model %s on %s)%n", s.records(Outputs.SCORES), scores,
                    settings.scoreModel().id, settings.scoreModel().period);
            out.printf("  guard records: %,d -> %s%n", s.records(Outputs.GUARD), outFiles.file(Outputs.GUARD));
        }
        if (clickHouse != null) {
            out.println("  ClickHouse:   candles and dead letters also -> "
                    + clickHouse.connection().qualified("supercandles") + ", "
                    + clickHouse.connection().qualified("dead_letters") + " (read with FINAL)");
        }
        if (s.linesRead() == 0) {
            err.println("warning: " + input + " holds no events (" + String.join(", ", s.files)
                    + "): nothing was computed; check that --input names the recorded directory");
        }
        return 0;
    }

    private static long lineCount(Path file) throws IOException {
        try (java.util.stream.Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /** The ClickHouse output of {@code --clickhouse.url ...}, or null without it (a backfill of recorded data). */
    private static ClickHouseOutput clickHouse(CommandOptions o) throws Exception {
        LiveConfig config = JobOptions.clickHouseConfig(o);
        return config == null ? null : ClickHouseOutput.of(config);
    }

    /**
     * The option that names a kind's file: {@code --out} (the candles), {@code --dead-letters}, else
     * {@code --NAME-out}; a kind written beside another is named by that kind's option.
     */
    static String option(OutputKind<?> kind) {
        if (kind.beside() != null) {
            return option(Outputs.named(kind.beside()));
        }
        return kind == Outputs.CANDLES ? "out" : kind == Outputs.DEAD_LETTERS ? "dead-letters" : kind.name() + "-out";
    }

    /** The file the options name for {@code kind}, or its place beside the candles. */
    private static Path outFile(CommandOptions o, OutputKind<?> kind, Path candlesOut) {
        return o.has(option(kind)) ? Paths.get(o.text(option(kind))) : ReplayFiles.besideCandles(candlesOut, kind);
    }

}
