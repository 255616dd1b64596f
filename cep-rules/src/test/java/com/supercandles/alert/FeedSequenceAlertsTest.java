package com.supercandles.alert;


import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed sequences through flink-cep on a MiniCluster, in processing time: the alerts are played in
 * order with real pauses, the windows shortened to 1 s so that a 1.5 s pause puts events out of reach.
 */
class FeedSequenceAlertsTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String PAUSE = "pause";

    private static Alert alert(String rule, String symbol, String stream, String state, long eventTime) {
        return Alert.of(rule, symbol, stream, Severity.WARNING, state, 7_000, 5_000, eventTime, rule);
    }

    private static void flaps(List<Alert> into, String rule, String symbol, String stream, int times, long t0) {
        for (int i = 0; i < times; i++) {
            into.add(alert(rule, symbol, stream, Alert.FIRING, t0 + i * 100));
            into.add(alert(rule, symbol, stream, Alert.RESOLVED, t0 + i * 100 + 50));
        }
    }

    private static Alert pause(long ms) {
        Alert a = new Alert();
        a.rule = PAUSE;
        a.value = ms;
        return a;
    }

    /**
     * Plays the alerts in order, sleeping at each pause marker. (The latency alerts reach the dying
     * pattern by another path than the feed alerts, so a lag and its STALE need a pause between them to
     * arrive in order, as they do live, where the STALE comes N seconds later.)
     */
    private static final class Paced implements FlatMapFunction<Alert, Alert> {
        @Override
        public void flatMap(Alert a, Collector<Alert> out) throws Exception {
            if (PAUSE.equals(a.rule)) {
                Thread.sleep((long) a.value);
            } else {
                out.collect(a);
            }
        }
    }

    private static List<String> run(List<Alert> played) throws Exception {
        WatchdogSettings settings = new WatchdogSettings();
        settings.rule(WatchdogSettings.FEED_FLAPPING).windowMs = 1_000;
        settings.rule(WatchdogSettings.FEED_DYING).threshold = 1_000;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<Alert> alerts = env.fromData(played, TypeInformation.of(Alert.class)).setParallelism(1)
                .flatMap(new Paced()).setParallelism(1).returns(TypeInformation.of(Alert.class));
        DataStream<Alert> feeds = alerts.filter(a -> !a.rule.equals(WatchdogSettings.LATENCY)).setParallelism(1);
        List<String> out = new ArrayList<>();
        try (var it = FeedSequenceAlerts.of(feeds, alerts, settings).executeAndCollect()) {
            it.forEachRemaining(a -> {
                assertThat(a.alertId).isEqualTo(AlertIds.of(a.rule, a.symbol, a.stream, Alert.FIRING, a.eventTime));
                out.add(a.rule + " " + a.symbol + " " + a.stream + " " + a.state + " ts " + a.eventTime
                        + " value " + (a.rule.equals(WatchdogSettings.FEED_FLAPPING) ? (long) a.value : "") + " | " + a.message);
            });
        }
        return out;
    }

    @Test
    void moreThanNStalesWithinTheWindowIsFlappingAndALatencyFiringThenAStaleIsADyingFeed() throws Exception {
        List<Alert> played = new ArrayList<>();
        flaps(played, FeedStaleness.RULE, "A", "book", 4, 1_000);        // 4 > 3: flapping at the 4th
        flaps(played, FeedStaleness.RULE, "B", "book", 3, 2_000);        // 3: not more than n
        flaps(played, FeedDownCollapse.RULE, "*", "orders", 4, 3_000);   // the whole stream flapping
        flaps(played, FeedStaleness.RULE, "C", "trades", 2, 4_000);      // 2, then 2 more after the window
        played.add(alert(WatchdogSettings.LATENCY, "D", "book", Alert.FIRING, 5_000));
        played.add(pause(300));
        played.add(alert(FeedStaleness.RULE, "D", "book", Alert.FIRING, 5_100));   // lag, then silence: dying
        played.add(alert(FeedStaleness.RULE, "F", "book", Alert.FIRING, 5_200));   // silence without lag
        played.add(alert(WatchdogSettings.LATENCY, "G", "trades", Alert.FIRING, 5_300));
        played.add(pause(300));
        played.add(alert(FeedStaleness.RULE, "G", "book", Alert.FIRING, 5_400));   // another feed of G
        played.add(alert(WatchdogSettings.LATENCY, "H", "book", Alert.RESOLVED, 5_500));
        played.add(pause(300));
        played.add(alert(FeedStaleness.RULE, "H", "book", Alert.FIRING, 5_600));   // lag had resolved: not dying
        played.add(alert(WatchdogSettings.LATENCY, "E", "book", Alert.FIRING, 6_000));
        played.add(pause(1_500));
        flaps(played, FeedStaleness.RULE, "C", "trades", 2, 7_000);
        played.add(alert(FeedStaleness.RULE, "E", "book", Alert.FIRING, 8_000));   // 1.5 s after its lag: too late
        List<String> out = run(played);
        assertThat(out).hasSize(3);
        assertThat(out).anySatisfy(s -> assertThat(s).startsWith("feed_flapping A book FIRING ts 1300 value 4 | "
                + "A book went STALE 4 times within 1 s (more than 3)"));
        assertThat(out).anySatisfy(s -> assertThat(s).startsWith("feed_flapping * orders FIRING ts 3300 value 4 | "
                + "the whole orders feed went STALE 4 times"));
        assertThat(out).anySatisfy(s -> assertThat(s).startsWith("feed_dying D book FIRING ts 5100 value  | "
                + "D book: latency was 7000 ms, then the feed stopped"));
    }
}
