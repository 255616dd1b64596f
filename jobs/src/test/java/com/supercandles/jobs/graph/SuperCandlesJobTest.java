package com.supercandles.jobs.graph;

import com.supercandles.jobs.CandleAssertions;
import com.supercandles.jobs.ReferenceSuperCandles;
import com.supercandles.jobs.config.SuperCandlesSettings;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.supercandles.candle.Period;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.simulator.SimulatedMarketFiles;
import com.supercandles.simulator.SimulatorConfig;
import org.apache.flink.test.junit5.MiniClusterExtension;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.Side;
import com.supercandles.event.StreamWatermark;
import com.supercandles.sinks.JsonLinesFileSink;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The job graph on a Flink MiniCluster, fed through its file sources. */
class SuperCandlesJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long T0 = 1_699_999_980_000L; // 2023-11-14T22:13:00Z, on a whole minute

    private static String trade(long ts, String id, double price, double qty, String side) {
        return String.format("{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":%d,\"trade_id\":\"%s\",\"price\":%s,\"qty\":%s,\"side\":\"%s\"}",
                ts, id, price, qty, side);
    }

    @Test
    void malformedRecordsOfEveryKindBecomeDeadLettersAndTheJobCarriesOn(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<String> badTrades = List.of(
                "this is not json",
                "[1,2]",
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 1) + ",\"trade_id\":\"x\",\"price\":-1,\"qty\":1,\"side\":\"B\"}",
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 1) + ",\"trade_id\":\"x\",\"price\":1e999,\"qty\":1,\"side\":\"B\"}",
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 1) + ",\"trade_id\":\"x\",\"price\":1,\"qty\":1,\"side\":\"X\"}",
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":1700000000,\"trade_id\":\"x\",\"price\":1,\"qty\":1,\"side\":\"B\"}",
                "{\"type\":\"swap\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 1) + "}",
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 1) + ",\"price\":1,\"qty\":1,\"side\":\"B\"}",
                // the contract's bounds: it would otherwise be a Kafka key, a ClickHouse key and state
                "{\"type\":\"trade\",\"symbol\":\"" + "S".repeat(10_000) + "\",\"ts\":" + (T0 + 1)
                        + ",\"trade_id\":\"x\",\"price\":1,\"qty\":1,\"side\":\"B\"}",
                "{\"type\":\"trade\",\"symbol\":\"AB C\",\"ts\":" + (T0 + 1) + ",\"trade_id\":\"x\",\"price\":1,\"qty\":1,\"side\":\"B\"}",
                "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 1) + ",\"trade_id\":\"" + "7".repeat(65)
                        + "\",\"price\":1,\"qty\":1,\"side\":\"B\"}");
        String oversized = "{\"type\":\"trade\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 1) + ",\"pad\":\""
                + "p".repeat(2 << 20) + "\",\"trade_id\":\"x\",\"price\":1,\"qty\":1,\"side\":\"B\"}";
        List<String> trades = new ArrayList<>();
        trades.add(trade(T0 + 10, "1", 100, 2, "B"));
        trades.addAll(badTrades.subList(0, 4));
        trades.add(trade(T0 + 20, "2", 101, 1, "S"));
        trades.addAll(badTrades.subList(4, badTrades.size()));
        trades.add(oversized);
        Files.write(tmp.resolve("in/trades.jsonl"), trades);

        List<String> badOrders = List.of(
                "{\"type\":\"order\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 5) + ",\"order_id\":\"9\",\"action\":\"amend\",\"side\":\"B\",\"price\":1,\"qty\":1}",
                "{\"type\":\"order\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 5) + ",\"order_id\":\"9\",\"action\":\"put\",\"side\":\"B\",\"price\":1,\"qty\":0}",
                "{\"type\":\"order\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 5) + ",\"order_id\":\"" + "9".repeat(65)
                        + "\",\"action\":\"put\",\"side\":\"B\",\"price\":1,\"qty\":1}");
        List<String> orders = new ArrayList<>(badOrders);
        orders.add("{\"type\":\"order\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 6) + ",\"order_id\":\"9\",\"action\":\"put\",\"side\":\"B\",\"price\":99,\"qty\":3}");
        Files.write(tmp.resolve("in/orders.jsonl"), orders);

        List<String> badBooks = List.of(
                "{\"type\":\"book\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 7) + ",\"bids\":[[101,1]],\"asks\":[[100,1]]}",
                "{\"type\":\"book\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 7) + ",\"bids\":[[99,1],[100,1]],\"asks\":[[101,1]]}",
                "{\"type\":\"book\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 7) + ",\"bids\":[[99,\"1\"]],\"asks\":[]}",
                "{\"type\":\"book\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 7) + "}");
        List<String> books = new ArrayList<>(badBooks);
        books.add("{\"type\":\"book\",\"symbol\":\"ABC\",\"ts\":" + (T0 + 8) + ",\"bids\":[[100,1]],\"asks\":[[101,1]]}");
        Files.write(tmp.resolve("in/book.jsonl"), books);

        Replay.Summary s = Replay.run(new SuperCandlesSettings().periods(Period.parseList("1m")), in,
                tmp.resolve("candles.jsonl"), tmp.resolve("dead.jsonl"), 2);

        assertThat(s.rejected).isEqualTo(badTrades.size() + badOrders.size() + badBooks.size() + 1);
        List<JsonNode> dead = CandleAssertions.readLines(tmp.resolve("dead.jsonl"));
        JsonNode tooLarge = dead.stream().filter(d -> d.get("reason").asText().startsWith("record too large"))
                .findFirst().orElseThrow();
        assertThat(tooLarge.get("reason").asText()).contains(oversized.length() + " bytes")
                .contains("keeps its first 4096 bytes");
        assertThat(oversized.startsWith(tooLarge.get("payload").asText())).isTrue();
        assertThat(tooLarge.get("payload").asText()).hasSize(4096);
        dead.remove(tooLarge);
        List<String> payloads = new ArrayList<>();
        for (JsonNode d : dead) {
            payloads.add(d.get("payload").asText());
            assertThat(d.get("reason").asText()).isNotBlank();
            assertThat(d.get("kind").asText()).isEqualTo("invalid");
        }
        List<String> allBad = new ArrayList<>(badTrades);
        allBad.addAll(badOrders);
        allBad.addAll(badBooks);
        assertThat(payloads).containsExactlyInAnyOrderElementsOf(allBad);
        assertThat(dead).filteredOn(d -> d.get("payload").asText().equals(badBooks.get(0)))
                .singleElement().satisfies(d -> assertThat(d.get("reason").asText()).startsWith("crossed book"));
        assertThat(dead).filteredOn(d -> d.get("stream").asText().equals("orders")).hasSize(3);
        assertThat(dead).filteredOn(d -> d.get("reason").asText().contains("'symbol' is 10000 bytes long")).hasSize(1);
        assertThat(dead).filteredOn(d -> d.get("reason").asText().contains("U+0020")).hasSize(1);
        assertThat(dead).filteredOn(d -> d.get("reason").asText().contains("'trade_id' is 65 bytes")).hasSize(1);
        assertThat(dead).filteredOn(d -> d.get("reason").asText().contains("'order_id' is 65 bytes")).hasSize(1);

        // The valid events still make their candle.
        Map<String, JsonNode> candles = CandleAssertions.readCandles(tmp.resolve("candles.jsonl"), "1m");
        assertThat(candles).hasSize(1);
        JsonNode c = candles.get("ABC|" + T0);
        assertThat(c.get("trades").asLong()).isEqualTo(2);
        assertThat(c.get("vol").asDouble()).isEqualTo(3.0);
        assertThat(c.get("put_orders").asLong()).isEqualTo(1);
        assertThat(c.get("book_snapshots").asLong()).isEqualTo(1);
    }

    @Test
    void eventsBeyondTheOutOfOrdernessAreLateForShortPeriodsOnly(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("trades.jsonl"), List.of(
                trade(T0 + 1_000, "1", 100, 1, "B"),
                trade(T0 + 61_000, "2", 101, 1, "B"),   // next minute
                trade(T0 + 58_000, "3", 102, 1, "S"),   // 3 s behind: within the 5 s bound, counts
                trade(T0 + 130_000, "4", 103, 1, "B"),  // watermark now past T0 + 2 min
                trade(T0 + 2_000, "5", 104, 1, "S")));  // 128 s behind: late for 1m, not for 1h
        Replay.Summary s = Replay.run(new SuperCandlesSettings().periods(Period.parseList("1m,1h"))
                        .maxOutOfOrderness(Duration.ofSeconds(5)), in,
                tmp.resolve("candles.jsonl"), tmp.resolve("dead.jsonl"), 1);

        assertThat(s.late).isEqualTo(1);
        List<JsonNode> dead = CandleAssertions.readLines(tmp.resolve("dead.jsonl"));
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.get("kind").asText()).isEqualTo("late");
            assertThat(d.get("reason").asText()).contains("period 1m");
            assertThat(d.get("payload").asText()).contains("\"trade_id\":\"5\"");
        });
        Map<String, JsonNode> minutes = CandleAssertions.readCandles(tmp.resolve("candles.jsonl"), "1m");
        assertThat(minutes.get("ABC|" + T0).get("trades").asLong()).isEqualTo(2); // trades 1 and 3
        assertThat(minutes.get("ABC|" + T0).get("pr_close").asDouble()).isEqualTo(102);
        long hourStart = Period.parse("1h").windowStart(T0);
        JsonNode hour = CandleAssertions.readCandles(tmp.resolve("candles.jsonl"), "1h").get("ABC|" + hourStart);
        assertThat(hour.get("trades").asLong()).isEqualTo(5);
        assertThat(hour.get("pr_close").asDouble()).isEqualTo(103);
    }

    /**
     * The case: a trade stamped 60 s before the trades around it (bound 5 s). It is late for its
     * 1-minute window because its own stream has moved on, whether the trades are replayed alone, beside
     * the other recorded streams, or beside an order log held back (played slowly), which keeps the
     * job's watermark, and so the window, open long after the trades have ended.
     */
    @Test
    void aTrade60sBehindItsStreamIsLateWhateverTheOtherStreamsDo(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("trades.jsonl"), List.of(
                trade(T0 + 1_000, "1", 100, 1, "B"),
                trade(T0 + 70_000, "2", 101, 1, "B"),
                trade(T0 + 130_000, "3", 102, 1, "S"),
                trade(T0 + 70_000, "behind", 150, 1, "B"),   // 60 s behind its stream
                trade(T0 + 131_000, "4", 103, 1, "S")));
        Path all = Files.createDirectories(tmp.resolve("all"));
        Files.copy(in.resolve("trades.jsonl"), all.resolve("trades.jsonl"));
        List<String> orders = new ArrayList<>();
        List<String> books = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            orders.add("{\"type\":\"order\",\"symbol\":\"ABC\",\"ts\":" + (T0 + i * 1_000L)
                    + ",\"order_id\":\"" + i + "\",\"action\":\"put\",\"side\":\"B\",\"price\":99,\"qty\":1}");
            books.add("{\"type\":\"book\",\"symbol\":\"ABC\",\"ts\":" + (T0 + i * 1_000L)
                    + ",\"bids\":[[99,1]],\"asks\":[[104,1]]}");
        }
        Files.write(all.resolve("orders.jsonl"), orders);
        Files.write(all.resolve("book.jsonl"), books);
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("1m"))
                .maxOutOfOrderness(Duration.ofSeconds(5));

        Map<String, Path> runs = new java.util.LinkedHashMap<>();
        Replay.run(settings, in, tmp.resolve("alone.jsonl"), tmp.resolve("alone.dead.jsonl"), 1);
        runs.put("trades alone", tmp.resolve("alone"));
        Replay.run(settings, all, tmp.resolve("all.jsonl"), tmp.resolve("all.dead.jsonl"), 2);
        runs.put("beside the recorded order log and book", tmp.resolve("all"));
        for (int parallelism = 1; parallelism <= 2; parallelism++) {
            String name = "held-" + parallelism;
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.configure(SuperCandlesJob.pipelineOptions(new Configuration()));
            env.setParallelism(parallelism);
            Replay.fileJob(settings, Map.of(EventType.TRADE, in.resolve("trades.jsonl")))
                    .source(EventType.ORDER, new DataGeneratorSource<>(new SlowOrders(), 300,
                            RateLimiterStrategy.perSecond(100), TypeInformation.of(ParsedRecord.class)))
                    .sink(Outputs.CANDLES, JsonLinesFileSink.of(tmp.resolve(name + ".jsonl"), Outputs.CANDLES.json()))
                    .sink(Outputs.DEAD_LETTERS, JsonLinesFileSink.of(tmp.resolve(name + ".dead.jsonl"), Outputs.DEAD_LETTERS.json()))
                    .sinkParallelism(1)
                    .build().execute(env, "held-back order log");
            runs.put("beside an order log held back, parallelism " + parallelism, tmp.resolve(name));
        }

        for (Map.Entry<String, Path> run : runs.entrySet()) {
            List<JsonNode> dead = CandleAssertions.readLines(Path.of(run.getValue() + ".dead.jsonl"));
            assertThat(dead).as(run.getKey()).singleElement().satisfies(d -> {
                assertThat(d.get("kind").asText()).isEqualTo("late");
                assertThat(d.get("reason").asText()).contains("period 1m");
                assertThat(d.get("payload").asText()).contains("\"trade_id\":\"behind\"");
            });
            Map<String, JsonNode> minutes = CandleAssertions.readCandles(Path.of(run.getValue() + ".jsonl"), "1m");
            JsonNode second = minutes.get("ABC|" + (T0 + 60_000));
            assertThat(second.get("trades").asLong()).as(run.getKey()).isEqualTo(1);   // trade 2 only
            assertThat(second.get("pr_high").asDouble()).as(run.getKey()).isEqualTo(101);
            assertThat(minutes.get("ABC|" + T0).get("trades").asLong()).as(run.getKey()).isEqualTo(1);
            assertThat(minutes.get("ABC|" + (T0 + 120_000)).get("trades").asLong()).as(run.getKey()).isEqualTo(2);
        }
        // the held-back order log still counts in full: one put per second
        assertThat(CandleAssertions.readCandles(tmp.resolve("held-2.jsonl"), "1m").get("ABC|" + (T0 + 60_000))
                .get("put_orders").asLong()).isEqualTo(60);
    }

    /** An order log of one put per second from T0, stamped per split as the real sources stamp. */
    private static final class SlowOrders implements GeneratorFunction<Long, ParsedRecord> {
        private static final long serialVersionUID = 1L;
        private transient StreamWatermark split;

        @Override
        public void open(SourceReaderContext readerContext) {
            split = new StreamWatermark(Duration.ofSeconds(5));
        }

        @Override
        public ParsedRecord map(Long i) {
            return split.stamp(ParsedRecord.valid(
                    MarketEvent.order("ABC", T0 + i * 1_000, Long.toString(i), OrderAction.PUT, Side.B, 99, 1)));
        }
    }

    @Test
    void parallelismDoesNotChangeTheCandles(@TempDir Path tmp) throws Exception {
        Path market = tmp.resolve("market");
        SimulatedMarketFiles.write(new SimulatorConfig().symbols(6).eventsPerSecond(400).startTs(T0).seed(3),
                Duration.ofMinutes(12), market);
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("1m,5m"))
                .instruments(Instruments.withDefaults(new InstrumentSpec(1, 0.01, 5_000)));
        Replay.run(settings, market, tmp.resolve("p1.jsonl"), tmp.resolve("d1.jsonl"), 1);
        Replay.Summary s = Replay.run(settings, market, tmp.resolve("p2.jsonl"), tmp.resolve("d2.jsonl"), 2);
        assertThat(s.rejected + s.late).isZero();
        for (String period : new String[] {"1m", "5m"}) {
            Map<String, JsonNode> one = CandleAssertions.readCandles(tmp.resolve("p1.jsonl"), period);
            Map<String, JsonNode> two = CandleAssertions.readCandles(tmp.resolve("p2.jsonl"), period);
            assertThat(one).hasSizeGreaterThan(6 * 2);
            assertThat(two).isEqualTo(one);
        }
    }

    @Test
    void simulatedMarketMatchesTheReference(@TempDir Path tmp) throws Exception {
        Path market = tmp.resolve("market");
        SimulatedMarketFiles.write(new SimulatorConfig().symbols(3).eventsPerSecond(300).startTs(T0).seed(9),
                Duration.ofMinutes(7), market);
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("1m"))
                .instruments(Instruments.withDefaults(new InstrumentSpec(10, 0.01, 20_000)));
        Replay.run(settings, market, tmp.resolve("c.jsonl"), tmp.resolve("d.jsonl"), 2);
        CandleAssertions.assertSameCandles(CandleAssertions.readCandles(tmp.resolve("c.jsonl"), "1m"),
                ReferenceSuperCandles.compute(market, 60_000, "1m", 10, 20_000));
    }
}
