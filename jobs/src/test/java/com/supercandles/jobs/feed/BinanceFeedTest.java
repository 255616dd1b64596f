package com.supercandles.jobs.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.candle.Period;
import com.supercandles.event.EventJson;
import com.supercandles.event.EventParser;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.jobs.CandleAssertions;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.graph.Replay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed against {@link FakeBinanceVenue} on loopback, replaying Bitstamp's recorded BTC/USD as
 * Binance spot messages: the normal flow gives the recorded market back, and each kind of gap leads to
 * a resync from a fresh snapshot, a gap record, nothing produced inside the gap, and a book equal to
 * the venue's true book level by level.
 *
 * <p>The normal flow is also compared candle by candle with the replay of the recorded market (see
 * {@link #recordedMarketAsTheFeedSeesIt}).
 */
class BinanceFeedTest {
    static final Path DATA = Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "data",
            "bitstamp-btcusd-2015-05-01");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The feed's records, kept in order (a real output, in memory). */
    static final class RecordingOutput implements FeedOutput {
        final List<FeedRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public boolean offer(FeedRecord r) {
            return records.add(r);
        }

        List<String> json(FeedRecord.Role role) {
            return records.stream().filter(r -> r.role() == role).map(FeedRecord::json).collect(Collectors.toList());
        }
    }

    private FakeBinanceVenue venue;
    private BinanceFeed feed;
    private final FeedCounters counters = new FeedCounters();
    private final RecordingOutput output = new RecordingOutput();

    @BeforeEach
    void startVenue() throws Exception {
        venue = new FakeBinanceVenue(DATA);
    }

    @AfterEach
    void stop() throws Exception {
        if (feed != null) {
            feed.close();
        }
        venue.close();
    }

    private void startFeed(Duration stallTimeout, FeedOutput out) throws Exception {
        feed = new BinanceFeed(FeedVenue.BINANCE, List.of(FakeBinanceVenue.SYMBOL), new BinanceFeed.Settings(venue.wsUrl(),
                venue.restUrl(), 20, Duration.ZERO, stallTimeout, Duration.ofHours(1), Duration.ofMillis(50),
                Duration.ofMillis(200), 1000, 10_000), out, counters);
        feed.start();
        diagnosis = () -> "feed at " + feed.lastUpdateId(FakeBinanceVenue.SYMBOL) + ", venue at " + venue.lastId() + ", "
                + counters.summary() + ", venue's trades " + venue.recordedTrades.size() + ", " + feed.lastProblem();
        await(() -> venue.connected() && feed.snapshotHeld(FakeBinanceVenue.SYMBOL),
                "the feed connects and holds a snapshot before the market moves");
    }

    private static java.util.function.Supplier<String> diagnosis = () -> "";

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out waiting until " + what + " (" + diagnosis.get() + ")");
            }
            Thread.sleep(5);
        }
    }

    /** Sends the market on until the feed's book is live at the venue's position. */
    private void sendUntilCaughtUp() throws Exception {
        long until = System.currentTimeMillis() + 20_000;
        while (!(feed.live(FakeBinanceVenue.SYMBOL) && feed.lastUpdateId(FakeBinanceVenue.SYMBOL) == venue.lastId())) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("the feed did not catch up: live " + feed.live(FakeBinanceVenue.SYMBOL)
                        + ", at " + feed.lastUpdateId(FakeBinanceVenue.SYMBOL) + ", venue at " + venue.lastId());
            }
            if (venue.send(5) == 0) {
                Thread.sleep(5);
            }
            Thread.sleep(2);
        }
    }

    private static String canonical(String eventJson) throws Exception {
        return EventJson.toJson(new EventParser().parseEvent(eventJson));
    }

    private static final String PERIODS = "1m,5m";

    /** The candles of {@link #PERIODS} that the job's replay writes for the JSON events of {@code input}, keyed by period, symbol and window. */
    private static Map<String, JsonNode> replayCandles(Path input, Path out) throws Exception {
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList(PERIODS))
                .instruments(Instruments.withDefaults(new InstrumentSpec(1, 0.01, 10_000)));
        Replay.Summary summary = Replay.run(settings, input, out, out.resolveSibling(out.getFileName() + ".dead.jsonl"), 1);
        assertThat(summary.rejected).as("dead letters replaying " + input).isZero();
        Map<String, JsonNode> candles = new TreeMap<>();
        for (String period : PERIODS.split(",")) {
            CandleAssertions.readCandles(out, period).forEach((k, v) -> candles.put(period + " " + k, v));
        }
        return candles;
    }

    /**
     * The recorded market's trades and book (the files' own lines, not the venue's), as a live feed
     * sees it. The venue's market starts where its REST snapshot leaves off: the first recorded snapshot
     * is that starting book (the feed holds it, it produces snapshots only after increments), and the
     * first book change is its first increment. So the market a feed can see is every snapshot after the
     * first and every trade later than the first book change (the trades before it, and at its very
     * millisecond, happened before the first increment). A snapshot equal to the one before it is no
     * increment and so no produced snapshot; the recorded day has none, which is checked here, so
     * nothing else is left out. The order log is left out (see the caller).
     */
    private static Path recordedMarketAsTheFeedSeesIt(Path dir) throws Exception {
        List<String> books = Files.readAllLines(DATA.resolve("book.jsonl")).stream().filter(l -> !l.isBlank()).toList();
        List<String> trades = Files.readAllLines(DATA.resolve("trades.jsonl")).stream().filter(l -> !l.isBlank()).toList();
        for (int i = 1; i < books.size(); i++) {
            JsonNode before = JSON.readTree(books.get(i - 1));
            JsonNode after = JSON.readTree(books.get(i));
            assertThat(after.get("bids").equals(before.get("bids")) && after.get("asks").equals(before.get("asks")))
                    .as("the recorded snapshot at line " + (i + 1) + " repeats the one before it").isFalse();
        }
        long firstIncrement = JSON.readTree(books.get(1)).get("ts").asLong();
        List<String> live = new ArrayList<>();
        for (String t : trades) {
            if (JSON.readTree(t).get("ts").asLong() > firstIncrement) {
                live.add(t);
            }
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("trades.jsonl"), live);
        Files.write(dir.resolve("book.jsonl"), books.subList(1, books.size()));
        return dir;
    }

    /** Same windows, and in each candle the same fields with equal values (JSON values: exactly equal). */
    private static void assertSameCandles(Map<String, JsonNode> actual, Map<String, JsonNode> expected) {
        assertThat(actual.keySet()).as("candle windows").containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            JsonNode candle = actual.get(e.getKey());
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = candle.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            List<String> expectedNames = new ArrayList<>();
            for (Iterator<String> it = e.getValue().fieldNames(); it.hasNext(); ) {
                expectedNames.add(it.next());
            }
            assertThat(names).as("fields of " + e.getKey()).containsExactlyElementsOf(expectedNames);
            for (String f : expectedNames) {
                assertThat(candle.get(f)).as(e.getKey() + " " + f).isEqualTo(e.getValue().get(f));
            }
        }
    }

    @Test
    void normalFlowGivesTheRecordedTradesAndBooksBackAndAnswersPings(@TempDir Path tmp) throws Exception {
        startFeed(Duration.ofSeconds(5), output);
        venue.send(500);
        venue.ping("still there?");
        long before = counters.messages.get();
        long start = System.nanoTime();
        venue.sendAll();
        await(() -> feed.lastUpdateId(FakeBinanceVenue.SYMBOL) == venue.lastId()
                && output.json(FeedRecord.Role.TRADES).size() == venue.recordedTrades.size(), "every message is fed");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("feed figure: %d messages in %.3f s on loopback: %.0f messages/s%n",
                counters.messages.get() - before, seconds, (counters.messages.get() - before) / seconds);
        assertThat(counters.unreadable.get()).isZero();
        List<String> trades = new ArrayList<>();
        for (String t : venue.recordedTrades) {
            trades.add(canonical(t));
        }
        List<String> books = new ArrayList<>();
        for (String b : venue.recordedBooks) {
            books.add(canonical(b));
        }
        assertThat(output.json(FeedRecord.Role.TRADES)).containsExactlyElementsOf(trades);
        assertThat(output.json(FeedRecord.Role.BOOK)).containsExactlyElementsOf(books);
        assertThat(output.json(FeedRecord.Role.GAPS)).isEmpty();
        assertThat(venue.pongs).contains("still there?");
        List<String> orders = output.json(FeedRecord.Role.ORDERS);
        assertThat(orders).isNotEmpty().allMatch(o -> o.endsWith(",\"source\":\"derived\"}"));
        // every produced record carries the receive time as its timestamp, the exchange time as ts
        assertThat(output.records).allMatch(r -> r.receivedAt() >= r.ts());
        assertThat(feed.book(FakeBinanceVenue.SYMBOL)).isEqualTo(venue.trueBook());

        // The same candles as the replay of the same market. The feed's trades and book snapshots, as it
        // produced them, are written as the project's JSON events and replayed as recorded files are; the
        // recorded market's trades and book, as the feed sees it, are replayed the same way, with the same
        // periods and settings. Derived orders are left out of both sides: the recorded order log is
        // Bitstamp's real one, the feed's is derived from the book increments (an approximation), so the
        // order figures could not be equal. The feed here does not coalesce books (book interval zero:
        // one snapshot after each increment) and keeps 20 levels, as many as the recorded snapshots have,
        // so every trade and book figure of every 1m and 5m candle must be equal, field by field.
        Path feedMarket = Files.createDirectories(tmp.resolve("feed"));
        Files.write(feedMarket.resolve("trades.jsonl"), output.json(FeedRecord.Role.TRADES));
        Files.write(feedMarket.resolve("book.jsonl"), output.json(FeedRecord.Role.BOOK));
        Map<String, JsonNode> expected = replayCandles(recordedMarketAsTheFeedSeesIt(tmp.resolve("recorded")),
                tmp.resolve("recorded-candles.jsonl"));
        Map<String, JsonNode> actual = replayCandles(feedMarket, tmp.resolve("feed-candles.jsonl"));
        assertThat(expected).isNotEmpty();
        // the compared candles carry trade and book figures (not only empty windows)
        assertThat(expected.values()).anyMatch(c -> c.get("trades").asLong() > 0)
                .anyMatch(c -> c.get("book_snapshots").asLong() > 0 && c.get("spread_bbo").isNumber());
        assertSameCandles(actual, expected);
    }

    private JsonNode resyncAfter(Runnable fault, String reason) throws Exception {
        venue.send(300);
        sendUntilCaughtUp();
        fault.run();
        venue.send(50);
        sendUntilCaughtUp();
        venue.send(50);
        sendUntilCaughtUp();
        assertThat(feed.book(FakeBinanceVenue.SYMBOL)).isEqualTo(venue.trueBook()); // level by level
        List<String> gaps = output.json(FeedRecord.Role.GAPS);
        assertThat(gaps).hasSize(1);
        JsonNode gap = JSON.readTree(gaps.get(0));
        assertThat(gap.get("reason").asText()).isEqualTo(reason);
        assertThat(gap.get("symbol").asText()).isEqualTo(FakeBinanceVenue.SYMBOL);
        long from = gap.get("from").asLong();
        long to = gap.get("to").asLong();
        assertThat(from).isLessThan(to);
        System.out.printf("feed figure: resync after %s: %d ms from detection to the rebuilt book%n", reason,
                gap.get("resumed_at").asLong() - gap.get("detected_at").asLong());
        // nothing is produced inside the gap; the first record after it is the rebuilt book at its end
        List<FeedRecord> market = output.records.stream().filter(r -> r.role() != FeedRecord.Role.GAPS).toList();
        assertThat(market).noneMatch(r -> r.ts() > from && r.ts() < to);
        int gapAt = output.records.indexOf(output.records.stream().filter(r -> r.role() == FeedRecord.Role.GAPS)
                .findFirst().orElseThrow());
        FeedRecord rebuilt = output.records.get(gapAt - 1);
        assertThat(rebuilt.role()).isEqualTo(FeedRecord.Role.BOOK);
        assertThat(rebuilt.ts()).isEqualTo(to);
        return gap;
    }

    @Test
    void aDroppedIncrementIsASequenceBreak() throws Exception {
        startFeed(Duration.ofSeconds(5), output);
        JsonNode gap = resyncAfter(venue::dropNextIncrement, FeedGap.SEQUENCE_BREAK);
        assertThat(gap.get("stream").asText()).isEqualTo("book");
        assertThat(gap.get("snapshots").asInt()).isEqualTo(1);
    }

    @Test
    void aJumpOfUpdateIdsIsASequenceBreak() throws Exception {
        startFeed(Duration.ofSeconds(5), output);
        resyncAfter(() -> venue.jumpIds(5000), FeedGap.SEQUENCE_BREAK);
    }

    @Test
    void aDisconnectRebuildsTheBookFromAFreshSnapshot() throws Exception {
        startFeed(Duration.ofSeconds(5), output);
        JsonNode gap = resyncAfter(() -> {
            try {
                venue.disconnect();
                await(() -> venue.connections() == 2, "the feed reconnects");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, FeedGap.DISCONNECT);
        assertThat(gap.get("stream").asText()).isEqualTo("all");
    }

    @Test
    void aStalledSocketWithoutACloseIsDetectedAndReconnected() throws Exception {
        startFeed(Duration.ofMillis(400), output);
        resyncAfter(() -> {
            try {
                await(() -> venue.connections() == 2, "the feed gives up the silent connection and reconnects");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, FeedGap.STALLED);
    }

    @Test
    void aSnapshotOlderThanTheBufferedIncrementsIsFetchedAgain() throws Exception {
        startFeed(Duration.ofSeconds(5), output);
        JsonNode gap = resyncAfter(() -> {
            venue.staleSnapshots(1, 200);
            venue.dropNextIncrement();
        }, FeedGap.SEQUENCE_BREAK);
        assertThat(gap.get("snapshots").asInt()).isEqualTo(2);
    }

    @Test
    void aBrokerThatDoesNotAnswerNeverBlocksTheFeed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Properties kafka = new Properties();
            kafka.put("bootstrap.servers", "127.0.0.1:" + silent.getLocalPort());
            KafkaFeedOutput kafkaOutput = new KafkaFeedOutput(kafka, Map.of(FeedRecord.Role.TRADES, "trades",
                    FeedRecord.Role.ORDERS, "orders", FeedRecord.Role.BOOK, "book", FeedRecord.Role.GAPS, "gaps"), 500);
            try {
                startFeed(Duration.ofSeconds(5), kafkaOutput);
                long start = System.nanoTime();
                venue.sendAll();
                await(() -> feed.lastUpdateId(FakeBinanceVenue.SYMBOL) == venue.lastId(), "the feed keeps reading");
                assertThat((System.nanoTime() - start) / 1e9).isLessThan(15.0);
                assertThat(feed.book(FakeBinanceVenue.SYMBOL)).isEqualTo(venue.trueBook());
                assertThat(counters.dropped.get()).isPositive();
                feed.close();
                feed = null;
                // the backlog as gaps: one written at stop with no end, and one more each time the sender thread took
                // a record off the full queue meanwhile (it does when the producer's own buffer takes one: timing)
                assertThat(counters.gaps.get()).as("the backlog, recorded as gaps").isPositive();
            } finally {
                kafkaOutput.close(100);
            }
        }
    }
}
