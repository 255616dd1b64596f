package com.supercandles.jobs.delivery;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.alert.Severity;
import com.supercandles.candle.Period;
import com.supercandles.event.EventType;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.SuperCandlesJob;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.sinks.alert.AlertDeliverySink;
import com.supercandles.sinks.alert.DeliveryPolicy;
import com.supercandles.sinks.alert.WebhookReceiver;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault test (issue 23): a webhook receiver that is down for 60 s (nothing listens on its port), then slow
 * (5 s per request), with the production delivery policy (backoff from 1 s doubling to 1 min, 8 attempts,
 * 10 s per request). Every committed FIRING and RESOLVED reaches it after it is back, each payload carries
 * the alert's id as a field, and the job keeps its pace: the market's trades are taken in at the rate
 * they are offered and the candles are committed at every checkpoint throughout. About 100 s.
 */
class ReceiverOutageTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JUMPS = 3;
    private static final double RATE = 500;
    private static final long DOWN_MS = 60_000;
    private static final long SLOW_MS = 5_000;

    @Test
    void aReceiverDownForAMinuteThenSlowGetsEveryCommittedAlertWhileTheJobKeepsItsPace(@TempDir Path tmp) throws Exception {
        Path alertsOut = tmp.resolve("alerts");
        Path candlesOut = tmp.resolve("candles");
        Map<String, String> expected = GeneratedTrades.expected(JUMPS);
        try (LoopbackReceiver hook = new LoopbackReceiver()) {  // down: nothing listens
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(Replay.localConfiguration());
            env.setParallelism(1);
            env.enableCheckpointing(1_000);
            SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("10s"))
                    .maxOutOfOrderness(Duration.ofSeconds(1));
            SuperCandlesJob.builder().settings(settings)
                    .source(EventType.TRADE, GeneratedTrades.source(JUMPS, RATE, settings.maxOutOfOrderness()))
                    .sink(Outputs.CANDLES, new CommittedLines<>(candlesOut, Outputs.CANDLES.json()))
                    .sink(Outputs.DEAD_LETTERS, new CommittedLines<>(tmp.resolve("dead-letters"), Outputs.DEAD_LETTERS.json()))
                    .sink(Outputs.ALERTS, new CommittedLines<>(alertsOut, Outputs.ALERTS.json()))
                    .sink(Outputs.ALERTS, "receivers", new AlertDeliverySink(List.of(new WebhookReceiver("desk",
                            hook.url("/hooks/desk"), Severity.INFO, Set.of(), Duration.ofSeconds(10))), new DeliveryPolicy(), null))
                    .build().build(env);

            long start = System.currentTimeMillis();
            long emittedAtStart = GeneratedTrades.EMITTED.get();
            JobClient job = env.executeAsync("alert receiver outage");
            // (wall ms since start, trades taken in): the job's intake, sampled each second
            List<long[]> intake = new ArrayList<>();
            boolean slow = false;
            Set<String> committed = Set.of();
            try {
                while (System.currentTimeMillis() - start < 240_000) {
                    long t = System.currentTimeMillis() - start;
                    intake.add(new long[] {t, GeneratedTrades.EMITTED.get() - emittedAtStart});
                    if (!slow && t >= DOWN_MS) {
                        hook.slow(SLOW_MS);
                        slow = true;
                    }
                    committed = ids(CommittedLines.read(alertsOut));
                    if (slow && committed.size() >= expected.size() && hook.delivered().containsAll(committed)) {
                        break;
                    }
                    Thread.sleep(1_000);
                }
            } finally {
                job.cancel().get();
            }
            long end = System.currentTimeMillis() - start;

            // every committed FIRING and RESOLVED, and nothing else, reached the receiver, and only once it was back
            Set<String> delivered = hook.delivered();
            Set<String> undelivered = new TreeSet<>(committed);
            undelivered.removeAll(delivered);
            long firstDelivery = hook.requests().stream().filter(r -> r.status == 200).mapToLong(r -> r.atMillis - start)
                    .min().orElse(-1);
            long lastDelivery = hook.requests().stream().filter(r -> r.status == 200).mapToLong(r -> r.atMillis - start)
                    .max().orElse(-1);
            Map<String, Long> byState = committed.stream().collect(Collectors.groupingBy(
                    id -> expected.getOrDefault(id, "unexpected"), TreeMap::new, Collectors.counting()));

            // the job's pace: intake per second in the outage (after a 5-s start) and in the slow phase, and
            // the longest wait between two commits of candles (the checkpoints complete every second)
            double downRate = rate(intake, 5_000, DOWN_MS);
            double slowRate = rate(intake, DOWN_MS, end);
            List<Long> commits = commitTimes(candlesOut, start);
            long longestGap = longestGap(commits, 5_000, end);

            System.out.printf(Locale.ROOT, "receiver outage: %d alerts committed (%s); the receiver down 0-%d s, then %d s"
                            + " per request: %d delivered (first at %.1f s, last at %.1f s), %d undelivered, %d repeats%n",
                    committed.size(), byState, DOWN_MS / 1000, SLOW_MS / 1000, delivered.size(), firstDelivery / 1e3,
                    lastDelivery / 1e3, undelivered.size(), hook.repeats());
            System.out.printf(Locale.ROOT, "receiver outage: job intake offered %.0f trades/s, taken %.0f/s while the"
                            + " receiver was down, %.0f/s while it was slow; %d candle commits, longest gap %.1f s%n",
                    RATE, downRate, slowRate, commits.size(), longestGap / 1e3);

            assertThat(committed).as("the alerts committed: exactly the schedule's").isEqualTo(expected.keySet());
            assertThat(undelivered).as("committed alerts the receiver never got").isEmpty();
            assertThat(delivered).isEqualTo(committed);
            assertThat(firstDelivery).as("nothing is delivered while nothing listens").isGreaterThanOrEqualTo(DOWN_MS);
            for (LoopbackReceiver.Request r : hook.requests()) {
                assertThat(r.body.path("alert_id").asText()).as("the payload's alert_id field").isEqualTo(r.alertId);
                assertThat(r.body.get("text").asText()).endsWith("\nalert " + r.alertId);
                assertThat(r.body.get("state").asText()).isEqualTo(expected.get(r.alertId));
            }
            assertThat(downRate).as("intake while the receiver was down").isGreaterThan(0.9 * RATE);
            assertThat(slowRate).as("intake while the receiver was slow").isGreaterThan(0.9 * RATE);
            assertThat(longestGap).as("longest wait between candle commits").isLessThan(SLOW_MS);
        }
    }

    private static Set<String> ids(List<String> alertLines) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (String line : alertLines) {
            JsonNode a = JSON.readTree(line);
            ids.add(a.get("alert_id").asText());
        }
        return ids;
    }

    /** Trades taken in per second between {@code fromMs} and {@code toMs}. */
    private static double rate(List<long[]> intake, long fromMs, long toMs) {
        long[] first = null;
        long[] last = null;
        for (long[] s : intake) {
            if (s[0] >= fromMs && s[0] <= toMs) {
                first = first == null ? s : first;
                last = s;
            }
        }
        return first == null || last == first ? 0 : (last[1] - first[1]) * 1000.0 / (last[0] - first[0]);
    }

    /** When each batch of candles was committed, in ms since {@code start}, in order. */
    private static List<Long> commitTimes(Path dir, long start) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).map(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis() - start;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().collect(Collectors.toList());
        }
    }

    private static long longestGap(List<Long> times, long fromMs, long toMs) {
        long longest = 0;
        Long previous = null;
        for (long t : times) {
            if (t < fromMs || t > toMs) {
                continue;
            }
            if (previous != null) {
                longest = Math.max(longest, t - previous);
            }
            previous = t;
        }
        return previous == null ? Long.MAX_VALUE : longest;
    }
}
