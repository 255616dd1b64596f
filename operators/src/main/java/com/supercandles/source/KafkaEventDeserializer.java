package com.supercandles.source;

import com.supercandles.event.EventParser;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.StreamWatermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses each Kafka record's value inside the Kafka source, so that watermarks are generated per
 * partition from event time, and stamps each event with its own partition's watermark
 * ({@link StreamWatermark}). Never throws: a bad record becomes a rejection, not a job restart.
 */
public class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
    private static final long serialVersionUID = 1L;

    private final String stream;
    private final EventParser parser;
    private final Duration maxOutOfOrderness;
    /** Per partition of this reader: records of one partition arrive here in their order. */
    private transient Map<Integer, StreamWatermark> partitions;

    /** @param maxOutOfOrderness the job's bound: each event is stamped with its partition's watermark */
    public KafkaEventDeserializer(String stream, EventParser parser, Duration maxOutOfOrderness) {
        this.stream = stream;
        this.parser = parser;
        this.maxOutOfOrderness = maxOutOfOrderness;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
        if (partitions == null) {
            partitions = new HashMap<>();
        }
        StreamWatermark partition = partitions.get(record.partition());
        if (partition == null) {
            partition = new StreamWatermark(maxOutOfOrderness);
            partitions.put(record.partition(), partition);
        }
        ParsedRecord parsed = partition.stamp(parser.parse(stream, record.value()));
        if (parsed.event != null) {
            parsed.event.ingestTime = record.timestamp();
        }
        out.collect(parsed);
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
