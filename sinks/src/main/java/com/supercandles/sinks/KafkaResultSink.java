package com.supercandles.sinks;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * Exactly-once Kafka sinks for the job's results: records are written in Kafka transactions that
 * commit with Flink's checkpoints, so a consumer reading {@code read_committed} sees every record once,
 * also across failures and restores.
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
                .setRecordSerializer(KafkaRecordSerializationSchema.<T>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(utf8(key))
                        .setValueSerializationSchema(utf8(value))
                        .build())
                .build();
    }

    private static <T> SerializationSchema<T> utf8(SerializableFunction<T, String> text) {
        return new Utf8Text<>(text);
    }

    /** A named class, not a lambda: Flink cannot infer a lambda's types for a SerializationSchema. */
    private static final class Utf8Text<T> implements SerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final SerializableFunction<T, String> text;

        Utf8Text(SerializableFunction<T, String> text) {
            this.text = text;
        }

        @Override
        public byte[] serialize(T element) {
            return text.apply(element).getBytes(StandardCharsets.UTF_8);
        }
    }
}
