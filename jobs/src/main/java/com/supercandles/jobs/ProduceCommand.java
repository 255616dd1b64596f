package com.supercandles.jobs;

import com.supercandles.event.EventType;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** {@code bin/supercandles produce}: recorded files into the input topics, keyed by symbol. */
final class ProduceCommand {
    private ProduceCommand() {}

    static int run(String[] args, PrintStream out) throws Exception {
        CommandOptions o = SimulateCommand.withSimulatorOptions(new CommandOptions("produce",
                "Produces a recorded directory (trades.jsonl, orders.jsonl, book.jsonl) into the input topics,\n"
                        + "merged in event-time order, every line as it is (bad lines too), keyed by symbol; or, with\n"
                        + "--simulate true, a simulated market stamped with the wall clock, in real time, until stopped.")
                .option("input", "DIR", "The recorded directory (or --simulate true).", "")
                .option("simulate", "true|false", "Produce the simulator's market (--symbols, --rate, --seed) as it happens,"
                        + " until stopped, instead of --input: a feed for a deployment without an exchange.", "false")
                .option("duration", "DURATION", "With --simulate: stop after this long; 0 runs until stopped.", "0s")
                .option("bootstrap.servers", "HOST:PORT", "Kafka brokers.", null)
                .option("topic.trades", "NAME", "Trades topic.", "trades")
                .option("topic.orders", "NAME", "Order-log topic.", "orders")
                .option("topic.book", "NAME", "Book topic.", "book")
                .option("speedup", "X", "With --input: market seconds per wall-clock second; 0 sends as fast as possible.",
                        "0"))
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
        Map<EventType, String> topics = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            topics.put(t, o.text("topic." + t.streamName()));
        }
        if (simulate) {
            SimulatorConfig sim = SimulateCommand.simulatorConfig(o, System.currentTimeMillis());
            out.printf("Producing a simulated market of %d symbols, %s events/s, to %s until stopped%n", sim.symbols(),
                    o.text("rate"), o.text("bootstrap.servers"));
            long duration = o.duration("duration").toMillis();
            long until = duration == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + duration;
            long sent = MarketFeed.produce(kafka, topics, MarketFeed.simulated(new MarketSimulator(sim)), 1.0,
                    () -> System.currentTimeMillis() >= until);
            out.printf("Produced %,d simulated records%n", sent);
            return 0;
        }
        double speedup = Double.parseDouble(o.text("speedup"));
        long sent = MarketFeed.produce(kafka, topics, MarketFeed.recorded(Paths.get(o.text("input"))), speedup, () -> false);
        out.printf("Produced %,d records from %s%n", sent, o.text("input"));
        return 0;
    }
}
