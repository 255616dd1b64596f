package com.supercandles.jobs;

import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.graph.LivePipeline;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;
import com.supercandles.jobs.kafka.MarketFeed;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.candle.Period;
import com.supercandles.event.EventType;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.jobs.kafka.CommittedReader;
import com.supercandles.jobs.kafka.EmbeddedKafkaBroker;
import com.supercandles.sinks.clickhouse.LocalClickHouseServer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault tests of issue 23, each with its figures printed: the live job (Kafka in and out, exactly once,
 * on a Flink MiniCluster) while the Kafka broker, or ClickHouse, is stopped for {@link #OUTAGE} in the
 * middle of the stream and then started again on the same port and data. The reference is the replay
 * of the same recorded day, computed by the replay command without any Kafka or ClickHouse: the output
 * must equal it, each candle once.
 *
 * <p>The market: Bitstamp's BTCUSD day of 2015-05-01 (54,818 events), produced in three parts: before the
 * job starts, just before the outage (so that the job is reading, computing and writing when the
 * server goes), and after it; then one event per stream a day later closes the last windows.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OutageFaultTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    /**
     * The figure, kept: a shorter outage would run the same code paths (a stopped server refuses
     * connections at once, so no client timeout elapses either way, and the limits that change the
     * outcome with the project's settings, the producers' 2 min delivery timeout, the sinks' 10 min retry
     * timeout, Kafka's 15 min transaction timeout, are all longer), but 30 s covers several retries at the
     * sinks' longest backoff (5 s) and costs about a minute per test.
     */
    static final Duration OUTAGE = Duration.ofSeconds(30);

    private static final Path BITSTAMP_2015 = RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2015-05-01");
    private static final int EVENTS = 575 + 49_232 + 5_011;
    /** Produced before the job starts, and just before the outage; the rest after it. */
    private static final int FIRST = 20_000;
    private static final int SECOND = 15_000;
    /** Flink logs a job's state changes here (RUNNING to RESTARTING when it fails). */
    private static final String JOB_STATES = "org.apache.flink.runtime.executiongraph.ExecutionGraph";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKafkaBrokerStoppedMidStreamAndStartedAgainLeavesEveryCandleCommittedOnce(@TempDir Path tmp) throws Exception {
        // Computed first: a replay started while a job holds the test cluster's slots would wait for one.
        List<String> expected = replay(tmp);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), false);
             CapturedLog log = new CapturedLog(Map.of(JOB_STATES, Level.INFO, "org.apache.kafka", Level.WARN,
                     "org.apache.flink.connector.kafka", Level.WARN, "com.supercandles", Level.WARN))) {
            Map<String, String> c = liveConfig(broker, tmp.resolve("checkpoints"));
            Iterator<MarketFeed.Line> lines = MarketFeed.recorded(BITSTAMP_2015);
            long produced = produce(broker, c, lines, FIRST);
            JobClient job = start(c);
            List<String> committed;
            long stoppedMs;
            int beforeOutage;
            int afterOutage;
            long kept;
            long pendingAtStop;
            try {
                beforeOutage = readCommitted(broker, c.get("topic.candles"), 20, Duration.ofSeconds(60)).size();
                assertThat(beforeOutage).as("candles committed before the outage").isGreaterThanOrEqualTo(20);
                produced += produce(broker, c, lines, SECOND);

                // candle records written in a transaction not yet committed: the job's output in flight
                pendingAtStop = endOffset(broker, c.get("topic.candles"), "read_uncommitted")
                        - endOffset(broker, c.get("topic.candles"), "read_committed");
                long stop = System.nanoTime();
                broker.stop(); // at once: the job is still at the second part
                sleepUntil(stop + OUTAGE.toNanos());
                broker.restart(); // same port, same log directory
                stoppedMs = (System.nanoTime() - stop) / 1_000_000;
                kept = inputRecords(broker, c);
                assertThat(kept).as("the broker kept its log: every event produced before the outage").isEqualTo(FIRST + SECOND);
                // what the second part gave, committed through the outage (the windows an hour behind it close)
                afterOutage = readCommitted(broker, c.get("topic.candles"), Integer.MAX_VALUE, Duration.ofSeconds(15)).size();

                produced += produce(broker, c, lines, Integer.MAX_VALUE);
                produceNextDay(broker, c, tmp);
                committed = readCommitted(broker, c.get("topic.candles"), expected.size(), Duration.ofSeconds(150));
                assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).as("the job runs on").isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            committed.removeIf(candle -> candle.contains("\"symbol\":\"ZZZ\""));
            List<String> restarts = log.lines(l -> l.contains(" to RESTARTING"));
            List<String> warnings = log.lines(l -> l.startsWith("WARN") && !l.contains(" to RESTARTING"));
            List<String> errors = log.lines(l -> l.startsWith("ERROR"));

            Counts counts = Counts.of(expected, committed);
            System.out.printf("Kafka broker outage: stopped for %.1f s (same port, same log directory) just after %,d of"
                            + " %,d events were produced, %,d of them in its log after the restart; candles committed: %,d"
                            + " before that part, %,d after the broker's return (%,d candle records in an open transaction"
                            + " when it stopped); job restarts: %d; client and connector log lines: %d warnings, %d errors%n",
                    stoppedMs / 1000.0, FIRST + SECOND, EVENTS, kept, beforeOutage, afterOutage, pendingAtStop,
                    restarts.size(), warnings.size(), errors.size());
            System.out.printf("  candles expected (replay) %,d, committed %,d: twice %d, missing %d, not in the replay %d%n",
                    expected.size(), committed.size(), counts.twice, counts.missing, counts.extra);
            restarts.forEach(r -> System.out.println("  " + r));
            warnings.stream().map(l -> l.replaceAll("\\d+", "N")).distinct().limit(5)
                    .forEach(l -> System.out.println("  e.g. " + (l.length() > 300 ? l.substring(0, 300) + "..." : l)));
            errors.stream().limit(5).forEach(l -> System.out.println("  " + l));
            assertThat(produced).isEqualTo(EVENTS);
            assertThat(committed).as("every candle of the replay committed once, nothing else")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * With the project's settings (retry timeout 10 min, transaction timeout 15 min) the job waits for
     * ClickHouse: no failure, no restart, one line when the outage starts and one when it ends.
     */
    @Test
    void aClickHouseOutageMidRunLandsEveryRowOnceAndTheJobWaitsForIt(@TempDir Path tmp) throws Exception {
        ClickHouseOutcome o = clickHouseOutage(tmp, Map.of());
        assertThat(o.restarts).as("the job never failed because of the outage").isEmpty();
    }

    /**
     * An outage longer than the retry timeout (10 s here; the transaction timeout at the old default,
     * 60 s, which leaves the retry room: see LiveConfig.retryWithinTransactions): the sinks give up, the
     * job fails and restarts from its last checkpoint, again while ClickHouse is still away, and recovers
     * by itself once it is back. Rows a restart writes again collapse under FINAL, and still one line
     * starts and one line ends the outage. (With a transaction timeout shorter than the stall, 15 s, and
     * the retry at 10 min, the same outage lost 20 of the 366 candles in Kafka, ClickHouse had all of them:
     * such a configuration is refused now.)
     */
    @Test
    void aClickHouseOutageLongerThanTheRetryTimeoutRestartsTheJobWhichLosesAndRepeatsNothing(@TempDir Path tmp)
            throws Exception {
        ClickHouseOutcome o = clickHouseOutage(tmp, Map.of("clickhouse.retry.timeout", "10s", "transaction.timeout", "60s"));
        assertThat(o.restarts).as("the job failed and restarted while ClickHouse was away").isNotEmpty();
        assertThat(o.failures).as("because a sink gave up after its retry timeout").isNotEmpty()
                .allSatisfy(f -> assertThat(f).contains("gave up after").contains("in 10 s (the retry timeout)"));
    }

    /** What a ClickHouse outage left: the job's restarts, and its tasks' failures with their causes. */
    private record ClickHouseOutcome(List<String> restarts, List<String> failures) {}

    /**
     * The live job writing to Kafka and ClickHouse; ClickHouse stopped for {@link #OUTAGE} while the job
     * gets the second part of the market, then started again on the same ports and data. Checks what
     * both outages must leave, whatever the settings: every candle, signal record and alert of the replay
     * in ClickHouse, one row per key after FINAL, every field of the candles equal; the Kafka output
     * untouched (each candle once); the job running at the end; one line for the outage's start, one for
     * its end.
     */
    private static ClickHouseOutcome clickHouseOutage(Path tmp, Map<String, String> settings) throws Exception {
        List<String> expected = replay(tmp);
        List<JsonNode> expectedSignals = CandleAssertions.readLines(tmp.resolve("replay-signals.jsonl"));
        List<JsonNode> expectedAlerts = CandleAssertions.readLines(tmp.resolve("replay-alerts.jsonl"));
        assertThat(expectedSignals).isNotEmpty();
        assertThat(expectedAlerts).isNotEmpty();
        String user = "sink";
        String password = "Pa55-for-the-outage";
        String db = "outage";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), false);
             LocalClickHouseServer clickHouse = LocalClickHouseServer.start(tmp.resolve("clickhouse"), user, password);
             CapturedLog log = new CapturedLog(Map.of(JOB_STATES, Level.INFO, "com.supercandles", Level.WARN))) {
            Map<String, String> c = liveConfig(broker, tmp.resolve("checkpoints"));
            // the sink's own defaults otherwise: batches of 10,000 rows or 1 s
            c.put("clickhouse.url", clickHouse.httpUrl());
            c.put("clickhouse.database", db);
            c.put("clickhouse.user", user);
            c.put("clickhouse.password", password);
            c.put("clickhouse.migrate", "true");
            c.putAll(settings);
            Iterator<MarketFeed.Line> lines = MarketFeed.recorded(BITSTAMP_2015);
            produce(broker, c, lines, FIRST);
            JobClient job = start(c);
            List<String> committed;
            long stoppedMs;
            long beforeOutage;
            long landed;
            try {
                beforeOutage = awaitRows(clickHouse, db, 20, Duration.ofSeconds(60));
                assertThat(beforeOutage).as("candles in ClickHouse before the outage").isGreaterThanOrEqualTo(20);
                long stop = System.nanoTime();
                clickHouse.stop();
                // while it is away the job gets the second part: candles, signals, alerts to write
                produce(broker, c, lines, SECOND);
                sleepUntil(stop + OUTAGE.toNanos());
                clickHouse.start(); // same ports, same data
                stoppedMs = (System.nanoTime() - stop) / 1_000_000;
                produce(broker, c, lines, Integer.MAX_VALUE);
                produceNextDay(broker, c, tmp);
                landed = awaitRows(clickHouse, db, expected.size(), Duration.ofSeconds(150));
                committed = readCommitted(broker, c.get("topic.candles"), expected.size(), Duration.ofSeconds(60));
                // the alerts and signals of the last windows follow their candles within a batch interval
                Thread.sleep(3_000);
                assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).as("the job runs on").isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            String url = clickHouse.httpUrl();
            List<JsonNode> candles = new ArrayList<>(ClickHouseOutputTest.finalCandles(url, db));
            candles.removeIf(r -> r.get("symbol").asText().equals("ZZZ"));
            Map<String, Long> signalRows = keyCounts(ClickHouseOutputTest.query(url, db, "SELECT symbol, period,"
                    + " strategy, toUInt64(toUnixTimestamp(window_start)) * 1000 AS window_start, count() AS n FROM "
                    + db + ".signals FINAL WHERE symbol != 'ZZZ' GROUP BY symbol, period, strategy, window_start"),
                    OutageFaultTest::signalKey);
            Map<String, Long> alertRows = keyCounts(ClickHouseOutputTest.query(url, db, "SELECT alert_id, count() AS n FROM "
                    + db + ".alerts FINAL WHERE symbol != 'ZZZ' GROUP BY alert_id"), a -> a.get("alert_id").asText());
            long rawCandles = ClickHouseOutputTest.query(url, db, "SELECT count() AS n FROM " + db
                    + ".supercandles WHERE symbol != 'ZZZ'").get(0).get("n").asLong();
            committed.removeIf(candle -> candle.contains("\"symbol\":\"ZZZ\""));
            List<String> restarts = log.lines(l -> l.contains(" to RESTARTING"));
            List<String> outageLines = log.lines(l -> l.startsWith("WARN") && l.contains("ClickHouse"));

            List<String> expectedSignalKeys = expectedSignals.stream().map(OutageFaultTest::signalKey).toList();
            List<String> expectedAlertIds = expectedAlerts.stream().map(a -> a.get("alert_id").asText()).toList();
            Counts candleCounts = Counts.of(expected.stream().map(OutageFaultTest::candleKey).toList(),
                    candles.stream().map(OutageFaultTest::candleKey).toList());
            Counts signalCounts = Counts.of(expectedSignalKeys, expand(signalRows));
            Counts alertCounts = Counts.of(expectedAlertIds, expand(alertRows));
            Counts kafkaCounts = Counts.of(expected, committed);
            System.out.printf("ClickHouse outage (%s): stopped for %.1f s (same ports, same data) with %,d candles in it;"
                            + " job restarts: %d; its log lines about ClickHouse: %d%n",
                    settings.isEmpty() ? "the project's settings" : settings, stoppedMs / 1000.0, beforeOutage,
                    restarts.size(), outageLines.size());
            outageLines.forEach(l -> System.out.println("  " + l));
            restarts.forEach(r -> System.out.println("  " + r));
            log.lines(l -> l.contains(" to FAILED")).stream().limit(3).forEach(f -> System.out.println("  " + f));
            System.out.printf("  after FINAL: candles %,d of %,d (missing %d, twice %d, not in the replay %d; %,d rows"
                            + " before FINAL), signals %,d of %,d (missing %d, twice %d, not in the replay %d), alerts"
                            + " %,d of %,d (missing %d, twice %d, not in the replay %d); Kafka: candles committed %,d"
                            + " (missing %d, twice %d)%n",
                    candles.size(), expected.size(), candleCounts.missing, candleCounts.twice, candleCounts.extra,
                    rawCandles, signalCounts.found, expectedSignals.size(), signalCounts.missing, signalCounts.twice,
                    signalCounts.extra, alertCounts.found, expectedAlerts.size(), alertCounts.missing, alertCounts.twice,
                    alertCounts.extra, committed.size(), kafkaCounts.missing, kafkaCounts.twice);

            assertThat(landed).isEqualTo(expected.size());
            List<JsonNode> expectedCandles = new ArrayList<>();
            for (String line : expected) {
                expectedCandles.add(JSON.readTree(line));
            }
            ClickHouseOutputTest.assertSameRows(candles, expectedCandles); // one final row per key, every field equal
            assertThat(expand(signalRows)).as("every signal record, one final row each")
                    .containsExactlyInAnyOrderElementsOf(expectedSignalKeys);
            assertThat(expand(alertRows)).as("every alert, one final row each")
                    .containsExactlyInAnyOrderElementsOf(expectedAlertIds);
            assertThat(committed).as("the Kafka output is untouched by the ClickHouse outage: every candle once")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(outageLines).as("one line when the outage starts, one when it ends").hasSize(2);
            assertThat(outageLines.get(0)).contains("ClickHouse at " + url + " is unreachable");
            assertThat(outageLines.get(1)).contains("ClickHouse at " + url + " is back after").contains("rows");
            return new ClickHouseOutcome(restarts, log.lines(l -> l.contains(" to FAILED") && l.contains("to clickhouse")));
        }
    }

    /** How often each key occurs, from rows of (key columns..., n). */
    private static Map<String, Long> keyCounts(List<JsonNode> rows, Function<JsonNode, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode r : rows) {
            counts.merge(key.apply(r), r.get("n").asLong(), Long::sum);
        }
        return counts;
    }

    private static List<String> expand(Map<String, Long> counts) {
        List<String> keys = new ArrayList<>();
        counts.forEach((k, n) -> {
            for (long i = 0; i < n; i++) {
                keys.add(k);
            }
        });
        return keys;
    }

    private static String candleKey(String json) {
        try {
            return candleKey(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String candleKey(JsonNode c) {
        return c.get("period").asText() + "|" + c.get("symbol").asText() + "|" + c.get("window_start").asLong();
    }

    private static String signalKey(JsonNode s) {
        return s.get("symbol").asText() + "|" + s.get("period").asText() + "|" + s.get("strategy").asText() + "|"
                + s.get("window_start").asLong();
    }

    /** What was found of the expected, as multisets: each expected once, nothing else. */
    static final class Counts {
        int found;
        int twice;
        int missing;
        int extra;

        static Counts of(List<String> expected, List<String> actual) {
            Map<String, Integer> want = new HashMap<>();
            expected.forEach(e -> want.merge(e, 1, Integer::sum));
            Map<String, Integer> got = new HashMap<>();
            actual.forEach(a -> got.merge(a, 1, Integer::sum));
            Counts c = new Counts();
            for (Map.Entry<String, Integer> w : want.entrySet()) {
                int n = got.getOrDefault(w.getKey(), 0);
                c.found += Math.min(n, w.getValue());
                c.missing += Math.max(0, w.getValue() - n);
                c.twice += Math.max(0, n - w.getValue());
            }
            for (Map.Entry<String, Integer> g : got.entrySet()) {
                if (!want.containsKey(g.getKey())) {
                    c.extra += g.getValue();
                }
            }
            return c;
        }
    }

    /** What the replay command writes for the same events: the reference, one JSON line per candle. */
    private static List<String> replay(Path tmp) throws Exception {
        Path out = tmp.resolve("replay.jsonl");
        com.supercandles.alert.WatchdogSettings watchdogs = new com.supercandles.alert.WatchdogSettings();
        // as disabled in the live configuration below: it compares two streams as they arrive
        watchdogs.rule(com.supercandles.alert.WatchdogSettings.ORDER_OFF_MID).enabled = false;
        Replay.run(new SuperCandlesSettings().periods(Period.parseList("1m,5m")).watchdogs(watchdogs)
                        .instruments(Instruments.withDefaults(new InstrumentSpec(1, 0.01, 10000))), BITSTAMP_2015, ReplayFiles.of(out, tmp.resolve("replay-dead.jsonl")).with(Outputs.MODELS, tmp.resolve("replay-models.jsonl")).with(Outputs.SIGNALS, tmp.resolve("replay-signals.jsonl")).with(Outputs.ALERTS, tmp.resolve("replay-alerts.jsonl")), null, 1);
        List<String> candles = Files.readAllLines(out);
        assertThat(candles).hasSizeGreaterThan(300);
        return candles;
    }

    /**
     * The live job's settings on fresh topics of one partition, Kafka's transaction timeout at the
     * project's default (15 min); the day's windows close an hour of market time behind, and all at the
     * next day.
     */
    private static Map<String, String> liveConfig(EmbeddedKafkaBroker broker, Path checkpoints) throws Exception {
        Map<String, String> c = LiveTestConfig.freshTopics(broker, "outage", checkpoints, "1h", 1);
        c.put("parallelism", "1");
        return c;
    }

    private static JobClient start(Map<String, String> c) throws Exception {
        LiveConfig config = LiveConfig.load(null, c, name -> null);
        StreamExecutionEnvironment env = LivePipeline.environment(config, null);
        LivePipeline.job(config).build(env);
        return env.executeAsync("SuperCandles outage test");
    }

    private static Properties kafka(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    private static Map<EventType, String> inputTopics(Map<String, String> c) {
        return LiveConfig.inputTopics(c::get);
    }

    /** Produces up to {@code count} more lines of the market, all acknowledged by the broker when it returns. */
    private static long produce(EmbeddedKafkaBroker broker, Map<String, String> c, Iterator<MarketFeed.Line> lines,
                                int count) throws Exception {
        int[] sent = {0};
        return MarketFeed.produce(kafka(broker), inputTopics(c), lines, 0, () -> sent[0]++ >= count);
    }

    /** One event per stream a day later, for another symbol: the watermark passes every window of the day. */
    private static void produceNextDay(EmbeddedKafkaBroker broker, Map<String, String> c, Path tmp) throws Exception {
        Path later = Files.createDirectories(tmp.resolve("later"));
        long nextDay = 1430438400000L + 86_400_000L;
        Files.write(later.resolve("trades.jsonl"), List.of("{\"type\":\"trade\",\"symbol\":\"ZZZ\",\"ts\":" + nextDay
                + ",\"trade_id\":\"1\",\"price\":1,\"qty\":1,\"side\":\"B\"}"));
        Files.write(later.resolve("orders.jsonl"), List.of("{\"type\":\"order\",\"symbol\":\"ZZZ\",\"ts\":" + nextDay
                + ",\"order_id\":\"1\",\"action\":\"put\",\"price\":1,\"qty\":1,\"side\":\"B\"}"));
        Files.write(later.resolve("book.jsonl"), List.of("{\"type\":\"book\",\"symbol\":\"ZZZ\",\"ts\":" + nextDay
                + ",\"bids\":[[1,1]],\"asks\":[[2,1]]}"));
        MarketFeed.produce(kafka(broker), inputTopics(c), MarketFeed.recorded(later), 0, () -> false);
    }

    /** Committed records of a topic: waits for {@code expected}, then 3 s more for any extra. */
    private static List<String> readCommitted(EmbeddedKafkaBroker broker, String topic, int expected, Duration timeout) {
        return CommittedRecords.read(kafka(broker), topic, expected, timeout, Duration.ofSeconds(3));
    }

    /** The end of a topic's partition 0 as a reader of that isolation level sees it. */
    private static long endOffset(EmbeddedKafkaBroker broker, String topic, String isolation) {
        Properties p = CommittedReader.properties(kafka(broker), "offsets-" + UUID.randomUUID());
        p.put("isolation.level", isolation);
        org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /** Records in the input topics (the sum of their end offsets); fails within 15 s when a topic is gone. */
    private static long inputRecords(EmbeddedKafkaBroker broker, Map<String, String> c) {
        Properties p = CommittedReader.properties(kafka(broker), "offsets-" + UUID.randomUUID());
        p.put("default.api.timeout.ms", "15000");
        List<org.apache.kafka.common.TopicPartition> partitions = inputTopics(c).values().stream()
                .map(t -> new org.apache.kafka.common.TopicPartition(t, 0)).toList();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Final candles in ClickHouse (the next day's aside): waits until there are {@code expected}, or the timeout. */
    private static long awaitRows(LocalClickHouseServer server, String db, long expected, Duration timeout) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long n = 0;
        while (System.currentTimeMillis() < deadline) {
            n = ClickHouseOutputTest.query(server.httpUrl(), db, "SELECT count() AS n FROM " + db
                    + ".supercandles FINAL WHERE symbol != 'ZZZ'").get(0).get("n").asLong();
            if (n >= expected) {
                return n;
            }
            Thread.sleep(250);
        }
        return n;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
