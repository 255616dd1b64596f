package com.supercandles.jobs.kafka;

import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.graph.SuperCandlesJob;

import java.util.List;
import java.util.function.Consumer;

/** The live job's optional fourth input, the feed's gaps topic: read when it exists, said at start either way. */
public final class GapsTopic {
    private GapsTopic() {}

    /**
     * Whether the gaps topic is there to read. It is optional (only a feed of this project writes it): when
     * the brokers do not have it, the job says so and runs without gaps (no feed_gap alert, gap false on
     * every candle); created later, it is read after a restart.
     */
    public static boolean exists(LiveConfig config, Consumer<String> report) {
        String topic = config.get(LiveConfig.GAPS_TOPIC_KEY);
        if (topic.isEmpty()) {
            report.accept("feed gaps: off (topic.gaps is empty)");
            return false;
        }
        try {
            if (!BrokerCheck.missingTopics(config.kafkaClientProperties(), List.of(topic),
                    config.duration(LiveConfig.CHECK_TIMEOUT)).isEmpty()) {
                report.accept("feed gaps: off (no topic '" + topic + "'; bin/supercandles feed writes it: create it"
                        + " and restart the job to mark candles gap=true and raise feed_gap alerts)");
                return false;
            }
        } catch (BrokerCheck.Failed e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the topics", e);
        }
        report.accept("feed gaps: read from topic '" + topic + "' (feed_gap alerts; a candle waits for its symbol's"
                + " next candle, at most " + SuperCandlesJob.GAP_HOLD_SECONDS + " s of event time, so that gap=true"
                + " can be set)");
        return true;
    }
}
