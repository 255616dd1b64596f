package com.supercandles.jobs;

import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.kafka.EmbeddedKafkaBroker;
import com.supercandles.jobs.kafka.KafkaTopics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The live job's settings as an operator writes them, for tests that compare its committed output with
 * a replay's: fresh topics (created, the live command checks that every one exists), unbounded,
 * exactly once, checkpoints every 500 ms, the candles of 1m and 5m. Event time alone decides what is
 * late, whatever the machine's load: no idleness, and a bound on out-of-orderness wider than any skew
 * between the three streams' readers (the caller's). The rules whose outcome depends on the run rather
 * than the data are off: the order-to-mid rule compares two streams as they arrive (not the same in a
 * replay of three topics), feed staleness and latency go by processing time.
 */
final class LiveTestConfig {
    private LiveTestConfig() {}

    static Map<String, String> freshTopics(EmbeddedKafkaBroker broker, String name, Path checkpoints,
                                           String maxOutOfOrderness, int partitions) throws Exception {
        String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("group.id", run);
        c.put("transactional.id.prefix", run);
        c.put("checkpoint.dir", checkpoints.toString());
        c.put("checkpoint.interval", "500ms");
        c.put("periods", "1m,5m");
        c.put("depth-notional", "10000");
        c.put("startup.offsets", "earliest");
        c.put("idleness", "0");
        c.put("max-out-of-orderness", maxOutOfOrderness);
        c.put("watchdog.order_off_mid.enabled", "false");
        c.put("watchdog.feed_stale.enabled", "false");
        c.put("watchdog.latency.enabled", "false");
        List<String> topics = new ArrayList<>();
        for (String key : LiveConfig.TOPIC_KEYS) {
            if (key.equals(LiveConfig.GAPS_TOPIC_KEY)) {
                continue; // off, the default: KafkaPipelineTest covers the feed's gaps
            }
            c.put(key, key.substring("topic.".length()) + "-" + run);
            topics.add(c.get(key));
        }
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", broker.bootstrapServers());
        KafkaTopics.ensure(kafka, topics, partitions);
        return c;
    }
}
