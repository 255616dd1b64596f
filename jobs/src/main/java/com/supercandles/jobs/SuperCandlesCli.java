package com.supercandles.jobs;

import com.supercandles.jobs.backtest.BacktestCommand;
import com.supercandles.jobs.bench.BenchmarkCommand;
import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.cli.NearMiss;
import com.supercandles.jobs.commands.BrokerCommand;
import com.supercandles.jobs.commands.ConvertCommand;
import com.supercandles.jobs.commands.LiveCommand;
import com.supercandles.jobs.commands.MigrateCommand;
import com.supercandles.jobs.commands.ProduceCommand;
import com.supercandles.jobs.commands.ReplayCommand;
import com.supercandles.jobs.commands.SimulateCommand;
import com.supercandles.jobs.commands.TailCommand;
import com.supercandles.jobs.demo.DemoCommand;
import com.supercandles.jobs.feed.FeedCommand;
import com.supercandles.jobs.train.ScoreCommand;
import com.supercandles.jobs.train.TrainCommand;


import com.supercandles.jobs.cli.ConsoleLogging;
import com.supercandles.jobs.cli.RunOutputs;
import com.supercandles.jobs.cli.UserMessages;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The command-line launcher behind {@code bin/supercandles}. */
public final class SuperCandlesCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final String VERBOSE = "--verbose";

    private static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "Usage: bin/supercandles COMMAND [options]",
            "",
            "Commands:",
            "  demo      The embedded default: a local Kafka broker, the live job, a simulated market, candles shown",
            "            as they are committed. Ctrl-C stops it.",
            "  live      Run the job against a Kafka cluster (exactly-once, RocksDB, retained checkpoints).",
            "  replay    Run the job on recorded trades/orders/book files; write the candles as JSON Lines.",
            "  backtest  Run the paper strategies on recorded events, a candle file or an AlgoPack export;",
            "            print quantstats' metrics per strategy and write an HTML report with the equity curves.",
            "  train     Train the model score (XGBoost trees, a linear classifier, the phase guard) on candles.",
            "  score     Score a candle file offline with a trained model (the job's scores, bit for bit).",
            "  migrate   Create or update the ClickHouse tables (the migrations in sql/).",
            "  simulate  Write a simulated market as recorded files.",
            "  broker    Start a single-node Kafka broker for local trials.",
            "  produce   Produce recorded files into the input topics.",
            "  feed      Feed a live venue (binance, binance-futures) into the input topics, with gap-safe books.",
            "  convert   Convert a venue's files (Binance, tardis.dev, LOBSTER, MOEX order log, Databento MBO) into",
            "            the project's JSON events.",
            "  tail      Print the committed records of a topic.",
            "  benchmark Measure throughput, latency and state size; compare with a plain loop and ClickHouse SQL.",
            "  benchmark-formats  Measure how fast each venue format is read on one core (beside python3's csv, jq).",
            "",
            "Run 'bin/supercandles COMMAND --help' for a command's options. Any command takes --verbose: full",
            "log output and stack traces on errors (by default, errors are one line that says what to do).");

    private SuperCandlesCli() {}

    public static void main(String[] args) {
        ConsoleLogging.configure(Arrays.asList(args).contains(VERBOSE), System.err);
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] arguments, PrintStream out, PrintStream err) {
        boolean verbose = Arrays.asList(arguments).contains(VERBOSE);
        String[] args = Arrays.stream(arguments).filter(a -> !a.equals(VERBOSE)).toArray(String[]::new);
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "replay":
                    return ReplayCommand.run(rest, out, err);
                case "backtest":
                    return BacktestCommand.run(rest, out, err);
                case "demo":
                    return DemoCommand.run(rest, out);
                case "live":
                    return LiveCommand.run(rest, out, err);
                case "train":
                    return TrainCommand.run(rest, out, err);
                case "score":
                    return ScoreCommand.run(rest, out, err);
                case "migrate":
                    return MigrateCommand.run(rest, out);
                case "simulate":
                    return SimulateCommand.run(rest, out, err);
                case "broker":
                    return BrokerCommand.run(rest, out);
                case "produce":
                    return ProduceCommand.run(rest, out, err);
                case "benchmark":
                    return BenchmarkCommand.run(rest, out);
                case "tail":
                    return TailCommand.run(rest, out, err);
                case "feed":
                    return FeedCommand.run(rest, out, err);
                case "convert":
                    return ConvertCommand.run(rest, out, err);
                case "benchmark-formats":
                    return com.supercandles.jobs.bench.FormatsBenchmarkCommand.run(rest, out, err);
                default:
                    err.println("supercandles: unknown command '" + command + "'" + NearMiss.didYouMean(NearMiss.nearest(command,
                            List.of("replay", "backtest", "demo", "live", "train", "score", "migrate", "simulate", "broker",
                                    "produce", "benchmark", "tail", "feed", "convert", "benchmark-formats"))));
                    err.println(USAGE_TEXT);
                    return USAGE;
            }
        } catch (CommandOptions.UsageException e) {
            err.println(message(command, e.getMessage()));
            err.println("Run 'bin/supercandles " + command + " --help' for the options.");
            return USAGE;
        } catch (RunOutputs.Refused e) {
            err.println(message(command, e.getMessage()));
            return USAGE;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            err.println(message(command, UserMessages.of(e)));
            if (verbose) {
                e.printStackTrace(err);
            } else if (!expected(e)) {
                err.println("(run again with --verbose for the details)");
            }
            return FAILED;
        }
    }

    /** "supercandles CMD: first line", the other lines of a message indented under it. */
    private static String message(String command, String text) {
        return "supercandles " + command + ": " + text.replaceAll("\n(?! )", System.lineSeparator() + "  ");
    }

    /** Failures this project reports in words of its own (a missing file, a broker down), which need no trace. */
    private static boolean expected(Throwable e) {
        return e instanceof java.io.IOException || e instanceof IllegalStateException;
    }
}
