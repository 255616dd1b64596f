package com.supercandles.jobs.graph;

import com.supercandles.gap.FeedGapSpan;
import com.supercandles.gap.KafkaGapDeserializer;

import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.config.SuperCandlesSettings;

import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.event.ParsedRecord;
import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;
import com.supercandles.sinks.KafkaResultSink;
import com.supercandles.sinks.alert.AlertDeliverySink;
import com.supercandles.sinks.alert.AlertReceiver;
import com.supercandles.source.KafkaEventDeserializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The live service: {@link SuperCandlesJob} with Kafka sources and exactly-once Kafka sinks, state on
 * RocksDB with incremental checkpoints retained on cancellation.
 */
public final class LivePipeline {
    private static final Logger LOG = LoggerFactory.getLogger(LivePipeline.class);
    private LivePipeline() {}

    public static SuperCandlesJob job(LiveConfig config) throws IOException {
        return job(config, LOG::info);
    }

    /**
     * The live job. With {@code clickhouse.url} set, first connects to ClickHouse (and migrates when
     * {@code clickhouse.migrate} is true), reporting each step to {@code report}: a wrong setting
     * fails here, before the job is submitted, with a message that says what to fix.
     */
    public static SuperCandlesJob job(LiveConfig config, Consumer<String> report) throws IOException {
        return job(config, report, !config.get(LiveConfig.GAPS_TOPIC_KEY).isEmpty());
    }

    /** As {@link #job(LiveConfig, Consumer)}, reading the gaps topic or not (see {@code GapsTopic}). */
    public static SuperCandlesJob job(LiveConfig config, Consumer<String> report, boolean gaps) throws IOException {
        ClickHouseOutput clickHouse = ClickHouseOutput.of(config);
        if (clickHouse != null) {
            clickHouse.prepare().forEach(report);
        }
        return job(config, clickHouse, report, gaps);
    }

    /**
     * The live job with the sinks of {@code clickHouse} (prepared already, or null): the graph alone, no
     * connection made (the uid check builds it with every sink there is).
     */
    public static SuperCandlesJob job(LiveConfig config, ClickHouseOutput clickHouse, Consumer<String> report) {
        return job(config, clickHouse, report, !config.get(LiveConfig.GAPS_TOPIC_KEY).isEmpty());
    }

    /** As {@link #job(LiveConfig, ClickHouseOutput, Consumer)}, reading the gaps topic or not. */
    public static SuperCandlesJob job(LiveConfig config, ClickHouseOutput clickHouse, Consumer<String> report,
                                      boolean gaps) {
        SuperCandlesSettings settings = config.settings();
        EventParser parser = settings.parser();
        Properties kafka = config.kafkaClientProperties();
        SuperCandlesJob.Builder job = SuperCandlesJob.builder().settings(settings).live(true);
        for (EventType stream : EventType.values()) {
            job.source(stream, source(config, stream, parser, settings.maxOutOfOrderness(), kafka));
        }
        if (gaps) {
            job.gaps(gapSource(config, kafka));
        }
        for (OutputKind<?> kind : Outputs.ALL) {
            sinks(job, kind, config, kafka, clickHouse);
        }
        List<AlertReceiver> receivers = config.alertReceivers();
        if (!receivers.isEmpty()) {
            for (AlertReceiver r : receivers) {
                report.accept("Alerts also go to " + r.describe());
            }
            job.sink(Outputs.ALERTS, "receivers", new AlertDeliverySink(receivers, config.alertDelivery(),
                    clickHouse == null ? null : clickHouse.deliveryLog()));
        }
        SuperCandlesJob built = job.build();
        built.layersOff().forEach(report);
        return built;
    }

    /** A kind's exactly-once topic, and its ClickHouse table when ClickHouse is configured. */
    private static <T> void sinks(SuperCandlesJob.Builder job, OutputKind<T> kind, LiveConfig config, Properties kafka,
                                  ClickHouseOutput clickHouse) {
        job.sink(kind, KafkaResultSink.exactlyOnce(kafka, config.get(kind.topicKey()),
                config.get("transactional.id.prefix") + "-" + kind.name(), config.duration("transaction.timeout"),
                kind.key(), kind.json()));
        if (clickHouse != null) {
            job.sink(kind, "clickhouse", clickHouse.sink(kind));
        }
    }

    private static KafkaSource<ParsedRecord> source(LiveConfig config, EventType stream, EventParser parser,
                                                    Duration maxOutOfOrderness, Properties kafka) {
        KafkaSourceBuilder<ParsedRecord> b = KafkaSource.<ParsedRecord>builder()
                .setProperties(kafka)
                .setBootstrapServers(config.get("bootstrap.servers"))
                .setTopics(config.get("topic." + stream.streamName()))
                .setGroupId(config.get("group.id"))
                .setStartingOffsets(startingOffsets(config.get("startup.offsets")))
                .setDeserializer(new KafkaEventDeserializer(stream.streamName(), parser, maxOutOfOrderness));
        if (config.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    private static KafkaSource<FeedGapSpan> gapSource(LiveConfig config, Properties kafka) {
        KafkaSourceBuilder<FeedGapSpan> b = KafkaSource.<FeedGapSpan>builder()
                .setProperties(kafka)
                .setBootstrapServers(config.get("bootstrap.servers"))
                .setTopics(config.get(LiveConfig.GAPS_TOPIC_KEY))
                .setGroupId(config.get("group.id"))
                .setStartingOffsets(startingOffsets(config.get("startup.offsets")))
                .setDeserializer(new KafkaGapDeserializer());
        if (config.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    private static OffsetsInitializer startingOffsets(String mode) {
        switch (mode) {
            case "earliest": return OffsetsInitializer.earliest();
            case "latest": return OffsetsInitializer.latest();
            default: return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    /**
     * RocksDB state, incremental checkpoints at the configured interval into the configured directory,
     * retained on cancellation; {@code restoreFrom} (a checkpoint or savepoint path, or null) resumes
     * the job with its Kafka offsets and half-built windows.
     */
    public static Configuration flinkConfiguration(LiveConfig config, String restoreFrom) {
        Configuration conf = rocksDbState(new Configuration());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.duration("checkpoint.interval"));
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        SuperCandlesJob.pipelineOptions(conf);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        return conf;
    }

    /**
     * RocksDB with incremental checkpoints, tuned for this job's state: the candle windows reach it only
     * at checkpoints (those changed since the last one) and leave it when they close, so a checkpoint
     * uploads about one small accumulator per active symbol and period; bloom filters answer reads of
     * keys that are not there without touching the files; timers (the execution model's) live on the
     * heap, checkpointed with the rest, instead of costing a RocksDB write and delete each.
     */
    public static Configuration rocksDbState(Configuration conf) {
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        return conf;
    }

    /** An environment for the live job: the cluster's when submitted to one, else a local one. */
    public static StreamExecutionEnvironment environment(LiveConfig config, String restoreFrom) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config, restoreFrom));
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        return env;
    }
}
