package com.supercandles.sinks;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * Exactly-once Kafka sinks for the job's results: records are written in Kafka transactions that
 * commit with Flink's checkpoints, so a consumer reading {@code read_committed} sees every record once,
 * also across failures and restores. Records carry the time they were written, not their event time
 * ({@link WriteTimeRecords}), so a broker's time retention keeps them whatever the data's age.
 */
public final class KafkaResultSink {
    /** The broker's default {@code transaction.max.timeout.ms} is 15 minutes; Kafka's client default exceeds it. */
    public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private KafkaResultSink() {}

    /**
     * @param clientProperties bootstrap servers and any security settings, passed to the producer as they are
     * @param transactionalIdPrefix unique per job and output on a cluster: Flink derives transaction ids from it
     * @param key the record key (a symbol, a stream name), UTF-8
     * @param value the record value, UTF-8 JSON
     */
    public static <T> KafkaSink<T> exactlyOnce(Properties clientProperties, String topic, String transactionalIdPrefix,
                                               Duration transactionTimeout, SerializableFunction<T, String> key,
                                               SerializableFunction<T, String> value) {
        if (transactionTimeout.isZero() || transactionTimeout.isNegative()
                || transactionTimeout.compareTo(MAX_TRANSACTION_TIMEOUT) > 0) {
            throw new IllegalArgumentException("transaction timeout must be positive and at most "
                    + MAX_TRANSACTION_TIMEOUT + " (the broker's default maximum), got " + transactionTimeout);
        }
        Properties producer = new Properties();
        producer.putAll(clientProperties);
        producer.setProperty("transaction.timeout.ms", Long.toString(transactionTimeout.toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(clientProperties.getProperty("bootstrap.servers"))
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(new WriteTimeRecords<>(topic, key, value))
                .build();
    }

    /**
     * UTF-8 key and value, and no record timestamp: the producer stamps the time of writing. Flink's
     * own schema would stamp the element's event time, and a broker with time retention deletes whole
     * segments of records stamped older than its retention (7 days by default) within minutes of their
     * commit: a backfill of history would lose its output silently. The event time is in the value
     * ({@code window_start}, {@code window_end}, {@code ts}).
     */
    static final class WriteTimeRecords<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final SerializableFunction<T, String> key;
        private final SerializableFunction<T, String> value;

        WriteTimeRecords(String topic, SerializableFunction<T, String> key, SerializableFunction<T, String> value) {
            this.topic = topic;
            this.key = key;
            this.value = value;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, null, utf8(key.apply(element)), utf8(value.apply(element)));
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
