package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.candle.Period;
import com.supercandles.event.EventType;
import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.graph.LivePipeline;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;
import com.supercandles.jobs.kafka.EmbeddedKafkaBroker;
import com.supercandles.jobs.kafka.MarketFeed;
import com.supercandles.output.Outputs;
import com.supercandles.score.ModelDirectory;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rescaling from savepoints without a wrong record: the live job on 4-partition topics runs at
 * parallelism 2, stops with a savepoint, is restored at 4, stops with a savepoint again and is restored
 * at 1. Every part of the market after a savepoint starts with a repeat (same {@code trade_id}) of each
 * symbol's last trade before it, so the duplicate filter must remember across each rescale, and the
 * watchdogs' figures (price moves, order rates) must follow their symbols to their new subtasks. The
 * committed candles, paper-strategy records, model scores, alerts and duplicates must equal a replay of
 * the whole market: none missing, none twice.
 *
 * <p>Equal means: every text and integer field the same, every real within 1e-9 relative. Not bitwise:
 * the partial sums of a window that straddles a rescale are combined in another order (different
 * subtasks pre-aggregate its events), which moves the last bits of a sum (seen: 1e-13 relative).
 *
 * <p>The market: the recorded Bitstamp day, its events dealt round-robin per stream to 8 symbols (real
 * prices, sizes and timing; 8 symbols spread over the 4 partitions and the subtasks' key groups).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RescaleTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Path BITSTAMP_2015 = RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2015-05-01");
    private static final int SYMBOLS = 8;
    private static final int PARTITIONS = 4;
    private static final long DAY = 1430438400000L;
    /** The market's parts, by event time (the recording covers 5 hours): before the first savepoint, between the two, after the second. */
    private static final long[] CUTS = {DAY + 100 * 60_000L, DAY + 200 * 60_000L};
    /**
     * The bound on out-of-orderness, live and in the replay: wide, because a repeat comes with its
     * original's time (up to hours before the savepoint, for a symbol that trades rarely) and must be
     * judged a duplicate, not late; the day's windows all close at the closing events.
     */
    private static final Duration BOUND = Duration.ofHours(12);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSavepointAtParallelism2RestoredAt4ThenAt1GivesTheRecordsOfAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        List<Path> parts = market(tmp);
        Path model = TestModels.demoModel(tmp.resolve("model"), "1m");
        Replayed expected = replay(parts, model, tmp);
        assertThat(expected.duplicates).as("one repeat per symbol at each savepoint").isEqualTo(2 * SYMBOLS);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), false)) {
            Properties kafka = new Properties();
            kafka.put("bootstrap.servers", broker.bootstrapServers());
            Map<String, String> c = liveConfig(broker, tmp, model);
            Map<EventType, String> inputs = LiveConfig.inputTopics(c::get);
            String savepoint = null;
            int[] parallelisms = {2, 4, 1};
            for (int life = 0; life < parallelisms.length; life++) {
                long produced = MarketFeed.produce(kafka, inputs, MarketFeed.recorded(parts.get(life)), 0, () -> false);
                if (life == parallelisms.length - 1) {
                    closeTheDay(kafka, inputs);
                }
                c.put("parallelism", Integer.toString(parallelisms[life]));
                LiveConfig config = LiveConfig.load(null, c, name -> null);
                StreamExecutionEnvironment env = LivePipeline.environment(config, savepoint);
                LivePipeline.job(config).build(env);
                JobClient job = env.executeAsync("rescale test at parallelism " + parallelisms[life]);
                if (life < parallelisms.length - 1) {
                    awaitConsumed(kafka, c.get("group.id"), inputs, Duration.ofSeconds(90));
                    savepoint = job.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                            SavepointFormatType.CANONICAL).get(90, TimeUnit.SECONDS);
                    System.out.printf("rescale: part %d (%,d events) at parallelism %d, savepoint %s%n",
                            life + 1, produced, parallelisms[life], savepoint);
                    continue;
                }
                try {
                    Map<String, List<String>> committed = new TreeMap<>();
                    for (Map.Entry<String, List<String>> kind : expected.records.entrySet()) {
                        List<String> got = CommittedRecords.read(kafka, c.get("topic." + kind.getKey()),
                                kind.getValue().size(), Duration.ofSeconds(90), Duration.ofSeconds(2));
                        got.removeIf(r -> r.contains("\"symbol\":\"ZZZ\""));
                        committed.put(kind.getKey(), got);
                    }
                    List<String> letters = CommittedRecords.read(kafka, c.get("topic.dead-letters"), expected.duplicates,
                            Duration.ofSeconds(30), Duration.ofSeconds(1));
                    for (Map.Entry<String, List<String>> kind : expected.records.entrySet()) {
                        System.out.printf("rescale: %s expected %,d, committed %,d%n", kind.getKey(),
                                kind.getValue().size(), committed.get(kind.getKey()).size());
                        assertSameRecords(kind.getKey(), committed.get(kind.getKey()), kind.getValue());
                    }
                    assertThat(duplicatesOf(letters)).as("the repeats, each kept out once")
                            .containsExactlyInAnyOrderElementsOf(duplicatesOf(expected.deadLetters));
                } finally {
                    job.cancel().get(60, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * The market in three parts (directories of trades, orders and book files); each part after the
     * first starts with a repeat of every symbol's last trade before it.
     */
    private static List<Path> market(Path tmp) throws Exception {
        List<Path> parts = new ArrayList<>();
        for (int p = 0; p <= CUTS.length; p++) {
            parts.add(Files.createDirectories(tmp.resolve("part" + p)));
        }
        for (String stream : List.of("trades", "orders", "book")) {
            List<List<String>> lines = new ArrayList<>();
            parts.forEach(p -> lines.add(new ArrayList<>()));
            Map<String, String> lastTrade = new TreeMap<>();
            int n = 0;
            for (String line : Files.readAllLines(BITSTAMP_2015.resolve(stream + ".jsonl"))) {
                if (line.isBlank()) {
                    continue;
                }
                String symbol = "SYM" + (n++ % SYMBOLS);
                String dealt = line.replace("\"symbol\":\"BTCUSD\"", "\"symbol\":\"" + symbol + "\"");
                assertThat(dealt).as("the recorded symbol").isNotEqualTo(line);
                long ts = JSON.readTree(dealt).get("ts").asLong();
                int part = ts < CUTS[0] ? 0 : ts < CUTS[1] ? 1 : 2;
                if (stream.equals("trades") && part > 0 && lines.get(part).isEmpty()) {
                    lines.get(part).addAll(lastTrade.values()); // the repeats, first
                }
                lines.get(part).add(dealt);
                if (stream.equals("trades")) {
                    lastTrade.put(symbol, dealt);
                }
            }
            for (int p = 0; p < parts.size(); p++) {
                Files.write(parts.get(p).resolve(stream + ".jsonl"), lines.get(p));
            }
        }
        return parts;
    }

    /** What a replay of the whole market writes, by output kind (its topic's key name). */
    private static final class Replayed {
        final Map<String, List<String>> records = new TreeMap<>();
        List<String> deadLetters;
        int duplicates;
    }

    private static Replayed replay(List<Path> parts, Path model, Path tmp) throws Exception {
        Path whole = Files.createDirectories(tmp.resolve("whole"));
        for (String stream : List.of("trades", "orders", "book")) {
            List<String> all = new ArrayList<>();
            for (Path p : parts) {
                all.addAll(Files.readAllLines(p.resolve(stream + ".jsonl")));
            }
            Files.write(whole.resolve(stream + ".jsonl"), all);
        }
        WatchdogSettings watchdogs = new WatchdogSettings();
        watchdogs.rule(WatchdogSettings.ORDER_OFF_MID).enabled = false;
        Path out = Files.createDirectories(tmp.resolve("replay"));
        Replay.run(new SuperCandlesSettings().periods(Period.parseList("1m,5m")).watchdogs(watchdogs)
                        .maxOutOfOrderness(BOUND)
                        .instruments(Instruments.withDefaults(new InstrumentSpec(1, 0.01, 10000)))
                        .scoreModel(ModelDirectory.read(model)),
                whole, ReplayFiles.of(out.resolve("candles.jsonl"), out.resolve("dead.jsonl"))
                        .with(Outputs.SIGNALS, out.resolve("signals.jsonl"))
                        .with(Outputs.ALERTS, out.resolve("alerts.jsonl"))
                        .with(Outputs.SCORES, out.resolve("scores.jsonl")), null, 1);
        Replayed r = new Replayed();
        r.records.put("candles", Files.readAllLines(out.resolve("candles.jsonl")));
        r.records.put("signals", Files.readAllLines(out.resolve("signals.jsonl")));
        r.records.put("scores", Files.readAllLines(out.resolve("scores.jsonl")));
        r.records.put("alerts", Files.readAllLines(out.resolve("alerts.jsonl")));
        r.deadLetters = Files.readAllLines(out.resolve("dead.jsonl"));
        r.duplicates = duplicatesOf(r.deadLetters).size();
        assertThat(r.records.get("candles")).hasSizeGreaterThan(1_000);
        assertThat(r.records.get("alerts")).isNotEmpty();
        return r;
    }

    private static List<String> duplicatesOf(List<String> deadLetters) throws Exception {
        List<String> out = new ArrayList<>();
        for (String letter : deadLetters) {
            JsonNode d = JSON.readTree(letter);
            if (d.get("kind").asText().equals("duplicate")) {
                out.add(d.get("reason").asText());
            }
        }
        return out;
    }

    /** The live job's settings on fresh 4-partition topics, with the replay's bound and model. */
    private static Map<String, String> liveConfig(EmbeddedKafkaBroker broker, Path tmp, Path model) throws Exception {
        Map<String, String> c = LiveTestConfig.freshTopics(broker, "rescale", tmp.resolve("checkpoints"),
                BOUND.toHours() + "h", PARTITIONS);
        c.put("transaction.timeout", "60s");
        c.put("score.model", model.toString());
        return c;
    }

    /**
     * One event per stream past the day and the bound on every partition (the watermark is the least of the partitions'):
     * every window of the day closes.
     */
    private static void closeTheDay(Properties kafka, Map<EventType, String> inputs) {
        long ts = DAY + 86_400_000L + BOUND.toMillis();
        Map<EventType, String> events = Map.of(
                EventType.TRADE, "{\"type\":\"trade\",\"symbol\":\"ZZZ\",\"ts\":" + ts
                        + ",\"trade_id\":\"1\",\"price\":1,\"qty\":1,\"side\":\"B\"}",
                EventType.ORDER, "{\"type\":\"order\",\"symbol\":\"ZZZ\",\"ts\":" + ts
                        + ",\"order_id\":\"1\",\"action\":\"put\",\"price\":1,\"qty\":1,\"side\":\"B\"}",
                EventType.BOOK, "{\"type\":\"book\",\"symbol\":\"ZZZ\",\"ts\":" + ts + ",\"bids\":[[1,1]],\"asks\":[[2,1]]}");
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Map.Entry<EventType, String> e : events.entrySet()) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    // its own trade id on each partition: the same one would be a repeat
                    producer.send(new ProducerRecord<>(inputs.get(e.getKey()), partition, "ZZZ",
                            e.getValue().replace("_id\":\"1\"", "_id\":\"" + (partition + 1) + "\"")));
                }
            }
        }
    }

    /** Waits until the job's consumer group has committed the end of every input partition. */
    private static void awaitConsumed(Properties kafka, String group, Map<EventType, String> inputs, Duration timeout)
            throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : inputs.values()) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        p.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            ends = consumer.endOffsets(partitions);
        }
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        try (Admin admin = Admin.create(kafka)) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> at = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                boolean all = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (at.get(e.getKey()) != null && at.get(e.getKey()).offset() >= e.getValue()));
                if (all) {
                    return;
                }
                assertThat(System.currentTimeMillis()).as("the job consumed its input within " + timeout
                        + " (committed " + at + ", ends " + ends + ")").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    /**
     * The same records, none twice: matched by their text and integer fields, reals within 1e-9 relative
     * (alerts by id: their emission time is the wall clock's).
     */
    private static void assertSameRecords(String kind, List<String> actual, List<String> expected) throws Exception {
        if (kind.equals("alerts")) {
            assertThat(idsOf(actual)).as(kind).containsExactlyInAnyOrderElementsOf(idsOf(expected));
            return;
        }
        Map<String, JsonNode> byKey = new HashMap<>();
        for (String r : actual) {
            JsonNode node = JSON.readTree(r);
            assertThat(byKey.put(keyOf(node), node)).as(kind + " twice: " + r).isNull();
        }
        assertThat(byKey).as(kind + ": as many as the replay's").hasSize(expected.size());
        for (String r : expected) {
            JsonNode want = JSON.readTree(r);
            JsonNode got = byKey.get(keyOf(want));
            assertThat(got).as(kind + " missing: " + r).isNotNull();
            for (var it = want.fields(); it.hasNext(); ) {
                var f = it.next();
                Object value = f.getValue().isNull() ? null : f.getValue().isTextual() ? f.getValue().asText()
                        : f.getValue().isIntegralNumber() ? (Object) f.getValue().asLong()
                        : f.getValue().isNumber() ? (Object) f.getValue().asDouble() : f.getValue().toString();
                if (value instanceof String && !f.getValue().isTextual()) {
                    assertThat(got.get(f.getKey()).toString()).as(kind + " " + keyOf(want) + " " + f.getKey()).isEqualTo(value);
                } else {
                    CandleAssertions.assertValue(kind + " " + keyOf(want) + " " + f.getKey(), got.get(f.getKey()), value);
                }
            }
        }
    }

    /** A record's text fields and its window: what identifies it. */
    private static String keyOf(JsonNode record) {
        StringBuilder key = new StringBuilder();
        for (var it = record.fields(); it.hasNext(); ) {
            var f = it.next();
            if (f.getValue().isTextual() || f.getKey().startsWith("window_")) {
                key.append(f.getKey()).append('=').append(f.getValue().asText()).append(' ');
            }
        }
        return key.toString();
    }

    private static List<String> idsOf(List<String> alerts) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String a : alerts) {
            ids.add(JSON.readTree(a).get("alert_id").asText());
        }
        return ids;
    }
}
