package com.supercandles.output;

import com.supercandles.fields.FieldTable;
import org.apache.flink.util.function.SerializableFunction;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.function.Function;

/**
 * One kind of record the job writes, declared once: its record type and field table (JSON and
 * ClickHouse both follow it), its ClickHouse table, its Kafka topic key and default topic, its file
 * beside a replay's candles, the counter that counts it, and the names of its sink operators. The live
 * pipeline, the replay, the ClickHouse output and the configuration's topic keys loop over {@link
 * Outputs#ALL}; the job's builder takes a sink for any kind, and the layer that makes a kind hands its
 * stream to that kind's sinks.
 *
 * <p>Serialized by name: a sink that carries its kind to a task manager finds the same constant there.
 */
public final class OutputKind<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient Class<T> type;
    private final transient FieldTable<T> fields;
    private final transient String table;
    private final transient String defaultTopic;
    private final transient String topicHelp;
    private final transient Function<T, String> kafkaKey;
    private final transient String counter;
    private final transient String label;
    private final transient String uid;
    private final transient String beside;

    private OutputKind(Builder<T> b) {
        this.name = b.name;
        this.type = b.type;
        this.fields = b.fields;
        this.table = b.table;
        this.defaultTopic = b.defaultTopic;
        this.topicHelp = b.topicHelp;
        this.kafkaKey = b.kafkaKey;
        this.counter = b.counter;
        this.label = b.label;
        this.uid = b.uid;
        this.beside = b.beside;
    }

    static <T> Builder<T> named(String name, Class<T> type, FieldTable<T> fields) {
        return new Builder<>(name, type, fields);
    }

    /**
     * The kind's name: the topic key is {@code topic.NAME}, the sinks' transactional ids end in it, a
     * replay's file is {@code STEM.NAME.jsonl}. Never rename a kind: deployments name its topic key, and
     * a live job's pending transactions are found by their ids.
     */
    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public FieldTable<T> fields() {
        return fields;
    }

    /** One record as one JSON object (what the files and topics carry). */
    public String toJson(T record) {
        return fields.toJson(record);
    }

    /**
     * Its JSON writer as a function a sink can carry. A class, not a method reference: javac's
     * deserialization of method references that differ only in their types ({@code CANDLES::toJson},
     * {@code DEAD_LETTERS::toJson}) returns the first one's lambda class for both, which then casts a
     * dead letter to a candle.
     */
    public SerializableFunction<T, String> json() {
        return new Written<>(this, false);
    }

    /** Its Kafka key as a function a sink can carry (a class, like {@link #json()}). */
    public SerializableFunction<T, String> key() {
        return new Written<>(this, true);
    }

    /** A record's JSON, or its Kafka key. */
    private static final class Written<T> implements SerializableFunction<T, String> {
        private static final long serialVersionUID = 1L;
        private final OutputKind<T> kind;
        private final boolean key;

        Written(OutputKind<T> kind, boolean key) {
            this.kind = kind;
            this.key = key;
        }

        @Override
        public String apply(T record) {
            return key ? kind.kafkaKey(record) : kind.toJson(record);
        }
    }

    /** The ClickHouse table (sql/migrations). */
    public String table() {
        return table;
    }

    /** The configuration key of its Kafka topic. */
    public String topicKey() {
        return "topic." + name;
    }

    public String defaultTopic() {
        return defaultTopic;
    }

    /** What the topic key's documentation says. */
    public String topicHelp() {
        return topicHelp;
    }

    /** The Kafka record's key: records of one key stay in order on one partition. */
    public String kafkaKey(T record) {
        return kafkaKey.apply(record);
    }

    /** The accumulator that counts its records (PipelineCounters; a metric too for some), or null when none counts them. */
    public String counter() {
        return counter;
    }

    /** Its sink operators' name ("score records"). */
    public String label() {
        return label;
    }

    /** Its first sink's uid; further sinks append their name. Never change it: sinks keep state under it. */
    public String uid() {
        return uid;
    }

    /**
     * The kind whose file this one's is named after in a replay (the follow-ups beside the alerts, the
     * guard's records beside the scores), or null: beside the candles.
     */
    public String beside() {
        return beside;
    }

    private Object readResolve() throws ObjectStreamException {
        return Outputs.named(name);
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder<T> {
        private final String name;
        private final Class<T> type;
        private final FieldTable<T> fields;
        private String table;
        private String defaultTopic;
        private String topicHelp;
        private Function<T, String> kafkaKey;
        private String counter;
        private String label;
        private String uid;
        private String beside;

        private Builder(String name, Class<T> type, FieldTable<T> fields) {
            this.name = name;
            this.type = type;
            this.fields = fields;
        }

        Builder<T> table(String table) {
            this.table = table;
            return this;
        }

        Builder<T> topic(String defaultTopic, String help) {
            this.defaultTopic = defaultTopic;
            this.topicHelp = help;
            return this;
        }

        Builder<T> keyedBy(Function<T, String> key) {
            this.kafkaKey = key;
            return this;
        }

        Builder<T> counter(String counter) {
            this.counter = counter;
            return this;
        }

        Builder<T> sinks(String label, String uid) {
            this.label = label;
            this.uid = uid;
            return this;
        }

        Builder<T> beside(String other) {
            this.beside = other;
            return this;
        }

        OutputKind<T> build() {
            if (table == null || defaultTopic == null || kafkaKey == null || label == null || uid == null) {
                throw new IllegalStateException("output kind " + name + " is not fully declared");
            }
            return new OutputKind<>(this);
        }
    }
}
