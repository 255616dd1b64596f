package com.supercandles.gap;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/** The gaps topic's records: never throws, a record that is not a gap comes out rejected with its reason. */
public final class KafkaGapDeserializer implements KafkaRecordDeserializationSchema<FeedGapSpan> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FeedGapSpan> out) {
        String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        FeedGapSpan g = FeedGapSpan.parseOrReject(text);
        if (g.problem != null) {
            g.problem = record.topic() + " partition " + record.partition() + " offset " + record.offset() + ": " + g.problem;
        }
        out.collect(g);
    }

    @Override
    public TypeInformation<FeedGapSpan> getProducedType() {
        return TypeInformation.of(FeedGapSpan.class);
    }
}
