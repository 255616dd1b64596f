package com.supercandles.jobs.kafka;

import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.Properties;

/** Consumer settings for reading what the job committed: transactional output only, from the start, as text. */
public final class CommittedReader {
    private CommittedReader() {}

    /** {@code client} (bootstrap servers, security) plus a read_committed string consumer in {@code groupId}. */
    public static Properties properties(Properties client, String groupId) {
        Properties p = new Properties();
        p.putAll(client);
        p.put("group.id", groupId);
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        return p;
    }
}
