package com.supercandles.jobs;

import com.supercandles.event.EventType;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/** {@code bin/supercandles produce}: recorded files into the input topics, keyed by symbol. */
final class ProduceCommand {
    private ProduceCommand() {}

    static int run(String[] args, PrintStream out) throws Exception {
        CommandOptions o = new CommandOptions("produce",
                "Produces a recorded directory (trades.jsonl, orders.jsonl, book.jsonl) into the input topics,\n"
                        + "merged in event-time order, every line as it is (bad lines too), keyed by symbol.")
                .option("input", "DIR", "The recorded directory.", null)
                .option("bootstrap.servers", "HOST:PORT", "Kafka brokers.", null)
                .option("topic.trades", "NAME", "Trades topic.", "trades")
                .option("topic.orders", "NAME", "Order-log topic.", "orders")
                .option("topic.book", "NAME", "Book topic.", "book")
                .option("speedup", "X", "Market seconds per wall-clock second; 0 sends as fast as possible.", "0")
                .passThrough(LiveConfig.KAFKA_PREFIX, "Passed to the Kafka producer without the prefix.");
        if (!o.parse(args, out)) {
            return 0;
        }
        Properties kafka = o.passedThrough();
        kafka.put("bootstrap.servers", o.text("bootstrap.servers"));
        Map<EventType, String> topics = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            topics.put(t, o.text("topic." + t.streamName()));
        }
        double speedup = Double.parseDouble(o.text("speedup"));
        long sent = MarketFeed.produce(kafka, topics, MarketFeed.recorded(Paths.get(o.text("input"))), speedup, () -> false);
        out.printf("Produced %,d records from %s%n", sent, o.text("input"));
        return 0;
    }
}
