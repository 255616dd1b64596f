package com.supercandles.jobs;

import com.supercandles.candle.Period;
import com.supercandles.event.EventType;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.jobs.cli.RunOutputs;
import com.supercandles.model.ExecutionModelSettings;
import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/** {@code bin/supercandles replay}: recorded files through the job, candles to a JSON Lines file. */
final class ReplayCommand {
    private ReplayCommand() {}

    static CommandOptions options() {
        return new CommandOptions("replay",
                "Runs the SuperCandles job (the same graph as the live job) on recorded files and writes one\n"
                        + "JSON object per candle. DIR holds any of trades.jsonl, orders.jsonl, book.jsonl.")
                .option("input", "DIR", "Directory with the recorded streams.", null)
                .option("out", "FILE", "Where the candles go, as JSON Lines.", null)
                .option("period", "LIST", "Candle periods, comma-separated: 1s to 1d, e.g. 30s, 1m, 5m, 1h, 1d.", "5m");
    }

    /** The options every command that runs the job shares. */
    static CommandOptions withJobOptions(CommandOptions o) {
        return SignalKeys.declare(o.passThrough(WatchdogKeys.PREFIX, WatchdogKeys.HELP)
                .option("lot-size", "N", "Default lot size (val = price * qty * lot).", "1")
                .option("tick-size", "N", "Default tick size.", "0.01")
                .option("depth-notional", "N", "Default notional of the *_1mio book metrics.", "1000000")
                .option("instruments", "FILE",
                        "Per-symbol overrides: a properties file of SYMBOL.lot_size, SYMBOL.tick_size, "
                                + "SYMBOL.depth_notional lines.", "")
                .option("max-out-of-orderness", "DURATION",
                        "How far behind the newest event an event may arrive and still count.", "5s")
                .option("allowed-lateness", "DURATION",
                        "How long a closed window still takes late events (each re-emits the candle).", "0")
                .option("max-future-skew", "DURATION", "Events stamped further ahead of the clock are rejected.", "1d")
                .option("parallelism", "N", "Flink parallelism of the local run.", "1")
                .option("model-period", "PERIOD", "Candle period at whose close the execution model runs.",
                        "the shortest of --period")
                .option("model-lookback", "DURATION", "Rolling lookback of the execution model.", "1h")
                .option("model-bucket", "DURATION", "Bucket size of the execution model.", "1s")
                .option("model-depths", "LIST", "Depths at which P is reported, in multiples of m.", "0.5,1,2,3,5")
                .option("model", "DIR", "A trained model score (bin/supercandles train): scores each candle of its"
                        + " period, runs the market-phase guard, alerts on band changes.", ""));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = MigrateCommand.withClickHouseOptions(withJobOptions(options())
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
        problems.check(null, () -> clickHouseConfig(o));
        SuperCandlesSettings settings = settings(o, problems);
        int parallelism = o.positiveInt("parallelism");
        Map<EventType, Path> files = Replay.inputFiles(input);
        boolean withSignals = !settings.signals().strategies.isEmpty();
        boolean withScores = settings.scoreModel() != null;
        ReplayFiles outFiles = ReplayFiles.of(candlesOut, outFile(o, Outputs.DEAD_LETTERS, candlesOut));
        for (OutputKind<?> kind : Outputs.ALL) {
            boolean runs = kind == Outputs.SIGNALS ? withSignals : kind == Outputs.SCORES ? withScores : true;
            if (kind.beside() == null && !outFiles.files().containsKey(kind) && runs) {
                outFiles.with(kind, outFile(o, kind, candlesOut));
            }
        }
        RunOutputs outputs = new RunOutputs("replay").reads("--input", input, Replay::isStreamFile);
        outFiles.files().forEach((kind, file) -> outputs.writes("--" + option(kind), file));
        Path deadLetters = outFiles.file(Outputs.DEAD_LETTERS);
        Path models = outFiles.file(Outputs.MODELS);
        Path signals = outFiles.file(Outputs.SIGNALS);
        Path alerts = outFiles.file(Outputs.ALERTS);
        Path scores = outFiles.file(Outputs.SCORES);
        readsJobFiles(o, outputs);
        ClickHouseOutput clickHouse = clickHouse(o);
        Replay.Summary s;
        boolean followUps;
        try (RunOutputs staged = outputs.prepare()) {
            if (clickHouse != null) {
                clickHouse.prepare().forEach(out::println);
            }
            warnEmpty(files, err);
            try {
                s = Replay.run(settings, input, outFiles.map(staged::staged), clickHouse, parallelism);
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
        out.printf("  lines read:   %,d (%s)%n", s.linesRead(), linesPerStream(s));
        out.printf("  events:       %,d (%s)%n", s.linesRead() - s.rejected, perStream(s.events));
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

    /** The files the job's options name (instruments, a model) are inputs too: no output may land on them. */
    static void readsJobFiles(CommandOptions o, RunOutputs outputs) {
        for (String option : new String[] {"instruments", "model"}) {
            if (!o.text(option).isEmpty()) {
                outputs.reads("--" + option, Paths.get(o.text(option)));
            }
        }
    }

    /** Warns about stream files with nothing in them: a replay of them "succeeds" with no candles. */
    static void warnEmpty(Map<EventType, Path> files, PrintStream err) throws IOException {
        boolean allEmpty = true;
        for (Path f : files.values()) {
            allEmpty &= Files.size(f) == 0;
        }
        if (allEmpty) {
            return; // the summary's warning that the input holds no events says it once
        }
        for (Path f : files.values()) {
            if (Files.size(f) == 0) {
                err.println("warning: " + f + " is empty (0 bytes): its stream contributes nothing");
            }
        }
    }

    private static long lineCount(Path file) throws IOException {
        try (java.util.stream.Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    /** "trades 209 = 205 events + 4 rejected, orders 1,000": lines of each file, split where any was rejected. */
    static String linesPerStream(Replay.Summary s) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<EventType, Long> e : s.events.entrySet()) {
            long rejected = s.rejectedOf.getOrDefault(e.getKey(), 0L);
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey().streamName()).append(".jsonl ").append(String.format("%,d", e.getValue() + rejected));
            if (rejected > 0) {
                b.append(String.format(" = %,d events + %,d rejected", e.getValue(), rejected));
            }
        }
        return b.toString();
    }

    /** The ClickHouse output of {@code --clickhouse.url ...}, or null without it (a backfill of recorded data). */
    private static ClickHouseOutput clickHouse(CommandOptions o) throws Exception {
        LiveConfig config = clickHouseConfig(o);
        return config == null ? null : ClickHouseOutput.of(config);
    }

    /** The {@code clickhouse.*} options of a command as a configuration, or null without {@code clickhouse.url}. */
    static LiveConfig clickHouseConfig(CommandOptions o) throws IOException, CommandOptions.UsageException {
        Map<String, String> keys = new java.util.HashMap<>();
        o.given().forEach((k, v) -> {
            if (k.startsWith("clickhouse.")) {
                keys.put(k, v);
            }
        });
        if (!keys.containsKey("clickhouse.url")) {
            return null;
        }
        try {
            return LiveConfig.loadClickHouseOnly(null, keys, System::getenv);
        } catch (IllegalArgumentException e) {
            throw new CommandOptions.UsageException(e.getMessage());
        }
    }

    /** The job's settings from the options: every wrong one in one usage error, not one per run. */
    static SuperCandlesSettings settings(CommandOptions o) throws Exception {
        return settings(o, Problems.ofOptions());
    }

    /** The job's settings; {@code problems} found by the command before are reported with theirs, at once. */
    static SuperCandlesSettings settings(CommandOptions o, Problems problems) throws Exception {
        problems.addAll(o.deferred());
        Double lot = problems.check("lot-size", () -> o.positiveNumber("lot-size"));
        Double tick = problems.check("tick-size", () -> o.positiveNumber("tick-size"));
        Double depth = problems.check("depth-notional", () -> o.positiveNumber("depth-notional"));
        Instruments instruments = lot == null || tick == null || depth == null ? null
                : problems.check("instruments", () -> {
                    InstrumentSpec defaults = new InstrumentSpec(lot, tick, depth);
                    if (o.text("instruments").isEmpty()) {
                        return Instruments.withDefaults(defaults);
                    }
                    Path file = Paths.get(o.text("instruments"));
                    String unreadable = com.supercandles.jobs.cli.UserMessages.unreadableFile(file);
                    if (unreadable != null) {
                        throw new IllegalArgumentException(unreadable);
                    }
                    return Instruments.load(file, defaults);
                });
        var periods = problems.check("period", () -> Period.parseList(o.text("period")));
        Period modelPeriod = o.has("model-period") ? problems.check("model-period", () -> Period.parse(o.text("model-period")))
                : periods != null ? periods.get(0) : null;
        var lookback = problems.check("model-lookback", () -> o.duration("model-lookback"));
        var bucket = problems.check("model-bucket", () -> o.duration("model-bucket"));
        var depths = problems.check("model-depths", () -> ExecutionModelSettings.parseDepths(o.text("model-depths")));
        var executionModel = modelPeriod == null || lookback == null || bucket == null || depths == null ? null
                : problems.check(null, () -> new ExecutionModelSettings(modelPeriod, lookback, bucket, depths));
        var outOfOrderness = problems.check("max-out-of-orderness", () -> o.duration("max-out-of-orderness"));
        var lateness = problems.check("allowed-lateness", () -> o.duration("allowed-lateness"));
        var futureSkew = problems.check("max-future-skew", () -> o.duration("max-future-skew"));
        var signals = SignalKeys.settings(o.given(), periods, problems);
        var watchdogs = WatchdogKeys.settings(o.given(), problems);
        com.supercandles.score.ScoreModel scoreModel = null;
        IOException unreadableModel = null; // a failure (exit 1), not a usage error: after the usage errors
        try {
            scoreModel = periods == null ? null : scoreModel(o, periods);
        } catch (CommandOptions.UsageException e) {
            problems.add("model", e.getMessage());
        } catch (IOException e) {
            unreadableModel = e;
        }
        if (!problems.isEmpty()) {
            throw new CommandOptions.UsageException(problems.report(null));
        }
        if (unreadableModel != null) {
            throw unreadableModel;
        }
        return new SuperCandlesSettings()
                .periods(periods)
                .signals(signals)
                .watchdogs(watchdogs)
                .executionModel(executionModel)
                .instruments(instruments)
                .maxOutOfOrderness(outOfOrderness)
                .allowedLateness(lateness)
                .maxFutureSkew(futureSkew)
                .scoreModel(scoreModel);
    }

    /** The model of {@code --model}, or null; one whose period the job does not make is refused. */
    static com.supercandles.score.ScoreModel scoreModel(CommandOptions o, java.util.List<Period> periods)
            throws IOException, CommandOptions.UsageException {
        try {
            return o.text("model").isEmpty() ? null
                    : com.supercandles.score.ModelDirectory.readFor(Paths.get(o.text("model")), periods, "--model");
        } catch (IllegalArgumentException e) {
            throw new CommandOptions.UsageException(e.getMessage());
        }
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

    static String perStream(Map<EventType, Long> events) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<EventType, Long> e : events.entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey().streamName()).append(' ').append(String.format("%,d", e.getValue()));
        }
        return b.toString();
    }
}
