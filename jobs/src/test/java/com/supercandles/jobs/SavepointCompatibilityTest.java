package com.supercandles.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.event.EventType;
import com.supercandles.jobs.config.CheckpointLocator;
import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.graph.LivePipeline;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;
import com.supercandles.jobs.kafka.EmbeddedKafkaBroker;
import com.supercandles.jobs.kafka.KafkaTopics;
import com.supercandles.jobs.kafka.MarketFeed;
import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;
import com.supercandles.simulator.SimulatedMarketFiles;
import com.supercandles.simulator.SimulatorConfig;
import com.sun.net.httpserver.HttpServer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A savepoint of the live job taken by this release ({@code src/test/resources/upgrades/savepoint}, with
 * the market it was taken in and what the job had committed by then) restores with the current code,
 * and the job carries on as if it had never stopped: fed the rest of the market, it commits exactly the
 * records of every kind that an uninterrupted run makes and had not been committed before the
 * savepoint, the windows open at the savepoint included; a repeat of a trade from before the savepoint
 * is still a duplicate; the watchdogs still know which feeds are firing; every alert reaches the
 * receiver once. A change that breaks the state's compatibility fails here (see docs/operations.md,
 * "Upgrading the job or Flink"). {@link #writeTheSavepointOfThisRelease} rewrites the resource (run with
 * {@code -Dupgrades.write-savepoint=true}, docs/development.md).
 *
 * <p>The live job itself, with its Kafka sources and exactly-once sinks: their state (offsets, writer
 * state, committables) is part of what an upgrade must restore, so the test starts an in-process broker
 * and creates the topics the savepoint names, then produces the whole market again: the same records at
 * the same offsets, the restored sources go on from theirs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SavepointCompatibilityTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Read and written in the source tree: a rewrite is restored in the same run, before the build copies it. */
    static final Path RESOURCE = Path.of("src/test/resources/upgrades");
    private static final String WRITE = "upgrades.write-savepoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2023-11-14T22:10:00Z, on a 5-minute boundary; 12 minutes of market. */
    private static final long START = 1_699_999_800_000L;
    private static final Duration SPAN = Duration.ofMinutes(12);
    /** The savepoint's place in the market: 22:17:30, inside a 1-minute and a 5-minute window. */
    static final long CUT = START + 450_000;
    /** One event per stream a day later closes every window of the unbounded restored job. */
    private static final long NEXT_DAY = START + 86_400_000L;
    private static final String CLOSER = "ZZZ";

    /**
     * The fields that identify a record of each kind: a record committed before the savepoint is taken
     * out of the uninterrupted run's by them, so the rest may be compared in full whatever the fields.
     */
    private static final Map<String, List<String>> IDENTITY = Map.of(
            "candles", List.of("symbol", "period", "window_start"),
            "dead-letters", List.of("stream", "kind", "payload"),
            "models", List.of("symbol", "side", "period", "window_start"),
            "signals", List.of("symbol", "period", "window_start", "strategy"),
            "alerts", List.of("alert_id"),
            "anomaly-follow-ups", List.of("alert_id", "minutes"),
            "scores", List.of("symbol", "period", "window_start", "model"),
            "guard", List.of("symbol", "period", "window_start", "strategy"));
    /** Fields stamped with the wall clock. */
    private static final List<String> CLOCK_FIELDS = List.of("emitted_at", "rejected_at");
    /**
     * Rules judged in processing or ingest time (a replay does not run them) or on two streams as they
     * arrive: their alerts are not compared with the uninterrupted run's.
     */
    private static final Set<String> NOT_REPLAYED = Set.of(WatchdogSettings.LATENCY, WatchdogSettings.FEED_STALE,
            WatchdogSettings.FEED_DOWN, WatchdogSettings.FEED_FLAPPING, WatchdogSettings.FEED_DYING,
            WatchdogSettings.ORDER_OFF_MID);

    /**
     * Both lives' configuration: every layer on (a model, the strategies, every rule, a webhook), one
     * partition per topic at parallelism 1 (the same order of events in both runs), the default topic
     * names and transactional ids (the savepoint holds them).
     */
    private static LiveConfig config(String bootstrapServers, Path tmp, String webhook) throws Exception {
        Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", bootstrapServers);
        c.put("checkpoint.dir", tmp.resolve("checkpoints").toString());
        c.put("checkpoint.interval", "500ms");
        c.put("transaction.timeout", "60s");
        c.put("startup.offsets", "earliest");
        c.put("parallelism", "1");
        // event time alone decides what is late; the start-up hold keeps a late reader from being passed
        c.put("idleness", "0");
        c.put("score.model", TestModels.demoModel(tmp.resolve("model"), "1m").toString());
        c.put("alert.webhook.desk.url", webhook);
        c.put("alert.webhook.desk.min-severity", "info");
        c.put("watchdog.order_off_mid.enabled", "true");
        // no alert in processing time while the tests run: one after the market was read would leave a
        // transaction in the savepoint (see writeTheSavepointOfThisRelease)
        c.put("watchdog.feed_stale.threshold", "600000");
        return LiveConfig.load(null, c, name -> null);
    }

    private static Properties kafka(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    /** A fresh broker with the topics of {@code config} (their names are in the savepoint). */
    private static EmbeddedKafkaBroker brokerWithTopics(Path tmp, LiveConfig config) throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Files.createDirectories(tmp.resolve("kafka")), false);
        List<String> topics = new ArrayList<>();
        LiveConfig.TOPIC_KEYS.stream().map(config::get).filter(t -> !t.isEmpty()).forEach(topics::add); // topic.gaps: off
        KafkaTopics.ensure(kafka(broker), topics, 1);
        return broker;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the test has failed already; this only frees the ports
        }
    }

    /** A loopback webhook receiver: the alert ids it was sent, in order. */
    private static final class Receiver implements AutoCloseable {
        final List<String> ids = Collections.synchronizedList(new ArrayList<>());
        final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher id = java.util.regex.Pattern.compile("alert ([0-9a-f]{32})").matcher(body);
                ids.add(id.find() ? id.group(1) : body);
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/desk";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static JobClient start(LiveConfig config, String restoreFrom) throws Exception {
        StreamExecutionEnvironment env = LivePipeline.environment(config, restoreFrom);
        LivePipeline.job(config).build(env);
        return env.executeAsync("SuperCandles savepoint compatibility");
    }

    /** The output topic of each kind. */
    private static Map<OutputKind<?>, String> outputTopics(LiveConfig config) {
        Map<OutputKind<?>, String> topics = new LinkedHashMap<>();
        for (OutputKind<?> kind : Outputs.ALL) {
            topics.put(kind, config.get(kind.topicKey()));
        }
        return topics;
    }

    // ---- the market ----

    /**
     * Three simulated symbols, split at {@link #CUT} into the part before the savepoint and the rest,
     * with what makes the state matter: a rejected trade and order and a repeated trade before the cut,
     * and after it a repeat of each symbol's last trade before the cut (a duplicate only for a filter
     * that remembers), then the next day's event of each stream.
     */
    private static void writeMarket(Path dir, Path tmp) throws IOException {
        Path simulated = tmp.resolve("simulated");
        SimulatedMarketFiles.write(new SimulatorConfig().symbols(3).eventsPerSecond(4).startTs(START).seed(26)
                .snapshotLevels(5), SPAN, simulated);
        for (EventType stream : EventType.values()) {
            String file = stream.streamName() + ".jsonl";
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            for (String line : Files.readAllLines(simulated.resolve(file))) {
                (JSON.readTree(line).get("ts").asLong() < CUT ? before : after).add(line);
            }
            Map<String, String> lastTrade = new TreeMap<>();
            String symbol = JSON.readTree(before.get(0)).get("symbol").asText();
            long ts = JSON.readTree(before.get(before.size() / 2)).get("ts").asLong();
            switch (stream) {
                case TRADE -> {
                    before.add(before.size() / 2, "{\"type\":\"trade\",\"symbol\":\"" + symbol + "\",\"ts\":" + ts
                            + ",\"trade_id\":\"bad\",\"price\":-1,\"qty\":1,\"side\":\"B\"}");
                    before.add(before.size() / 3, before.get(before.size() / 3 - 2));
                    for (String line : before) {
                        if (line.contains("\"price\":-1")) {
                            continue;
                        }
                        lastTrade.put(JSON.readTree(line).get("symbol").asText(), line);
                    }
                    after.addAll(0, lastTrade.values());
                    after.add("{\"type\":\"trade\",\"symbol\":\"" + CLOSER + "\",\"ts\":" + NEXT_DAY
                            + ",\"trade_id\":\"1\",\"price\":1,\"qty\":1,\"side\":\"B\"}");
                }
                case ORDER -> {
                    before.add(before.size() / 2, "{\"type\":\"order\",\"symbol\":\"" + symbol + "\",\"ts\":" + ts
                            + ",\"order_id\":\"bad\",\"action\":\"put\",\"side\":\"B\",\"price\":1,\"qty\":-5}");
                    after.add("{\"type\":\"order\",\"symbol\":\"" + CLOSER + "\",\"ts\":" + NEXT_DAY
                            + ",\"order_id\":\"1\",\"action\":\"put\",\"side\":\"B\",\"price\":1,\"qty\":1}");
                }
                case BOOK -> after.add("{\"type\":\"book\",\"symbol\":\"" + CLOSER + "\",\"ts\":" + NEXT_DAY
                        + ",\"bids\":[[1,1]],\"asks\":[[2,1]]}");
            }
            writeGzip(dir.resolve("before").resolve(file + ".gz"), before);
            writeGzip(dir.resolve("after").resolve(file + ".gz"), after);
        }
    }

    /** The market's parts as recorded stream directories: {@code before}, {@code after} and {@code all}. */
    private static Map<String, Path> market(Path tmp) throws IOException {
        return market(tmp, RESOURCE);
    }

    private static Map<String, Path> market(Path tmp, Path release) throws IOException {
        Map<String, Path> parts = new LinkedHashMap<>();
        for (String part : List.of("before", "after", "all")) {
            parts.put(part, Files.createDirectories(tmp.resolve("market-" + part)));
        }
        for (EventType stream : EventType.values()) {
            String file = stream.streamName() + ".jsonl";
            List<String> before = readGzip(release.resolve("market/before").resolve(file + ".gz"));
            List<String> after = readGzip(release.resolve("market/after").resolve(file + ".gz"));
            Files.write(parts.get("before").resolve(file), before);
            Files.write(parts.get("after").resolve(file), after);
            Files.write(parts.get("all").resolve(file), Stream.concat(before.stream(), after.stream()).toList());
        }
        return parts;
    }

    private static void writeGzip(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
    }

    static List<String> readGzip(Path file) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    // ---- writing the resource ----

    /**
     * Runs the live job on the market before the cut, stops it with a savepoint in the canonical format
     * once every record it read is in a completed checkpoint (so the savepoint holds no transaction still
     * to commit: a broker of another run would not know it), and keeps the savepoint, the market and
     * what the job committed as the resource.
     */
    @Test
    @Order(1)
    void writeTheSavepointOfThisRelease(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean(WRITE), "rewrites the resource only with -D" + WRITE + "=true");
        deleteTree(RESOURCE.resolve("market"));
        deleteTree(RESOURCE.resolve("savepoint"));
        deleteTree(RESOURCE.resolve("committed-before"));
        writeMarket(RESOURCE.resolve("market"), tmp);
        Path before = market(tmp).get("before");
        try (EmbeddedKafkaBroker broker = brokerWithTopics(tmp, config("127.0.0.1:9", tmp, "http://127.0.0.1:9/"));
             Receiver receiver = new Receiver()) {
            LiveConfig config = config(broker.bootstrapServers(), tmp, receiver.url());
            Map<EventType, String> inputs = LiveConfig.inputTopics(config::get);
            MarketFeed.produce(kafka(broker), inputs, MarketFeed.recorded(before), 0, () -> false);
            JobClient job = start(config, null);
            String savepoint;
            try {
                awaitInputCheckpointed(broker, config, inputs.values());
                awaitCheckpoints(config, 2); // the windows the last watermark closed, committed
                savepoint = job.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                        SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
            } catch (Exception e) {
                job.cancel().get(1, TimeUnit.MINUTES);
                throw e;
            }
            Map<String, Integer> all = new LinkedHashMap<>();
            outputTopics(config).values().forEach(topic -> all.put(topic, 0));
            Map<String, List<String>> committed = CommittedRecords.readAll(kafka(broker), all, r -> true,
                    Duration.ofSeconds(30), Duration.ofSeconds(3), () -> false);
            // every alert delivered before the stop: the savepoint holds no delivery still to make, which
            // the restored job would send to the test's receiver beside the alerts it commits
            List<String> alertIds = new ArrayList<>();
            for (String a : committed.get(config.get(Outputs.ALERTS.topicKey()))) {
                alertIds.add(JSON.readTree(a).get("alert_id").asText());
            }
            assertThat(receiver.ids).as("alerts delivered before the savepoint").containsExactlyInAnyOrderElementsOf(alertIds);
            outputTopics(config).forEach((kind, topic) -> {
                try {
                    writeGzip(RESOURCE.resolve("committed-before").resolve(kind.name() + ".jsonl.gz"), committed.get(topic));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            copyTree(savepoint.startsWith("file:") ? Path.of(java.net.URI.create(savepoint)) : Path.of(savepoint),
                    RESOURCE.resolve("savepoint"));
            Files.writeString(RESOURCE.resolve("savepoint.txt"), "Written by SavepointCompatibilityTest"
                    + " (-D" + WRITE + "=true) with Flink " + EnvironmentInformation.getVersion() + ", parallelism 1,"
                    + " max parallelism 128, RocksDB, canonical format.\nThe market: 3 simulated symbols (seed 26),"
                    + " 12 minutes from 2023-11-14T22:10:00Z, cut at 22:17:30.\n");
        }
    }

    /** Waits until the sources' offsets committed at checkpoints reach the end of every input topic. */
    private static void awaitInputCheckpointed(EmbeddedKafkaBroker broker, LiveConfig config, java.util.Collection<String> topics)
            throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        try (Admin admin = Admin.create(kafka(broker))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            topics.forEach(t -> latest.put(new TopicPartition(t, 0), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> done = admin.listConsumerGroupOffsets(config.get("group.id"))
                        .partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(e -> done.get(e.getKey()) != null
                        && done.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                assertThat(System.currentTimeMillis()).as("the job read the market before the cut: " + done + " of "
                        + ends).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static void awaitCheckpoints(LiveConfig config, int more) throws Exception {
        long first = checkpointNumber(config);
        long deadline = System.currentTimeMillis() + 60_000;
        while (checkpointNumber(config) < first + more) {
            assertThat(System.currentTimeMillis()).as("checkpoints complete").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long checkpointNumber(LiveConfig config) throws IOException {
        return CheckpointLocator.latest(config.checkpointDir())
                .map(p -> Long.parseLong(p.getFileName().toString().substring("chk-".length()))).orElse(0L);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    // ---- the restore ----

    /**
     * This release's savepoint, and the previous release's ({@code upgrades/previous}: the duplicate
     * filter's and watchdogs' memory in operator state, converted to keyed state at the restore).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"upgrades", "upgrades/previous"})
    @Order(2)
    void theSavepointOfThisReleaseRestoresAndTheJobCarriesOnAsIfItHadNeverStopped(String resource, @TempDir Path tmp)
            throws Exception {
        Path release = RESOURCE.resolveSibling(resource);
        assertThat(IDENTITY.keySet()).as("every output kind needs its identity fields here")
                .isEqualTo(Outputs.ALL.stream().map(OutputKind::name).collect(Collectors.toSet()));
        Map<String, Path> market = market(tmp, release);
        Map<OutputKind<?>, List<String>> expected = new LinkedHashMap<>();
        Map<OutputKind<?>, List<String>> committedBefore = new LinkedHashMap<>();
        Map<OutputKind<?>, List<String>> committedAfter = new LinkedHashMap<>();
        List<String> received;
        // The broker starts (seconds of waiting) while the uninterrupted run, a replay of the whole market,
        // is computed; the replay goes first: started while the job holds the test cluster's slots, it
        // would wait for one.
        LiveConfig settings = config("127.0.0.1:9", tmp, "http://127.0.0.1:9/");
        CompletableFuture<EmbeddedKafkaBroker> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return brokerWithTopics(tmp, settings);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        try {
            Path out = tmp.resolve("replay").resolve("candles.jsonl");
            ReplayFiles files = ReplayFiles.of(out, ReplayFiles.besideCandles(out, Outputs.DEAD_LETTERS));
            for (OutputKind<?> kind : Outputs.ALL) {
                files = files.file(kind) != null ? files : files.with(kind);
            }
            Files.createDirectories(out.getParent());
            Replay.run(settings.settings(), market.get("all"), files, null, 1);
            for (OutputKind<?> kind : Outputs.ALL) {
                List<String> before = readGzip(release.resolve("committed-before").resolve(kind.name() + ".jsonl.gz"));
                committedBefore.put(kind, before);
                List<String> rest = without(kind, replayed(Files.readAllLines(files.file(kind))), before);
                expected.put(kind, rest);
                counts.put(settings.get(kind.topicKey()), rest.size());
            }
        } catch (Exception | AssertionError e) {
            starting.thenAccept(SavepointCompatibilityTest::closeQuietly);
            throw e;
        }
        try (EmbeddedKafkaBroker broker = starting.join(); Receiver receiver = new Receiver()) {
            LiveConfig config = config(broker.bootstrapServers(), tmp, receiver.url());
            Map<EventType, String> inputs = LiveConfig.inputTopics(config::get);
            MarketFeed.produce(kafka(broker), inputs, MarketFeed.recorded(market.get("before")), 0, () -> false);
            MarketFeed.produce(kafka(broker), inputs, MarketFeed.recorded(market.get("after")), 0, () -> false);
            JobClient job = start(config, release.resolve("savepoint").toAbsolutePath().toUri().toString());
            Map<String, List<String>> committed;
            var ended = job.getJobExecutionResult();
            try {
                committed = CommittedRecords.readAll(kafka(broker), counts, SavepointCompatibilityTest::replayedRecord,
                        Duration.ofSeconds(120), Duration.ofSeconds(2), ended::isDone);
                if (ended.isDone()) {
                    ended.get(); // an unbounded job ends only when it fails (a state it cannot restore): says why
                }
                long deadline = System.currentTimeMillis() + 30_000;
                while (receiver.ids.size() < committed.get(config.get(Outputs.ALERTS.topicKey())).size()
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                if (!ended.isDone()) {
                    job.cancel().get(1, TimeUnit.MINUTES);
                }
            }
            for (OutputKind<?> kind : Outputs.ALL) {
                committedAfter.put(kind, committed.get(config.get(kind.topicKey())));
            }
            received = List.copyOf(receiver.ids);
        }

        for (OutputKind<?> kind : Outputs.ALL) {
            List<String> committed = comparable(replayed(committedAfter.get(kind)));
            List<String> uninterrupted = comparable(expected.get(kind));
            assertThat(minus(uninterrupted, committed)).as("%s of the uninterrupted run, not committed before the savepoint,"
                    + " that the restored job did not commit", kind.name()).isEmpty();
            assertThat(minus(committed, uninterrupted)).as("%s the restored job committed that the uninterrupted run does"
                    + " not make after the savepoint", kind.name()).isEmpty();
        }
        assertThat(committedBefore.get(Outputs.CANDLES)).as("candles before the savepoint").hasSizeGreaterThan(10);
        for (OutputKind<?> kind : List.of(Outputs.CANDLES, Outputs.MODELS, Outputs.SIGNALS, Outputs.SCORES, Outputs.GUARD,
                Outputs.ALERTS, Outputs.DEAD_LETTERS)) {
            assertThat(expected.get(kind)).as(kind.name() + " after the savepoint").isNotEmpty();
        }

        // The windows open at the savepoint: each symbol's minute and five minutes around the cut, with
        // trades from both sides of it, came out of restored state equal to the uninterrupted run's.
        Set<String> symbols = symbols(market.get("before"));
        Map<String, ObjectNode> restoredCandles = new HashMap<>();
        for (String c : committedAfter.get(Outputs.CANDLES)) {
            ObjectNode n = (ObjectNode) JSON.readTree(c);
            restoredCandles.put(n.get("symbol").asText() + " " + n.get("period").asText() + " " + n.get("window_start").asLong(), n);
        }
        for (String symbol : symbols) {
            for (long[] window : new long[][] {{60_000, CUT - 30_000}, {300_000, CUT - 150_000}}) {
                ObjectNode candle = restoredCandles.get(symbol + " " + (window[0] / 60_000) + "m " + window[1]);
                assertThat(candle).as("%s's %s-minute window around the cut", symbol, window[0] / 60_000).isNotNull();
                Set<String> before = tradeIds(market.get("before"), symbol, window[1], window[1] + window[0]);
                Set<String> after = tradeIds(market.get("after"), symbol, window[1], window[1] + window[0]);
                after.removeAll(before); // the repeats
                assertThat(before).as(symbol + " traded in the window before the cut").isNotEmpty();
                assertThat(after).as(symbol + " traded in the window after the cut").isNotEmpty();
                assertThat(candle.get("trades").asLong()).as("trades of " + symbol + "'s window around the cut")
                        .isEqualTo(before.size() + after.size());
            }
        }

        // The duplicate filter remembered: each symbol's last trade before the cut, sent again after it,
        // is a dead letter.
        long repeats = committedAfter.get(Outputs.DEAD_LETTERS).stream().filter(d -> d.contains("\"kind\":\"duplicate\"")).count();
        assertThat(repeats).as("repeats of trades from before the savepoint").isEqualTo(symbols.size());

        // The per-stream watchdogs remembered: latency (ingest time - ts: years for this market) fired for
        // every symbol and stream before the savepoint and is still firing after it, so it does not fire again.
        assertThat(rules(committedBefore.get(Outputs.ALERTS), WatchdogSettings.LATENCY))
                .as("latency alerts before the savepoint").hasSize(symbols.size() * EventType.values().length);
        assertThat(rules(committedAfter.get(Outputs.ALERTS), WatchdogSettings.LATENCY)).as("latency alerts after it").isEmpty();

        // and every alert committed after the restore reached the receiver, once
        List<String> alertIds = new ArrayList<>();
        for (String a : committedAfter.get(Outputs.ALERTS)) {
            alertIds.add(JSON.readTree(a).get("alert_id").asText());
        }
        assertThat(received).as("alerts delivered after the restore").containsExactlyInAnyOrderElementsOf(alertIds);
    }

    /** The records a replay makes too (not the alerts of the rules it does not run). */
    private static List<String> replayed(List<String> records) {
        return records.stream().filter(SavepointCompatibilityTest::replayedRecord).toList();
    }

    private static boolean replayedRecord(String record) {
        try {
            var node = JSON.readTree(record);
            var rule = node.get("rule");
            var symbol = node.get("symbol");
            // the closer's windows close at the end of a replay's input, never in the unbounded job
            return (rule == null || !NOT_REPLAYED.contains(rule.asText()))
                    && (symbol == null || !CLOSER.equals(symbol.asText()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code all} less one record of the same identity for each of {@code taken}; fails for one not there. */
    private static List<String> without(OutputKind<?> kind, List<String> all, List<String> taken) throws IOException {
        Map<String, List<String>> byIdentity = new LinkedHashMap<>();
        for (String r : all) {
            byIdentity.computeIfAbsent(identity(kind, r), k -> new ArrayList<>()).add(r);
        }
        for (String r : replayed(taken)) {
            List<String> same = byIdentity.get(identity(kind, r));
            assertThat(same).as("a %s record committed before the savepoint that the uninterrupted run does not make: %s",
                    kind.name(), r).isNotNull().isNotEmpty();
            same.remove(0);
        }
        return byIdentity.values().stream().flatMap(List::stream).toList();
    }

    private static String identity(OutputKind<?> kind, String record) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(record);
        StringBuilder b = new StringBuilder();
        for (String field : IDENTITY.get(kind.name())) {
            b.append(n.get(field)).append('|');
        }
        return b.toString();
    }

    /** The records without the fields stamped with the wall clock. */
    private static List<String> comparable(List<String> records) throws IOException {
        List<String> out = new ArrayList<>();
        for (String r : records) {
            ObjectNode n = (ObjectNode) JSON.readTree(r);
            CLOCK_FIELDS.forEach(n::remove);
            out.add(n.toString());
        }
        return out;
    }

    /** {@code a} less one of each element of {@code b} (a multiset difference). */
    private static List<String> minus(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(a);
        b.forEach(rest::remove);
        return rest;
    }

    private static List<String> rules(List<String> alerts, String rule) {
        return alerts.stream().filter(a -> a.contains("\"rule\":\"" + rule + "\"")).toList();
    }

    private static Set<String> symbols(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(dir.resolve("trades.jsonl"))) {
            out.add(JSON.readTree(line).get("symbol").asText());
        }
        return out;
    }

    /** The ids of the trades of {@code symbol} in [from, to) in a stream file, the rejected (negative price) left out. */
    private static Set<String> tradeIds(Path dir, String symbol, long from, long to) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(dir.resolve("trades.jsonl"))) {
            var t = JSON.readTree(line);
            long ts = t.get("ts").asLong();
            if (t.get("symbol").asText().equals(symbol) && ts >= from && ts < to && t.get("price").asDouble() > 0) {
                ids.add(t.get("trade_id").asText());
            }
        }
        return ids;
    }
}
