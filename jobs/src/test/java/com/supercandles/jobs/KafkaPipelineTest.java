package com.supercandles.jobs;

import com.supercandles.jobs.commands.LiveCommand;
import com.supercandles.jobs.config.CheckpointLocator;
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
import com.supercandles.jobs.kafka.KafkaTopics;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live pipeline against a real Kafka broker (Kafka's own KRaft server, in this JVM, on free
 * loopback ports) and a Flink MiniCluster: what comes out of the candle topic, read committed, must be
 * exactly what the replay command computes from the same events, with or without a failure.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KafkaPipelineTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Path BITSTAMP_2015 = RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2015-05-01");
    private static EmbeddedKafkaBroker broker;

    /** How often the broker deletes segments past its time retention (Kafka's: every 5 minutes). */
    private static final Duration RETENTION_CHECK = Duration.ofSeconds(1);

    @BeforeAll
    static void startBroker() throws Exception {
        // Kafka's default retention (7 days), checked every second from the start, segments rolled every
        // second: what would be lost to time retention is lost within the test.
        broker = EmbeddedKafkaBroker.start(Files.createTempDirectory("supercandles-kafka-"), true, Map.of(
                "log.retention.check.interval.ms", Long.toString(RETENTION_CHECK.toMillis()),
                "log.initial.task.delay.ms", "0",
                "log.roll.ms", "1000"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    /** Fresh topics for one test, created before the job starts (a source on a missing topic loops). */
    private static Map<String, String> freshTopics(Path checkpoints, boolean bounded, int partitions) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("group.id", "test-" + run);
        for (String stream : new String[] {"trades", "orders", "book", "candles", "dead-letters", "models", "signals",
                "alerts", "anomaly-follow-ups", "scores", "guard"}) { // topic.gaps: off, the default (gapRecords... sets it)
            c.put("topic." + stream, stream + "-" + run);
        }
        c.put("transactional.id.prefix", "test-" + run);
        c.put("checkpoint.dir", checkpoints.toString());
        c.put("checkpoint.interval", "500ms");
        c.put("transaction.timeout", "60s");
        c.put("periods", "1m,5m");
        c.put("depth-notional", "10000");
        c.put("startup.offsets", "earliest");
        // No idleness: event time alone decides what is late, whatever the machine's load. Bounded runs
        // do not need it (finished splits release the watermark) and the unbounded test uses one
        // partition per topic, so no split stays empty.
        c.put("idleness", "0");
        // A source reader that has no split yet counts as idle in Flink, so a stream whose reader starts
        // late can find event time already advanced by the others (its first events then come out late).
        // These tests are about delivery and restore, not lateness (SuperCandlesJobTest covers that): a
        // bound wider than any start-up skew keeps them deterministic. Bounded runs close every window at
        // the end anyway; the unbounded run still closes windows an hour of market time behind.
        c.put("max-out-of-orderness", bounded ? "1d" : "1h");
        c.put("bounded", Boolean.toString(bounded));
        c.put("parallelism", Integer.toString(partitions)); // no source subtask without a partition
        List<String> topics = new ArrayList<>();
        LiveConfig.TOPIC_KEYS.stream().map(c::get).filter(java.util.Objects::nonNull).forEach(topics::add);
        KafkaTopics.ensure(kafka(), topics, partitions); // the live command checks that every one exists
        // compares two streams as they arrive: not the same in a replay of three topics
        c.put("watchdog.order_off_mid.enabled", "false");
        // processing time: whether a feed looks silent depends on the machine's pace, not on the data
        c.put("watchdog.feed_stale.enabled", "false");
        // ingest time - ts of a 2015 day produced today: years (a backfill lags by design)
        c.put("watchdog.latency.enabled", "false");
        return c;
    }

    private static Properties kafka() {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    private static Map<EventType, String> inputTopics(Map<String, String> c) {
        return LiveConfig.inputTopics(c::get);
    }

    private static LiveConfig config(Map<String, String> c) throws Exception {
        return LiveConfig.load(null, c, name -> null);
    }

    /** What the replay command writes for the same events: the expected output, one JSON line per candle. */
    private static List<String> replayCandles(Path input, Path tmp) throws Exception {
        return replayCandles(input, tmp, null);
    }

    /** @param model a model directory the replay scores with (its records to replay-scores.jsonl), or null */
    private static List<String> replayCandles(Path input, Path tmp, Path model) throws Exception {
        Path out = tmp.resolve("replay.jsonl");
        com.supercandles.alert.WatchdogSettings watchdogs = new com.supercandles.alert.WatchdogSettings();
        watchdogs.rule(com.supercandles.alert.WatchdogSettings.ORDER_OFF_MID).enabled = false;
        Replay.run(new SuperCandlesSettings().periods(Period.parseList("1m,5m")).watchdogs(watchdogs)
                        .instruments(Instruments.withDefaults(new InstrumentSpec(1, 0.01, 10000)))
                        .scoreModel(model == null ? null : com.supercandles.score.ModelDirectory.read(model)), input, ReplayFiles.of(out, tmp.resolve("replay-dead.jsonl")).with(Outputs.MODELS, tmp.resolve("replay-models.jsonl")).with(Outputs.SIGNALS, tmp.resolve("replay-signals.jsonl")).with(Outputs.ALERTS, tmp.resolve("replay-alerts.jsonl")).with(Outputs.SCORES, model == null ? null : tmp.resolve("replay-scores.jsonl")), null, 1);
        return Files.readAllLines(out);
    }

    /** Committed records of a topic: waits for {@code expected}, then 2 s more for any extra. */
    private static List<String> readCommitted(String topic, int expected, Duration timeout) {
        return CommittedRecords.read(kafka(), topic, expected, timeout, Duration.ofSeconds(2));
    }

    private static void runToEnd(LiveConfig config, String restoreFrom) throws Exception {
        StreamExecutionEnvironment env = LivePipeline.environment(config, restoreFrom);
        LivePipeline.job(config).execute(env, "test");
    }

    /**
     * A backfill of a 2015 day through Kafka on a broker that checks its time retention (Kafka's default
     * 7 days) every second and rolls a segment every second: output stamped with its event time would be
     * deleted segment by segment within seconds of its commit. Every candle, model record and dead
     * letter must still be there, from offset 0, after several retention checks, equal to the replay.
     */
    @Test
    void aBackfillOfHistoryKeepsEveryOutputRecordThroughTheBrokersTimeRetention(@TempDir Path tmp) throws Exception {
        Map<String, String> c = freshTopics(tmp.resolve("checkpoints"), true, 1);
        long produced = MarketFeed.produce(kafka(), inputTopics(c), MarketFeed.recorded(BITSTAMP_2015), 0, () -> false);
        assertThat(produced).isEqualTo(575 + 49_232 + 5_011);
        Path badInput = Files.createDirectories(tmp.resolve("bad"));
        List<String> bad = List.of("not json", "{\"type\":\"trade\",\"symbol\":\"" + "X".repeat(100)
                + "\",\"ts\":1430438404645,\"trade_id\":\"1\",\"price\":1,\"qty\":1,\"side\":\"B\"}");
        Files.write(badInput.resolve("trades.jsonl"), bad);
        MarketFeed.produce(kafka(), inputTopics(c), MarketFeed.recorded(badInput), 0, () -> false);

        Path model = TestModels.demoModel(tmp.resolve("model"), "1m");
        c.put("score.model", model.toString());
        KafkaTopics.ensure(kafka(), List.of(c.get("topic.scores"), c.get("topic.guard")), 1);
        runToEnd(config(c), null);
        Thread.sleep(RETENTION_CHECK.toMillis() * 6);

        for (String topic : List.of(c.get("topic.candles"), c.get("topic.models"), c.get("topic.dead-letters"),
                c.get("topic.signals"), c.get("topic.alerts"), c.get("topic.scores"), c.get("topic.guard"))) {
            assertThat(firstOffset(topic)).as("first offset of " + topic + " after the retention checks").isZero();
        }
        List<String> expected = replayCandles(BITSTAMP_2015, tmp, model);
        assertThat(expected).hasSizeGreaterThan(300);
        List<String> committed = readCommitted(c.get("topic.candles"), expected.size(), Duration.ofSeconds(60));
        assertThat(committed).containsExactlyInAnyOrderElementsOf(expected);

        // The execution-model records flow to their topic too, the same as the replay writes them.
        List<String> expectedModels = Files.readAllLines(tmp.resolve("replay-models.jsonl"));
        assertThat(expectedModels).hasSizeGreaterThan(100);
        assertThat(readCommitted(c.get("topic.models"), expectedModels.size(), Duration.ofSeconds(60)))
                .containsExactlyInAnyOrderElementsOf(expectedModels);

        // and the paper strategies' records, the same as the replay's
        List<String> expectedSignals = Files.readAllLines(tmp.resolve("replay-signals.jsonl"));
        assertThat(expectedSignals).hasSize(expected.stream().filter(l -> l.contains("\"period\":\"1m\"")).toList().size() * 5);
        assertThat(readCommitted(c.get("topic.signals"), expectedSignals.size(), Duration.ofSeconds(60)))
                .containsExactlyInAnyOrderElementsOf(expectedSignals);

        // and the model score's records and the guard's, the same as the replay's
        List<String> expectedScores = Files.readAllLines(tmp.resolve("replay-scores.jsonl"));
        assertThat(expectedScores).hasSize(expected.stream().filter(l -> l.contains("\"period\":\"1m\"")).toList().size());
        assertThat(readCommitted(c.get("topic.scores"), expectedScores.size(), Duration.ofSeconds(60)))
                .containsExactlyInAnyOrderElementsOf(expectedScores);
        List<String> expectedGuard = Files.readAllLines(ReplayFiles.besideOther(tmp.resolve("replay-scores.jsonl"), Outputs.GUARD));
        assertThat(expectedGuard).hasSize(expectedSignals.size());
        assertThat(readCommitted(c.get("topic.guard"), expectedGuard.size(), Duration.ofSeconds(60)))
                .containsExactlyInAnyOrderElementsOf(expectedGuard);

        // and the alerts, by id (emitted_at differs)
        ObjectMapper json = new ObjectMapper();
        List<String> expectedAlerts = new ArrayList<>();
        for (String a : Files.readAllLines(tmp.resolve("replay-alerts.jsonl"))) {
            expectedAlerts.add(json.readTree(a).get("alert_id").asText());
        }
        assertThat(expectedAlerts).isNotEmpty();
        List<String> alertIds = new ArrayList<>();
        for (String a : readCommitted(c.get("topic.alerts"), expectedAlerts.size(), Duration.ofSeconds(60))) {
            alertIds.add(json.readTree(a).get("alert_id").asText());
        }
        assertThat(alertIds).containsExactlyInAnyOrderElementsOf(expectedAlerts);

        List<String> payloads = new ArrayList<>();
        for (String letter : readCommitted(c.get("topic.dead-letters"), bad.size(), Duration.ofSeconds(60))) {
            payloads.add(json.readTree(letter).get("payload").asText());
        }
        assertThat(payloads).containsExactlyInAnyOrderElementsOf(bad);
    }

    /** The documented way to run the service: `live --config FILE`, every key (the required ones too) in the file. */
    /**
     * The gaps topic as the job's fourth input: each gap record on it marks the candles of its symbol that
     * its [from, to] meets (as {@link ReferenceSuperCandles} computes from the same records on its own) and
     * raises one feed_gap alert.
     */
    @Test
    void gapRecordsOnTheGapsTopicMarkTheCandlesTheyTouchAndRaiseFeedGapAlerts(@TempDir Path tmp) throws Exception {
        Map<String, String> c = freshTopics(tmp.resolve("checkpoints"), true, 1);
        c.put("topic.gaps", "gaps-" + c.get("group.id"));
        KafkaTopics.ensure(kafka(), List.of(c.get("topic.gaps")), 1);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.createSymbolicLink(in.resolve("trades.jsonl"), BITSTAMP_2015.resolve("trades.jsonl"));
        List<Long> ts = new ArrayList<>();
        for (String line : Files.readAllLines(in.resolve("trades.jsonl"))) {
            ts.add(CandleAssertions.JSON_READER.readTree(line).get("ts").asLong());
        }
        List<String> gaps = List.of(
                "{\"type\":\"feed_gap\",\"venue\":\"binance\",\"symbol\":\"BTCUSD\",\"stream\":\"book\",\"from\":"
                        + ts.get(10) + ",\"to\":" + ts.get(40) + ",\"reason\":\"sequence_break\"}",
                "{\"type\":\"feed_gap\",\"venue\":\"binance\",\"symbol\":\"BTCUSD\",\"stream\":\"all\",\"from\":"
                        + ts.get(300) + ",\"to\":" + ts.get(302) + ",\"reason\":\"disconnect\"}");
        Files.write(in.resolve("gaps.jsonl"), gaps); // what the reference reads
        MarketFeed.produce(kafka(), inputTopics(c), MarketFeed.recorded(in), 0, () -> false);
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(kafka(),
                             new org.apache.kafka.common.serialization.StringSerializer(),
                             new org.apache.kafka.common.serialization.StringSerializer())) {
            for (String gap : gaps) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(c.get("topic.gaps"), "BTCUSD", gap)).get();
            }
        }
        runToEnd(config(c), null);

        Map<String, Boolean> expected = new java.util.TreeMap<>();
        for (String[] period : new String[][] {{"1m", "60000"}, {"5m", "300000"}}) {
            ReferenceSuperCandles.compute(in, Long.parseLong(period[1]), period[0], 1.0, 10000).forEach(
                    (key, candle) -> expected.put(period[0] + " " + key, (Boolean) candle.get("gap")));
        }
        assertThat(expected).containsValue(true).containsValue(false);
        Map<String, Boolean> marked = new java.util.TreeMap<>();
        for (String line : readCommitted(c.get("topic.candles"), expected.size(), Duration.ofSeconds(60))) {
            JsonNode candle = CandleAssertions.JSON_READER.readTree(line);
            marked.put(candle.get("period").asText() + " " + candle.get("symbol").asText() + "|"
                    + candle.get("window_start").asLong(), candle.get("gap").booleanValue());
        }
        assertThat(marked).isEqualTo(expected);
        long gapAlerts = readCommitted(c.get("topic.alerts"), 1, Duration.ofSeconds(30)).stream()
                .filter(a -> a.contains("\"rule\":\"feed_gap\"")).count();
        assertThat(gapAlerts).isEqualTo(2);
    }

    @Test
    void liveRunsFromAConfigurationFileAlone(@TempDir Path tmp) throws Exception {
        Map<String, String> c = freshTopics(tmp.resolve("checkpoints"), true, 1);
        Path input = Files.createDirectories(tmp.resolve("input"));
        long t0 = 1_699_999_980_000L;
        Files.write(input.resolve("trades.jsonl"), List.of(
                "{\"type\":\"trade\",\"symbol\":\"CFG\",\"ts\":" + (t0 + 1) + ",\"trade_id\":\"1\",\"price\":10,\"qty\":2,\"side\":\"B\"}"));
        MarketFeed.produce(kafka(), inputTopics(c), MarketFeed.recorded(input), 0, () -> false);
        Properties file = new Properties();
        file.putAll(c);
        Path config = tmp.resolve("live.properties");
        try (var out = Files.newBufferedWriter(config)) {
            file.store(out, "every key, bootstrap.servers and checkpoint.dir included");
        }

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = SuperCandlesCli.run(new String[] {"live", "--config", config.toString()},
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bootstrap.servers = " + broker.bootstrapServers())
                .contains("topic.candles = " + c.get("topic.candles"));

        List<String> candles = readCommitted(c.get("topic.candles"), 2, Duration.ofSeconds(60));
        assertThat(candles).hasSize(2).allSatisfy(candle -> assertThat(candle).contains("\"symbol\":\"CFG\""));
    }

    @Test
    void liveStopsAtStartNamingTheTopicsThatDoNotExist(@TempDir Path tmp) throws Exception {
        Map<String, String> c = freshTopics(tmp.resolve("checkpoints"), true, 1);
        String missing = "no-such-topic-" + UUID.randomUUID().toString().substring(0, 8);
        c.put("topic.trades", missing);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("live"));
        c.forEach((k, v) -> args.addAll(List.of("--" + k, v)));
        int code = SuperCandlesCli.run(args.toArray(new String[0]), new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("supercandles live: Kafka at " + broker.bootstrapServers()
                + " has no topic " + missing + ": create it first (kafka-topics.sh --create --topic NAME --partitions N),"
                + " or name existing topics in the topic options");
    }

    @Test
    void tailSaysWhatItWaitedForWhenItTimesOut(@TempDir Path tmp) throws Exception {
        Map<String, String> c = freshTopics(tmp.resolve("checkpoints"), true, 1);
        CliRun run = CliRun.of("tail", "--bootstrap.servers", broker.bootstrapServers(), "--topic", c.get("topic.candles"),
                "--count", "3", "--timeout", "2s");
        assertThat(run.code).isEqualTo(1);
        assertThat(run.out).isEmpty();
        assertThat(run.err.trim()).isEqualTo("supercandles tail: 0 of the 3 committed records asked for (--count) arrived"
                + " on topic '" + c.get("topic.candles") + "' at " + broker.bootstrapServers() + " within 2s (--timeout):"
                + " is the job running and producing into it?");
        CliRun absent = CliRun.of("tail", "--bootstrap.servers", broker.bootstrapServers(), "--topic", "nothing-here",
                "--timeout", "2s");
        assertThat(absent.code).isEqualTo(1);
        assertThat(absent.err).contains("has no topic nothing-here");
    }

    /**
     * Feed staleness in the live job: symbol A's three streams and B's book flow (a few events a second,
     * event time = now). First A's book pauses and comes back: the alerts topic gets its STALE (critical:
     * A's other streams flowed) and its RECOVERED. Then the book pauses for both symbols: one feed_down
     * for the stream, FIRING then RESOLVED, and no STALE of A's or B's book. Three malformed trades of A
     * (limit 2 a minute) raise rejected_rate; five trades stamped 10 s old raise latency, resolved by
     * the fresh trades after them.
     */
    @Test
    void pausedBookFeedsAreStaleOrDownInTheLiveJobAndRecover(@TempDir Path tmp) throws Exception {
        Map<String, String> c = freshTopics(tmp.resolve("checkpoints"), false, 1);
        c.put("max-out-of-orderness", "1s");
        c.put("watchdog.feed_stale.enabled", "true"); // off in the other tests
        c.put("watchdog.latency.enabled", "true");
        c.put("watchdog.feed_stale.threshold", "2000");
        c.put("watchdog.rejected_rate.threshold", "2");
        JobClient job = start(config(c), null);
        Properties producerProps = kafka();
        producerProps.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        producerProps.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        List<String> alerts;
        ObjectMapper json = new ObjectMapper();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(producerProps)) {
            long start = System.currentTimeMillis();
            // first, five trades stamped 10 s before they are produced: latency (limit 5 s, 5 in a row) fires,
            // and the trades that follow, stamped now, resolve it
            for (int i = 0; i < 5; i++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(c.get("topic.trades"), "A",
                        "{\"type\":\"trade\",\"symbol\":\"A\",\"ts\":" + (start - 10_000 + i)
                                + ",\"trade_id\":\"old" + i + "\",\"price\":10,\"qty\":1,\"side\":\"B\"}"));
            }
            int n = 0;
            // 3 s of everything, 6 s without A's book, 3 s of everything, 6 s without any book, then
            // everything again until feed_down's RESOLVED arrives
            while (System.currentTimeMillis() - start < 60_000) {
                long now = System.currentTimeMillis();
                long t = now - start;
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(c.get("topic.trades"), "A",
                        "{\"type\":\"trade\",\"symbol\":\"A\",\"ts\":" + now + ",\"trade_id\":\"" + n
                                + "\",\"price\":" + (n < 3 ? "\"ten\"" : "10") + ",\"qty\":1,\"side\":\"B\"}"));
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(c.get("topic.orders"), "A",
                        "{\"type\":\"order\",\"symbol\":\"A\",\"ts\":" + now + ",\"order_id\":\"" + n
                                + "\",\"action\":\"put\",\"side\":\"B\",\"price\":10,\"qty\":1}"));
                boolean booksPaused = t > 12_000 && t < 18_000;
                for (String symbol : new String[] {"A", "B"}) {
                    boolean paused = booksPaused || (symbol.equals("A") && t > 3_000 && t < 9_000);
                    if (!paused) {
                        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(c.get("topic.book"), symbol,
                                "{\"type\":\"book\",\"symbol\":\"" + symbol + "\",\"ts\":" + now
                                        + ",\"bids\":[[9,1]],\"asks\":[[11,1]]}"));
                    }
                }
                producer.flush();
                n++;
                if (t > 18_000 && readCommitted(c.get("topic.alerts"), 1_000, Duration.ofMillis(300)).stream()
                        .anyMatch(a -> a.contains("\"rule\":\"feed_down\"") && a.contains("\"state\":\"RESOLVED\""))) {
                    break;
                }
                Thread.sleep(200);
            }
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS); // before the silence after the producer stops is judged
        }
        alerts = readCommitted(c.get("topic.alerts"), 1_000, Duration.ofSeconds(3));
        Map<String, List<String>> byRule = new java.util.TreeMap<>();
        for (String a : alerts) {
            JsonNode node = json.readTree(a);
            byRule.computeIfAbsent(node.get("rule").asText(), r -> new ArrayList<>()).add(node.get("symbol").asText() + " "
                    + node.get("stream").asText() + " " + node.get("state").asText() + " " + node.get("severity").asText());
        }
        assertThat(byRule.get("latency")).containsExactly("A trades FIRING warning", "A trades RESOLVED warning");
        assertThat(byRule.get("rejected_rate")).startsWith("A trades FIRING warning");
        assertThat(byRule.get("feed_stale")).containsExactly("A book FIRING critical", "A book RESOLVED critical");
        assertThat(byRule.get("feed_down")).containsExactly("* book FIRING critical", "* book RESOLVED critical");
    }

    /** The feed of a deployment without an exchange: a simulated market in real time, stamped now. */
    @Test
    void produceSimulateFeedsTheTopicsWithAMarketStampedWithTheWallClock() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = List.of("sim-trades-" + suffix, "sim-orders-" + suffix, "sim-book-" + suffix);
        KafkaTopics.ensure(kafka(), topics, 1);
        long before = System.currentTimeMillis();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SuperCandlesCli.run(new String[] {"produce", "--simulate", "true", "--duration", "3s", "--rate", "100",
                "--bootstrap.servers", broker.bootstrapServers(), "--topic.trades", topics.get(0), "--topic.orders",
                topics.get(1), "--topic.book", topics.get(2)}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        long after = System.currentTimeMillis();
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(after - before).as("it stops after --duration").isBetween(2_500L, 30_000L);
        ObjectMapper json = new ObjectMapper();
        int records = 0;
        for (String topic : topics) {
            for (String r : readCommitted(topic, 1, Duration.ofSeconds(10))) {
                long ts = json.readTree(r).get("ts").asLong();
                assertThat(ts).as(topic + " " + r).isBetween(before - 1_000, after + 1_000);
                records++;
            }
        }
        assertThat(records).as("about 100 a second for 3 s").isBetween(150, 450);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(SuperCandlesCli.run(new String[] {"produce", "--bootstrap.servers", broker.bootstrapServers()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give either --input DIR or --simulate true");
    }

    /**
     * produce --format: a MOEX order log written by hand goes to the three topics as the project's JSON
     * events (the book replayed from the log), worked out by hand below; its bad row is listed on stderr
     * with its file and line, not produced.
     */
    @Test
    void produceFormatSendsAVenuesEventsToTheTopicsAndListsItsBadRows(@TempDir Path tmp) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = List.of("moex-trades-" + suffix, "moex-orders-" + suffix, "moex-book-" + suffix);
        KafkaTopics.ensure(kafka(), topics, 1);
        Path log = Files.writeString(tmp.resolve("OrderLog20150302.txt"), String.join("\n",
                "NO,SECCODE,BUYSELL,TIME,ORDERNO,ACTION,PRICE,VOLUME,TRADENO,TRADEPRICE",
                "1,SBER,B,100000000,1,1,70.5,10,,",
                "2,SBER,S,100000001,2,1,70.6,5,,",
                "3,SBER,S,100000500,3,1,70.5,4,,",
                "4,SBER,S,100000500,3,2,70.5,4,5001,70.5",
                "5,SBER,B,100000500,1,2,70.5,4,5001,70.5",
                "6,SBER,B,100001000,1,0,70.5,6,,",
                "7,SBER,X,100002000,8,1,70.4,1,,") + "\n");
        CliRun run = CliRun.of("produce", "--format", "moex-orderlog", "--input", log.toString(),
                "--bootstrap.servers", broker.bootstrapServers(), "--topic.trades", topics.get(0), "--topic.orders",
                topics.get(1), "--topic.book", topics.get(2));
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("Produced 9 records");
        assertThat(run.err).contains("rejected: OrderLog20150302.txt:8: 'BUYSELL' must be B or S, got 'X'")
                .contains("warning: 1 rows of " + log + " were not events and were not produced");

        long t = 1425279600000L; // 2015-03-02 10:00 Moscow
        String s = "{\"symbol\":\"SBER\",";
        assertThat(events(readCommitted(topics.get(0), 1, Duration.ofSeconds(10)))).containsExactlyElementsOf(events(List.of(
                s + "\"type\":\"trade\",\"ts\":" + (t + 500) + ",\"trade_id\":\"5001\",\"price\":70.5,\"qty\":4,\"side\":\"S\"}")));
        String order = s + "\"type\":\"order\",\"ts\":";
        assertThat(events(readCommitted(topics.get(1), 4, Duration.ofSeconds(10)))).containsExactlyElementsOf(events(List.of(
                order + t + ",\"order_id\":\"1\",\"action\":\"put\",\"side\":\"B\",\"price\":70.5,\"qty\":10}",
                order + (t + 1) + ",\"order_id\":\"2\",\"action\":\"put\",\"side\":\"S\",\"price\":70.6,\"qty\":5}",
                order + (t + 500) + ",\"order_id\":\"3\",\"action\":\"put\",\"side\":\"S\",\"price\":70.5,\"qty\":4}",
                order + (t + 1000) + ",\"order_id\":\"1\",\"action\":\"cancel\",\"side\":\"B\",\"price\":70.5,\"qty\":6}")));
        String book = s + "\"type\":\"book\",\"ts\":";
        assertThat(events(readCommitted(topics.get(2), 4, Duration.ofSeconds(10)))).containsExactlyElementsOf(events(List.of(
                book + t + ",\"bids\":[[70.5,10]],\"asks\":[]}",
                book + (t + 1) + ",\"bids\":[[70.5,10]],\"asks\":[[70.6,5]]}",
                book + (t + 500) + ",\"bids\":[[70.5,6]],\"asks\":[[70.6,5]]}",
                book + (t + 1000) + ",\"bids\":[],\"asks\":[[70.6,5]]}")));
    }

    private static List<com.supercandles.event.MarketEvent> events(List<String> json) throws Exception {
        com.supercandles.event.EventParser parser = new com.supercandles.event.EventParser();
        List<com.supercandles.event.MarketEvent> events = new ArrayList<>();
        for (String line : json) {
            events.add(parser.parseEvent(line));
        }
        return events;
    }

    private static long firstOffset(String topic) {
        Properties p = CommittedReader.properties(kafka(), "offsets-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.beginningOffsets(List.of(partition)).get(partition);
        }
    }

    /**
     * Both lives are unbounded, as in production: the last windows close when later events arrive, here
     * one event per stream for another symbol a day later. (Splits restored from an unbounded run stay
     * unbounded, so a restored job cannot be turned into a bounded one.)
     */
    @Test
    void aJobCancelledMidStreamAndRestoredFromItsCheckpointLosesNothingAndRepeatsNothing(@TempDir Path tmp)
            throws Exception {
        // Computed first: a replay started while a job holds the test cluster's slots would wait for one.
        List<String> expected = replayCandles(BITSTAMP_2015, tmp);
        Path checkpoints = tmp.resolve("checkpoints");
        Map<String, String> c = freshTopics(checkpoints, false, 1);
        // a webhook receiver on loopback: every alert must reach it once, across the restore
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("alert ([0-9a-f]{32})").matcher(body);
            received.add(id.find() ? id.group(1) : body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        c.put("alert.webhook.desk.url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hooks/desk");
        c.put("alert.webhook.desk.min-severity", "info");
        Iterator<MarketFeed.Line> lines = MarketFeed.recorded(BITSTAMP_2015);
        int[] sent = {0};
        MarketFeed.produce(kafka(), inputTopics(c), lines, 0, () -> sent[0]++ >= 30_000);

        // First life: killed (cancelled) once it has checkpointed and committed some candles.
        JobClient first = start(config(c), null);
        try {
            List<String> before = readCommitted(c.get("topic.candles"), 20, Duration.ofSeconds(60));
            assertThat(before).as("candles committed before the failure").hasSizeGreaterThanOrEqualTo(20);
            assertThat(awaitCheckpoint(checkpoints)).isPresent();
        } finally {
            first.cancel().get(60, TimeUnit.SECONDS);
        }

        // The rest of the market arrives while the job is down, then a day later one event per stream.
        MarketFeed.produce(kafka(), inputTopics(c), lines, 0, () -> false);
        Path later = Files.createDirectories(tmp.resolve("later"));
        long nextDay = 1430438400000L + 86_400_000L;
        Files.write(later.resolve("trades.jsonl"), List.of("{\"type\":\"trade\",\"symbol\":\"ZZZ\",\"ts\":" + nextDay
                + ",\"trade_id\":\"1\",\"price\":1,\"qty\":1,\"side\":\"B\"}"));
        Files.write(later.resolve("orders.jsonl"), List.of("{\"type\":\"order\",\"symbol\":\"ZZZ\",\"ts\":" + nextDay
                + ",\"order_id\":\"1\",\"action\":\"put\",\"price\":1,\"qty\":1,\"side\":\"B\"}"));
        Files.write(later.resolve("book.jsonl"), List.of("{\"type\":\"book\",\"symbol\":\"ZZZ\",\"ts\":" + nextDay
                + ",\"bids\":[[1,1]],\"asks\":[[2,1]]}"));
        MarketFeed.produce(kafka(), inputTopics(c), MarketFeed.recorded(later), 0, () -> false);

        // Second life: restored from the newest retained checkpoint.
        String latest = LiveCommand.restorePath("latest", config(c));
        JobClient second = start(config(c), latest);
        List<String> committed;
        List<String> alertIds = new ArrayList<>();
        List<String> expectedAlerts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String a : Files.readAllLines(tmp.resolve("replay-alerts.jsonl"))) {
            expectedAlerts.add(json.readTree(a).get("alert_id").asText());
        }
        try {
            committed = readCommitted(c.get("topic.candles"), expected.size(), Duration.ofSeconds(90));
            for (String a : readCommitted(c.get("topic.alerts"), expectedAlerts.size(), Duration.ofSeconds(60))) {
                alertIds.add(json.readTree(a).get("alert_id").asText());
            }
        } finally {
            second.cancel().get(60, TimeUnit.SECONDS);
            hook.stop(0);
        }
        committed.removeIf(candle -> candle.contains("\"symbol\":\"ZZZ\""));
        assertThat(committed).as("every candle exactly once").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expectedAlerts).isNotEmpty();
        assertThat(alertIds).as("every alert exactly once in the topic").containsExactlyInAnyOrderElementsOf(expectedAlerts);
        assertThat(received).as("every alert exactly once at the receiver").containsExactlyInAnyOrderElementsOf(expectedAlerts);
    }

    private static JobClient start(LiveConfig config, String restoreFrom) throws Exception {
        StreamExecutionEnvironment env = LivePipeline.environment(config, restoreFrom);
        LivePipeline.job(config).build(env);
        return env.executeAsync("SuperCandles test");
    }

    private static Optional<Path> awaitCheckpoint(Path checkpoints) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<Path> latest = CheckpointLocator.latest(checkpoints.toUri());
            if (latest.isPresent()) {
                return latest;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    @Test
    void badInputOnTheTopicsGoesToTheDeadLetterTopicAndTheJobCarriesOn(@TempDir Path tmp) throws Exception {
        Map<String, String> c = freshTopics(tmp.resolve("checkpoints"), true, 1);
        Path input = Files.createDirectories(tmp.resolve("input"));
        long t0 = 1_699_999_980_000L;
        List<String> bad = List.of(
                "not json at all",
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (t0 + 3) + ",\"trade_id\":\"2\",\"price\":-5,\"qty\":1,\"side\":\"B\"}",
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (t0 + 4) + ",\"trade_id\":\"3\",\"price\":5,\"qty\":1,\"side\":\"Q\"}");
        List<String> trades = new ArrayList<>(List.of(
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (t0 + 1) + ",\"trade_id\":\"1\",\"price\":10,\"qty\":2,\"side\":\"B\"}"));
        trades.addAll(bad);
        trades.add("{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (t0 + 70_000) + ",\"trade_id\":\"4\",\"price\":11,\"qty\":1,\"side\":\"S\"}");
        Files.write(input.resolve("trades.jsonl"), trades);
        String crossed = "{\"type\":\"book\",\"symbol\":\"ABC\",\"ts\":" + (t0 + 5) + ",\"bids\":[[12,1]],\"asks\":[[11,1]]}";
        Files.write(input.resolve("book.jsonl"), List.of(crossed));
        MarketFeed.produce(kafka(), inputTopics(c), MarketFeed.recorded(input), 0, () -> false);

        runToEnd(config(c), null);

        ObjectMapper json = new ObjectMapper();
        List<String> letters = readCommitted(c.get("topic.dead-letters"), 4, Duration.ofSeconds(60));
        List<String> payloads = new ArrayList<>();
        for (String l : letters) {
            JsonNode d = json.readTree(l);
            assertThat(d.get("reason").asText()).isNotBlank();
            payloads.add(d.get("payload").asText());
        }
        List<String> allBad = new ArrayList<>(bad);
        allBad.add(crossed);
        assertThat(payloads).containsExactlyInAnyOrderElementsOf(allBad);

        // Trades in two minutes of one five-minute window: two 1m candles and one 5m candle.
        List<String> candles = readCommitted(c.get("topic.candles"), 3, Duration.ofSeconds(60));
        assertThat(candles).hasSize(3);
        JsonNode firstMinute = candles.stream().map(s -> {
            try {
                return json.readTree(s);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(n -> n.get("period").asText().equals("1m") && n.get("window_start").asLong() == t0)
                .findFirst().orElseThrow();
        assertThat(firstMinute.get("trades").asLong()).isEqualTo(1);
        assertThat(firstMinute.get("book_snapshots").asLong()).isZero();
    }
}
