package com.supercandles.jobs;

import com.supercandles.jobs.kafka.CommittedReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

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

    /**
     * The committed records of several topics read together: waits until each topic holds {@code
     * expected} of its records that {@code counted} accepts, then {@code quiet} longer (see {@link #read});
     * stops early when {@code stop} says so (the job writing them failed, say).
     */
    static Map<String, List<String>> readAll(Properties kafka, Map<String, Integer> expected, Predicate<String> counted,
                                             Duration timeout, Duration quiet, BooleanSupplier stop) {
        Properties p = CommittedReader.properties(kafka, "reader-" + UUID.randomUUID());
        Map<String, List<String>> out = new LinkedHashMap<>();
        expected.keySet().forEach(topic -> out.put(topic, new ArrayList<>()));
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long quietUntil = Long.MAX_VALUE;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.copyOf(expected.keySet()));
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil) && !stop.getAsBoolean()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.get(r.topic()).add(r.value());
                }
                boolean all = expected.entrySet().stream().allMatch(e ->
                        out.get(e.getKey()).stream().filter(counted).count() >= e.getValue());
                if (all && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + quiet.toMillis();
                }
            }
        }
        return out;
    }
}
