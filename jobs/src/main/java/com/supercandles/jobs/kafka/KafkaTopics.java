package com.supercandles.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/** Creates topics that do not exist yet (a Kafka source on a missing topic restarts in a loop). */
public final class KafkaTopics {
    private KafkaTopics() {}

    public static void ensure(Properties clientProperties, Collection<String> topics, int partitions)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(clientProperties)) {
            List<NewTopic> wanted = new ArrayList<>();
            for (String t : topics) {
                wanted.add(new NewTopic(t, partitions, (short) 1));
            }
            for (var result : admin.createTopics(wanted).values().values()) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
