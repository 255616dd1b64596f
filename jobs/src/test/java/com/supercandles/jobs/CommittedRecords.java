package com.supercandles.jobs;

import com.supercandles.jobs.kafka.CommittedReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** The committed (read_committed) records of a topic, as the tests that count repeats and losses read them. */
final class CommittedRecords {
    private CommittedRecords() {}

    /**
     * Waits for {@code expected} records, then {@code quiet} longer: a repeat would come with the next
     * commits, so stopping at the expected count would hide it.
     */
    static List<String> read(Properties kafka, String topic, int expected, Duration timeout, Duration quiet) {
        Properties p = CommittedReader.properties(kafka, "reader-" + UUID.randomUUID());
        List<String> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long quietUntil = Long.MAX_VALUE;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
                if (out.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + quiet.toMillis();
                }
            }
        }
        return out;
    }
}
