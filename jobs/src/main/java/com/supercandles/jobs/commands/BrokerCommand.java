package com.supercandles.jobs.commands;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.config.ConfigKey;
import com.supercandles.jobs.config.LiveConfig;

import com.supercandles.jobs.kafka.EmbeddedKafkaBroker;
import com.supercandles.jobs.kafka.KafkaTopics;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/** {@code bin/supercandles broker}: a single-node Kafka broker for trying the live job locally. */
public final class BrokerCommand {
    private BrokerCommand() {}

    /** Every topic the live job reads or writes, by its default name: a live job's start checks they exist. */
    public static String defaultTopics() {
        List<String> names = new java.util.ArrayList<>();
        for (ConfigKey k : LiveConfig.KEYS) {
            if (LiveConfig.TOPIC_KEYS.contains(k.name)) {
                // the gaps topic is off by default in the job, there for a feed all the same
                names.add(k.name.equals(LiveConfig.GAPS_TOPIC_KEY) ? LiveConfig.GAPS_TOPIC : k.defaultValue);
            }
        }
        return String.join(",", names);
    }

    public static int run(String[] args, PrintStream out) throws Exception {
        CommandOptions o = new CommandOptions("broker",
                "Starts a single-node Kafka broker (KRaft) on a free loopback port, creates the topics, prints\n"
                        + "its bootstrap address and runs until Ctrl-C. Its data is deleted when it stops.")
                .option("topics", "LIST", "Topics to create.", defaultTopics())
                .option("partitions", "N", "Partitions per topic.", "1");
        if (!o.parse(args, out)) {
            return 0;
        }
        List<String> topics = Arrays.asList(o.text("topics").split(","));
        CountDownLatch done = new CountDownLatch(1);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Properties props = new Properties();
            props.put("bootstrap.servers", broker.bootstrapServers());
            KafkaTopics.ensure(props, topics, o.positiveInt("partitions"));
            out.println("bootstrap.servers=" + broker.bootstrapServers());
            out.println("topics=" + String.join(",", topics));
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
            done.await();
        }
        return 0;
    }
}
