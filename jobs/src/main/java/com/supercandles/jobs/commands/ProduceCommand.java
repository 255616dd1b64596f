package com.supercandles.jobs.commands;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.config.SimulatorOptions;
import com.supercandles.jobs.config.FormatOptions;
import com.supercandles.jobs.graph.EventInput;
import com.supercandles.jobs.kafka.MarketFeed;

import com.supercandles.event.EventType;
import com.supercandles.jobs.cli.Progress;
import com.supercandles.jobs.kafka.BrokerCheck;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;

/** {@code bin/supercandles produce}: recorded files into the input topics, keyed by symbol. */
public final class ProduceCommand {
    static final String CHECK_TIMEOUT = LiveConfig.CHECK_TIMEOUT;
    static final String CHECK_HELP = "How long to wait for the brokers to answer at start before giving up with a message.";

    private static final int SHOWN_REJECTIONS = 10;

    private ProduceCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = FormatOptions.with(SimulatorOptions.withSimulatorOptions(new CommandOptions("produce",
                "Produces a recorded directory (trades.jsonl, orders.jsonl, book.jsonl) into the input topics,\n"
                        + "merged in event-time order, every line as it is (bad lines too), keyed by symbol; or, with\n"
                        + "--simulate true, a simulated market stamped with the wall clock, in real time, until stopped.")
                .option("input", "DIR", "The recorded directory, or a venue's file or directory (--format); or --simulate true.", "")
                .option("simulate", "true|false", "Produce the simulator's market (--symbols, --rate, --seed) as it happens,"
                        + " until stopped, instead of --input: a feed for a deployment without an exchange.", "false")
                .option("duration", "DURATION", "With --simulate: stop after this long; 0 runs until stopped.", "0s")
                .option("bootstrap.servers", "HOST:PORT", "Kafka brokers.", null)
                .option(CHECK_TIMEOUT, "DURATION", CHECK_HELP, "10s")
                .option("topic.trades", "NAME", "Trades topic.", "trades")
                .option("topic.orders", "NAME", "Order-log topic.", "orders")
                .option("topic.book", "NAME", "Book topic.", "book")
                .option("speedup", "X", "With --input: market seconds per wall-clock second; 0 sends as fast as possible.",
                        "0")))
                .passThrough(LiveConfig.KAFKA_PREFIX, "Passed to the Kafka producer without the prefix.");
        if (!o.parse(args, out)) {
            return 0;
        }
        boolean simulate = o.bool("simulate");
        if (simulate == !o.text("input").isEmpty()) {
            throw new CommandOptions.UsageException("give either --input DIR or --simulate true (not both)");
        }
        Properties kafka = o.passedThrough();
        kafka.put("bootstrap.servers", o.text("bootstrap.servers"));
        Map<EventType, String> topics = LiveConfig.inputTopics(o::text);
        // every option is read before Kafka is asked: a wrong one is not hidden behind a wait for the brokers
        Path input = simulate ? null : Paths.get(o.text("input"));
        EventInput events = simulate ? null : FormatOptions.input(o, input);
        SimulatorConfig sim = simulate ? SimulatorOptions.simulatorConfig(o, System.currentTimeMillis()) : null;
        long duration = o.duration("duration").toMillis();
        double speedup = o.nonNegativeNumber("speedup");
        java.time.Duration checkTimeout = checkTimeout(o);
        BrokerCheck.requireTopics(kafka, topics.values(), checkTimeout);
        if (simulate) {
            out.printf("Producing a simulated market of %d symbols, %s events/s, to %s until stopped%n", sim.symbols(),
                    o.text("rate"), o.text("bootstrap.servers"));
            long until = duration == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + duration;
            long sent;
            try (Progress progress = Progress.onStderr("producing", "records", 0)) {
                sent = MarketFeed.produce(kafka, topics, MarketFeed.simulated(new MarketSimulator(sim)), 1.0,
                        () -> System.currentTimeMillis() >= until, progress);
            }
            out.printf("Produced %,d simulated records%n", sent);
            return 0;
        }
        long[] rejected = {0};
        java.util.Iterator<MarketFeed.Line> lines = events.venue() == null ? MarketFeed.recorded(input)
                : MarketFeed.venue(events.venue(), d -> {
                    if (rejected[0]++ < SHOWN_REJECTIONS) {
                        err.println("rejected: " + d.reason);
                    }
                });
        long sent;
        try (Progress progress = Progress.onStderr("producing " + input.getFileName(), "records", events.estimatedLines())) {
            sent = MarketFeed.produce(kafka, topics, lines, speedup, () -> false, progress);
        }
        out.printf("Produced %,d records from %s%n", sent, o.text("input"));
        if (rejected[0] > 0) {
            err.printf("warning: %,d rows of %s were not events and were not produced (the first %d reasons above;"
                    + " bin/supercandles convert writes them all to its dead letters)%n", rejected[0], input,
                    Math.min(rejected[0], SHOWN_REJECTIONS));
        }
        return 0;
    }

    /** The {@value #CHECK_TIMEOUT} option, which must be positive. */
    static java.time.Duration checkTimeout(CommandOptions o) throws CommandOptions.UsageException {
        java.time.Duration d = o.duration(CHECK_TIMEOUT);
        if (d.isZero()) {
            throw new CommandOptions.UsageException("--" + CHECK_TIMEOUT + " must be positive, e.g. 10s");
        }
        return d;
    }
}
