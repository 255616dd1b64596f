package com.supercandles.jobs.commands;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.config.LiveConfig;

import com.supercandles.jobs.kafka.BrokerCheck;
import com.supercandles.jobs.kafka.CommittedReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** {@code bin/supercandles tail}: prints the committed records of a topic from its beginning. */
public final class TailCommand {
    private TailCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = new CommandOptions("tail",
                "Prints the committed records (read_committed) of a topic from the beginning, one value per line.\n"
                        + "Exits 0 once --count records were read, 1 if --timeout passes first.")
                .option("bootstrap.servers", "HOST:PORT", "Kafka brokers.", null)
                .option("topic", "NAME", "Topic to read.", "supercandles")
                .option("count", "N", "Stop after this many records.", "1")
                .option("timeout", "DURATION", "Give up after this long.", "60s")
                .option(ProduceCommand.CHECK_TIMEOUT, "DURATION", ProduceCommand.CHECK_HELP, "10s")
                .passThrough(LiveConfig.KAFKA_PREFIX, "Passed to the Kafka consumer without the prefix.");
        if (!o.parse(args, out)) {
            return 0;
        }
        Properties client = o.passedThrough();
        client.put("bootstrap.servers", o.text("bootstrap.servers"));
        Properties p = CommittedReader.properties(client, "supercandles-tail-" + UUID.randomUUID());
        int wanted = o.positiveInt("count");
        java.time.Duration timeout = o.duration("timeout");
        String topic = o.text("topic");
        BrokerCheck.requireTopics(client, List.of(topic), ProduceCommand.checkTimeout(o));
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        int read = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (read < wanted && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    out.println(r.value());
                    if (++read >= wanted) {
                        break;
                    }
                }
            }
        }
        if (read < wanted) {
            err.printf("supercandles tail: %,d of the %,d committed record%s asked for (--count) arrived on topic '%s' at %s"
                    + " within %s (--timeout): is the job running and producing into it?%n", read, wanted,
                    wanted == 1 ? "" : "s", topic, o.text("bootstrap.servers"), o.text("timeout"));
            return 1;
        }
        return 0;
    }
}
