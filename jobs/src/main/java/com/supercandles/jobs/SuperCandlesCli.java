package com.supercandles.jobs;

import java.io.PrintStream;
import java.util.Arrays;

/** The command-line launcher behind {@code bin/supercandles}. */
public final class SuperCandlesCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

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
            "  tail      Print the committed records of a topic.",
            "  benchmark Measure throughput, latency and state size; compare with a plain loop and ClickHouse SQL.",
            "",
            "Run 'bin/supercandles COMMAND --help' for a command's options.");

    private SuperCandlesCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "replay":
                    return ReplayCommand.run(rest, out);
                case "backtest":
                    return BacktestCommand.run(rest, out);
                case "demo":
                    return DemoCommand.run(rest, out);
                case "live":
                    return LiveCommand.run(rest, out);
                case "train":
                    return TrainCommand.run(rest, out);
                case "score":
                    return ScoreCommand.run(rest, out);
                case "migrate":
                    return MigrateCommand.run(rest, out);
                case "simulate":
                    return SimulateCommand.run(rest, out);
                case "broker":
                    return BrokerCommand.run(rest, out);
                case "produce":
                    return ProduceCommand.run(rest, out);
                case "benchmark":
                    return BenchmarkCommand.run(rest, out);
                case "tail":
                    return TailCommand.run(rest, out);
                default:
                    err.println("supercandles: unknown command '" + command + "'");
                    err.println(USAGE_TEXT);
                    return USAGE;
            }
        } catch (CommandOptions.UsageException e) {
            err.println("supercandles " + command + ": " + e.getMessage());
            err.println("Run 'bin/supercandles " + command + " --help' for the options.");
            return USAGE;
        } catch (java.io.IOException | IllegalStateException e) {
            err.println("supercandles " + command + ": " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            err.println("supercandles " + command + " failed: " + rootCause(e));
            return FAILED;
        }
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
