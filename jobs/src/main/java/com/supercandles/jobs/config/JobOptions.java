package com.supercandles.jobs.config;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.cli.Problems;

import com.supercandles.candle.Period;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.jobs.cli.RunOutputs;
import com.supercandles.model.ExecutionModelSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * The options every command that runs the job shares (the job's settings, a model, ClickHouse), and
 * the settings read from them: one reading of each, whichever command runs the job.
 */
public final class JobOptions {
    private JobOptions() {}

    /** The options every command that runs the job shares. */
    public static CommandOptions withJobOptions(CommandOptions o) {
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

    /** The job's settings from the options: every wrong one in one usage error, not one per run. */
    public static SuperCandlesSettings settings(CommandOptions o) throws Exception {
        return settings(o, Problems.ofOptions());
    }

    /** The job's settings; {@code problems} found by the command before are reported with theirs, at once. */
    public static SuperCandlesSettings settings(CommandOptions o, Problems problems) throws Exception {
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

    /** The {@code clickhouse.*} options of a command as a configuration, or null without {@code clickhouse.url}. */
    public static LiveConfig clickHouseConfig(CommandOptions o) throws IOException, CommandOptions.UsageException {
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

    /** The files the job's options name (instruments, a model) are inputs too: no output may land on them. */
    public static void readsJobFiles(CommandOptions o, RunOutputs outputs) {
        for (String option : new String[] {"instruments", "model"}) {
            if (!o.text(option).isEmpty()) {
                outputs.reads("--" + option, Paths.get(o.text(option)));
            }
        }
    }

    /** Declares the {@code clickhouse.*} keys as options; {@code sinkKeys}: the batch/retry/migrate ones too. */
    public static CommandOptions withClickHouseOptions(CommandOptions o, boolean sinkKeys) {
        for (ConfigKey k : LiveConfig.KEYS) {
            boolean sinkKey = k.name.startsWith("clickhouse.batch") || k.name.startsWith("clickhouse.retry")
                    || k.name.equals("clickhouse.migrate");
            if (k.name.startsWith("clickhouse.") && (sinkKeys || !sinkKey)) {
                o.option(k.name, "VALUE", k.help, k.defaultValue);
            }
        }
        return o;
    }
}
