package com.supercandles.jobs;

import com.supercandles.jobs.kafka.CommittedReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** {@code bin/supercandles tail}: prints the committed records of a topic from its beginning. */
final class TailCommand {
    private TailCommand() {}

    static int run(String[] args, PrintStream out) throws Exception {
        CommandOptions o = new CommandOptions("tail",
                "Prints the committed records (read_committed) of a topic from the beginning, one value per line.\n"
                        + "Exits 0 once --count records were read, 1 if --timeout passes first.")
                .option("bootstrap.servers", "HOST:PORT", "Kafka brokers.", null)
                .option("topic", "NAME", "Topic to read.", "supercandles")
                .option("count", "N", "Stop after this many records.", "1")
                .option("timeout", "DURATION", "Give up after this long.", "60s")
                .passThrough(LiveConfig.KAFKA_PREFIX, "Passed to the Kafka consumer without the prefix.");
        if (!o.parse(args, out)) {
            return 0;
        }
        Properties client = o.passedThrough();
        client.put("bootstrap.servers", o.text("bootstrap.servers"));
        Properties p = CommittedReader.properties(client, "supercandles-tail-" + UUID.randomUUID());
        int wanted = o.positiveInt("count");
        long deadline = System.currentTimeMillis() + o.duration("timeout").toMillis();
        int read = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(o.text("topic")));
            while (read < wanted && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    out.println(r.value());
                    if (++read >= wanted) {
                        break;
                    }
                }
            }
        }
        return read >= wanted ? 0 : 1;
    }
}
