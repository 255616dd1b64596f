package com.supercandles.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * Creates topics that do not exist yet (a Kafka source on a missing topic restarts in a loop) and
 * waits until every partition has a leader, so that producers and the job can use them at once.
 */
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
            awaitLeaders(admin, topics);
        }
    }

    private static void awaitLeaders(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            boolean ready = true;
            try {
                for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        ready &= p.leader() != null && !p.leader().isEmpty();
                    }
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                ready = false;
            }
            if (ready) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("topics " + topics + " have partitions without a leader after 60 s");
            }
            Thread.sleep(100);
        }
    }
}
