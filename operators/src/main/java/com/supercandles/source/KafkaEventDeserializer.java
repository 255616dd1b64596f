package com.supercandles.source;

import com.supercandles.event.EventParser;
import com.supercandles.event.ParsedRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses each Kafka record's value inside the Kafka source, so that watermarks are generated per
 * partition from event time. Never throws: a bad record becomes a rejection, not a job restart.
 */
public class KafkaEventDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
    private static final long serialVersionUID = 1L;

    private final String stream;
    private final EventParser parser;

    public KafkaEventDeserializer(String stream, EventParser parser) {
        this.stream = stream;
        this.parser = parser;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
        out.collect(parser.parse(stream, record.value()));
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
