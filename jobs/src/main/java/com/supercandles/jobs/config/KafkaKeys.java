package com.supercandles.jobs.config;

import com.supercandles.jobs.cli.NearMiss;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kafka clients' own setting names (consumer, producer, admin, as the Kafka library lists them), to
 * tell a misspelt {@code kafka.*} key, which Kafka would only log and ignore, and a Kafka setting written
 * without its {@code kafka.} prefix.
 */
final class KafkaKeys {
    private KafkaKeys() {}

    /** Built on first use: most configurations never ask, and the clients' config definitions are large. */
    private static final class Names {
        static final Set<String> ALL = all();

        private static Set<String> all() {
            Set<String> names = new TreeSet<>(ConsumerConfig.configNames());
            names.addAll(ProducerConfig.configNames());
            names.addAll(AdminClientConfig.configNames());
            return names;
        }
    }

    /**
     * The problem of {@code kafka.NAME}, or null: a name the clients do not know but is near one they do.
     * Names far from all of them pass, as plug-ins (interceptors, login callbacks) read settings of their own.
     */
    static String problemOf(String key) {
        String name = key.substring(LiveConfig.KAFKA_PREFIX.length());
        if (Names.ALL.contains(name)) {
            return null;
        }
        List<String> near = NearMiss.nearest(name, Names.ALL);
        return near.isEmpty() ? null : "not a Kafka client setting" + NearMiss.didYouMean(prefixed(near));
    }

    /** For a key that is not one of the job's: a hint when it is (near) a Kafka client setting, else null. */
    static String hintFor(String key) {
        List<String> near = Names.ALL.contains(key) ? List.of(key) : NearMiss.nearest(key, Names.ALL);
        return near.isEmpty() ? null : "Kafka client settings start with 'kafka.'" + NearMiss.didYouMean(prefixed(near));
    }

    private static List<String> prefixed(List<String> names) {
        return names.stream().map(n -> LiveConfig.KAFKA_PREFIX + n).toList();
    }
}
