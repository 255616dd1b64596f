package com.supercandles.jobs;

import com.supercandles.candle.Period;
import com.supercandles.jobs.backtest.Backtest;
import com.supercandles.jobs.backtest.BacktestParameters;
import com.supercandles.jobs.backtest.BarFiles;
import com.supercandles.jobs.backtest.HtmlReport;
import com.supercandles.jobs.backtest.MetricsTable;
import com.supercandles.jobs.backtest.StrategySeries;
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
final class BacktestCommand {
    private BacktestCommand() {}

    static int run(String[] args, PrintStream out) throws Exception {
        CommandOptions o = ReplayCommand.withJobOptions(new CommandOptions("backtest",
                "Runs the paper strategies (the job's own operators) over recorded events (--input, like replay),\n"
                        + "a candle JSON-lines file (--candles) or a MOEX AlgoPack SuperCandle CSV (--algopack); prints\n"
                        + "quantstats' metrics per strategy and writes signals.jsonl and report.html into --out.")
                .option("input", "DIR", "Recorded trades/orders/book files: the whole job runs on them.", "")
                .option("candles", "FILE", "A candle JSON-lines file (a replay's output).", "")
                .option("algopack", "FILE", "A MOEX AlgoPack SuperCandle CSV (tradestats, orderstats, obstats merged).", "")
                .option("algopack-period", "PERIOD", "The bar length of the AlgoPack file.", "5m")
                .option("algopack-time", "start|end", "Whether AlgoPack's tradetime is a bar's start or its end.", "start")
                .option("period", "LIST", "With --input: the candle periods.", "5m")
                .option("out", "DIR", "Where signals.jsonl and report.html go.", "backtest-output"));
        if (!o.parse(args, out)) {
            return 0;
        }
        int sources = (o.text("input").isEmpty() ? 0 : 1) + (o.text("candles").isEmpty() ? 0 : 1)
                + (o.text("algopack").isEmpty() ? 0 : 1);
        if (sources != 1) {
            throw new CommandOptions.UsageException("give exactly one of --input DIR, --candles FILE, --algopack FILE");
        }
        if (!o.text("algopack-time").equals("start") && !o.text("algopack-time").equals("end")) {
            throw new CommandOptions.UsageException("--algopack-time must be start or end, got '" + o.text("algopack-time") + "'");
        }
        Path dir = Paths.get(o.text("out"));
        Files.createDirectories(dir);
        Path signals = dir.resolve("signals.jsonl");
        ReplayCommand.requireWritable(signals);
        String title;
        String source;
        SignalSettings settings;
        if (!o.text("input").isEmpty()) {
            Path input = Paths.get(o.text("input"));
            Replay.inputFiles(input);
            SuperCandlesSettings job = ReplayCommand.settings(o);
            settings = job.signals();
            requireStrategies(settings);
            Replay.Summary s = Replay.run(job, input, dir.resolve("candles.jsonl"), dir.resolve("dead-letters.jsonl"),
                    null, signals, null, o.positiveInt("parallelism"));
            out.printf("Replayed %s: %,d events, %,d candles, %,d signal records%n", input, s.eventsRead(), s.candles,
                    s.signalRecords);
            title = "Backtest of " + input.getFileName();
            source = "recorded events in " + input;
        } else {
            List<SignalBar> bars;
            Path file;
            if (!o.text("candles").isEmpty()) {
                file = Paths.get(o.text("candles"));
                bars = BarFiles.candleJsonLines(readable(file));
            } else {
                file = Paths.get(o.text("algopack"));
                Period period;
                try {
                    period = Period.parse(o.text("algopack-period"));
                } catch (IllegalArgumentException e) {
                    throw new CommandOptions.UsageException("--algopack-period: " + e.getMessage());
                }
                bars = BarFiles.algoPackCsv(readable(file), period, o.text("algopack-time").equals("start"));
            }
            if (bars.isEmpty()) {
                throw new CommandOptions.UsageException(file + " holds no bars");
            }
            try {
                settings = SignalKeys.settings(o.given(), Backtest.periods(bars));
            } catch (IllegalArgumentException e) {
                throw new CommandOptions.UsageException(e.getMessage());
            }
            requireStrategies(settings);
            Backtest.run(bars, settings, signals);
            out.printf("Read %,d bars of %s%n", bars.size(), file);
            title = "Backtest of " + file.getFileName();
            source = o.text("candles").isEmpty()
                    ? "MOEX AlgoPack CSV " + file + " (" + o.text("algopack-period") + " bars, tradetime = bar "
                            + o.text("algopack-time") + ", Moscow time)"
                    : "candle file " + file;
        }
        StrategySeries results = StrategySeries.read(signals);
        out.println();
        out.print(MetricsTable.render(results));
        Path report = dir.resolve("report.html");
        Files.writeString(report, HtmlReport.render(results, new BacktestParameters(title, source, settings)),
                StandardCharsets.UTF_8);
        out.println("Signal records: " + signals);
        out.println("Report (parameters, this table, prices and trades, equity curves, drawdowns): " + report);
        return 0;
    }

    private static void requireStrategies(SignalSettings settings) throws CommandOptions.UsageException {
        if (settings.strategies.isEmpty()) {
            throw new CommandOptions.UsageException("--signal.strategies none: a backtest needs at least one strategy");
        }
    }

    private static Path readable(Path file) throws CommandOptions.UsageException {
        if (!Files.isReadable(file)) {
            throw new CommandOptions.UsageException("cannot read " + file);
        }
        return file;
    }
}
