package com.supercandles.jobs.backtest;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.cli.Problems;
import com.supercandles.jobs.config.JobOptions;
import com.supercandles.jobs.config.SignalKeys;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.config.FormatOptions;
import com.supercandles.jobs.graph.EventInput;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;

import com.supercandles.output.Outputs;
import com.supercandles.candle.Period;
import com.supercandles.jobs.cli.BadLines;
import com.supercandles.jobs.cli.LineEstimate;
import com.supercandles.jobs.cli.Progress;
import com.supercandles.jobs.cli.RunOutputs;
import com.supercandles.signal.SignalBar;
import com.supercandles.signal.SignalSettings;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code bin/supercandles backtest}: the job's paper strategies over recorded events (the whole job, as
 * {@code replay}), over a candle file of this project or over a MOEX AlgoPack SuperCandle export; prints
 * quantstats' metrics table per (symbol, period) and writes the records and a self-contained HTML report.
 */
public final class BacktestCommand {
    private BacktestCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = JobOptions.withJobOptions(FormatOptions.with(new CommandOptions("backtest",
                "Runs the paper strategies (the job's own operators) over recorded events (--input, like replay),\n"
                        + "a candle JSON-lines file (--candles) or a MOEX AlgoPack SuperCandle CSV (--algopack); prints\n"
                        + "quantstats' metrics per strategy and writes signals.jsonl and report.html into --out.")
                .option("input", "DIR", "Recorded trades/orders/book files, or a venue's files (--format): the whole job runs on them.", "")
                .option("candles", "FILE", "A candle JSON-lines file (a replay's output).", "")
                .option("algopack", "FILE", "A MOEX AlgoPack SuperCandle CSV (tradestats, orderstats, obstats merged).", "")
                .option("algopack-period", "PERIOD", "The bar length of the AlgoPack file.", "5m")
                .option("algopack-time", "start|end", "Whether AlgoPack's tradetime is a bar's start or its end.", "start")
                .option("period", "LIST", "With --input: the candle periods.", "5m")
                .option("strict", "true|false", "Stop at the first line of --candles/--algopack that cannot be read"
                        + " (by default such lines are skipped, counted and reported with their line numbers).", "false")
                .option("out", "DIR", "Where signals.jsonl and report.html go.", "backtest-output")))
                .checkUnknownWithSettings();
        if (!o.parse(args, out)) {
            return 0;
        }
        // every option is checked before anything is read, and every problem reported at once
        Problems problems = Problems.ofOptions();
        int sources = (o.text("input").isEmpty() ? 0 : 1) + (o.text("candles").isEmpty() ? 0 : 1)
                + (o.text("algopack").isEmpty() ? 0 : 1);
        if (sources != 1) {
            problems.add("give exactly one of --input DIR, --candles FILE, --algopack FILE");
        }
        if (!o.text("algopack-time").equals("start") && !o.text("algopack-time").equals("end")) {
            problems.add("algopack-time", "must be start or end, got '" + o.text("algopack-time") + "'");
        }
        Boolean strict = problems.check("strict", () -> o.bool("strict"));
        Period algoPackPeriod = o.text("algopack").isEmpty() ? null
                : problems.check("algopack-period", () -> Period.parse(o.text("algopack-period")));
        boolean fromEvents = !o.text("input").isEmpty();
        SuperCandlesSettings job = null;
        if (fromEvents) {
            problems.check("parallelism", () -> o.positiveInt("parallelism"));
            job = JobOptions.settings(o, problems); // throws with every problem found so far
            requireStrategies(job.signals());
        } else {
            problems.addAll(o.deferred());
            SignalKeys.settings(o.given(), null, problems); // their values; the periods once the bars are read
            if (!problems.isEmpty()) {
                throw new CommandOptions.UsageException(problems.report(null));
            }
        }
        BadLines bad = new BadLines(strict);
        Path dir = Paths.get(o.text("out"));
        Path signals = dir.resolve("signals.jsonl");
        Path report = dir.resolve("report.html");
        RunOutputs outputs = new RunOutputs("backtest").writes("--out", signals).writes("--out", report);
        JobOptions.readsJobFiles(o, outputs);
        SignalSettings settings;
        if (fromEvents) {
            Path input = Paths.get(o.text("input"));
            settings = job.signals();
            int parallelism = o.positiveInt("parallelism");
            EventInput events = FormatOptions.input(o, input);
            Path candles = dir.resolve("candles.jsonl");
            Path deadLetters = dir.resolve("dead-letters.jsonl");
            outputs.reads("--input", input, events.readsName()).writes("--out", candles).writes("--out", deadLetters);
            try (RunOutputs staged = outputs.prepare()) {
                try {
                    if (events.jsonFiles() != null) {
                        Replay.warnEmpty(events.jsonFiles(), err);
                    }
                    Replay.Summary s = Replay.run(job, events, ReplayFiles.of(staged.staged(candles),
                            staged.staged(deadLetters)).with(Outputs.SIGNALS, staged.staged(signals)), null, parallelism,
                            off -> err.println("note: " + off));
                    out.printf("Replayed %s: %,d lines (%s), %,d candles, %,d signal records%n", input, s.linesRead(),
                            Replay.linesPerStream(s), s.records(Outputs.CANDLES), s.records(Outputs.SIGNALS));
                    if (s.linesRead() == 0) {
                        throw new IllegalStateException(input + " holds no events (" + String.join(", ", s.files)
                                + "): there is nothing to backtest");
                    }
                    writeResults(staged, signals, report, new BacktestParameters("Backtest of " + input.getFileName(),
                            "recorded events in " + input, settings), out);
                    staged.commit();
                } catch (Exception e) {
                    throw staged.explain(e);
                }
            }
        } else {
            boolean candleFile = !o.text("candles").isEmpty();
            String option = candleFile ? "--candles" : "--algopack";
            Path file = readable(Paths.get(o.text(option.substring(2))), option);
            outputs.reads(option, file);
            try (RunOutputs staged = outputs.prepare();
                 Progress progress = Progress.onStderr("reading " + file.getFileName(), "lines", LineEstimate.of(file))) {
                try {
                    List<SignalBar> bars = candleFile ? BarFiles.candleJsonLines(file, bad, progress)
                            : BarFiles.algoPackCsv(file, algoPackPeriod, o.text("algopack-time").equals("start"), bad, progress);
                    progress.close();
                    bad.report().forEach(err::println);
                    long repeated = BarFiles.repeatedWindows(bars);
                    if (repeated > 0) {
                        err.printf("note: %,d bars repeat a window read before (re-emitted candles, or overlapping files):"
                                + " each window counts once, in its last version%n", repeated);
                    }
                    if (bars.isEmpty()) {
                        throw new IllegalStateException(file + " holds no bars" + (bad.count() > 0
                                ? " that could be read (" + bad.count() + " bad lines, listed above)" : " (it is empty)"));
                    }
                    try {
                        settings = SignalKeys.settings(o.given(), Backtest.periods(bars));
                    } catch (IllegalArgumentException e) {
                        throw new CommandOptions.UsageException(e.getMessage());
                    }
                    requireStrategies(settings);
                    Backtest.run(bars, settings, staged.staged(signals));
                    out.printf("Read %,d bars of %s%s%n", bars.size(), file,
                            bad.count() > 0 ? String.format(" (%,d bad lines skipped)", bad.count()) : "");
                    String source = candleFile ? "candle file " + file
                            : "MOEX AlgoPack CSV " + file + " (" + o.text("algopack-period") + " bars, tradetime = bar "
                                    + o.text("algopack-time") + ", Moscow time)";
                    writeResults(staged, signals, report, new BacktestParameters("Backtest of " + file.getFileName(), source,
                            settings), out);
                    staged.commit();
                } catch (Exception e) {
                    throw staged.explain(e);
                }
            }
        }
        out.println("Signal records: " + signals);
        out.println("Report (parameters, this table, prices and trades, equity curves, drawdowns): " + report);
        return 0;
    }

    /** The metrics table on stdout and the report, from the staged signal records. */
    private static void writeResults(RunOutputs staged, Path signals, Path report, BacktestParameters parameters,
                                     PrintStream out) throws java.io.IOException {
        StrategySeries results = StrategySeries.read(staged.staged(signals));
        if (results.bySymbolAndPeriod.isEmpty()) {
            throw new IllegalStateException("the strategies made no records: " + parameters.source() + " gave no candle of"
                    + " their period (" + (parameters.settings().periods.isEmpty() ? "the shortest candle period"
                    : parameters.settings().periods) + "); check --period and --signal.periods, and the dead letters"
                    + " if every line was rejected");
        }
        out.println();
        out.print(MetricsTable.render(results));
        Files.writeString(staged.staged(report), HtmlReport.render(results, parameters), StandardCharsets.UTF_8);
    }

    private static void requireStrategies(SignalSettings settings) throws CommandOptions.UsageException {
        if (settings.strategies.isEmpty()) {
            throw new CommandOptions.UsageException("--signal.strategies none: a backtest needs at least one strategy");
        }
    }

    private static Path readable(Path file, String option) throws CommandOptions.UsageException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CommandOptions.UsageException(option + ": cannot read " + file + (Files.exists(file)
                    ? (Files.isDirectory(file) ? " (a directory: name the file)" : " (permission denied)")
                    : " (no such file)"));
        }
        return file;
    }
}
