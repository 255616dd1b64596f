package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.supercandles.event.EventParser;
import com.supercandles.event.InvalidEventException;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property each venue format must have: the recorded Bitstamp market of 1 May 2015, written in the
 * venue's format inside the test, replays to the same candles, field for field, as the same events
 * written as the project's JSON. What is compared and why it must be equal:
 *
 * <ul>
 *   <li>Binance trades (zipped, no header; milliseconds, and microseconds in a second file): the
 *   trades with their ids, prices, quantities, times and aggressor sides ({@code isBuyerMaker} is the
 *   side's negation), so every trade figure of every candle;</li>
 *   <li>tardis trades + {@code book_snapshot_25} (gzipped): the trades and every snapshot, whose 20
 *   levels a side fit in 25, so every trade and book figure;</li>
 *   <li>tardis trades + {@code incremental_book_L2}: the first snapshot as {@code is_snapshot} rows, then
 *   each next snapshot as the level changes from the one before, one message each. The book rebuilt at
 *   depth 20 equals every recorded snapshot because the recorded book never shows more than 20 levels a
 *   side: a level that left the top 20 is removed by the increments as it left the snapshots. So the
 *   candles are equal too.</li>
 * </ul>
 * The order log is left out of both sides (a derived order log is an approximation, not the recorded one).
 */
class VenueFormatsReplayTest {
    private static final String PERIODS = "1m,5m";

    private static List<String> validLines(String file, List<MarketEvent> events) throws IOException {
        Path path = RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2015-05-01").resolve(file);
        EventParser parser = new EventParser();
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            try {
                events.add(parser.parseEvent(line));
                kept.add(line);
            } catch (InvalidEventException rejectedInBothFormats) {
                // a bad line is a dead letter in the JSON replay; the venue files leave it out
            }
        }
        return kept;
    }

    private static Map<String, JsonNode> replay(Path input, Path out, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("replay", "--input", input.toString(), "--period", PERIODS,
                "--out", out.toString(), "--depth-notional", "10000"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.code).as(run.out + run.err).isZero();
        Map<String, JsonNode> candles = new TreeMap<>();
        for (String period : PERIODS.split(",")) {
            CandleAssertions.readCandles(out, period).forEach((k, v) -> candles.put(period + " " + k, v));
        }
        return candles;
    }

    private static Path jsonMarket(Path dir, List<String> trades, List<String> book) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("trades.jsonl"), trades);
        if (book != null) {
            Files.write(dir.resolve("book.jsonl"), book);
        }
        return dir;
    }

    @Test
    void binanceTradesZipsGiveTheCandlesOfTheJsonTrades(@TempDir Path tmp) throws Exception {
        List<MarketEvent> trades = new ArrayList<>();
        List<String> tradeLines = validLines("trades.jsonl", trades);
        Path venue = Files.createDirectories(tmp.resolve("binance"));
        // two days' files of one symbol: the first in milliseconds, the second (from 03:00) in microseconds
        int split = 0;
        while (split < trades.size() && trades.get(split).ts < 1430449200000L) {
            split++;
        }
        try (Writer w = zipEntry(venue.resolve("BTCUSD-trades-2015-05-01.zip"), "BTCUSD-trades-2015-05-01.csv")) {
            for (MarketEvent t : trades.subList(0, split)) {
                w.write(binanceRow(t, t.ts));
            }
        }
        try (Writer w = zipEntry(venue.resolve("BTCUSD-trades-2015-05-02.zip"), "BTCUSD-trades-2015-05-02.csv")) {
            for (MarketEvent t : trades.subList(split, trades.size())) {
                w.write(binanceRow(t, t.ts * 1000));
            }
        }
        Files.writeString(venue.resolve("BTCUSD-trades-2015-05-01.zip.CHECKSUM"), "not read\n");
        assertThat(split).isBetween(1, trades.size() - 1);

        Map<String, JsonNode> expected = replay(jsonMarket(tmp.resolve("json"), tradeLines, null), tmp.resolve("a.jsonl"));
        Map<String, JsonNode> actual = replay(venue, tmp.resolve("b.jsonl"));
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    private static String binanceRow(MarketEvent t, long time) {
        return t.id() + "," + t.price + "," + t.qty + "," + t.price * t.qty + "," + time + ","
                + (t.side == Side.S ? "True" : "False") + ",True\n";
    }

    @Test
    void tardisTradesAndBookSnapshotsGiveTheCandlesOfTheJsonEvents(@TempDir Path tmp) throws Exception {
        List<MarketEvent> trades = new ArrayList<>();
        List<MarketEvent> books = new ArrayList<>();
        List<String> tradeLines = validLines("trades.jsonl", trades);
        List<String> bookLines = validLines("book.jsonl", books);
        Path venue = Files.createDirectories(tmp.resolve("tardis"));
        writeTardisTrades(venue.resolve("bitstamp_trades_2015-05-01_BTCUSD.csv.gz"), trades);
        try (Writer w = gzip(venue.resolve("bitstamp_book_snapshot_25_2015-05-01_BTCUSD.csv.gz"))) {
            StringBuilder header = new StringBuilder("exchange,symbol,timestamp,local_timestamp");
            for (int i = 0; i < 25; i++) {
                header.append(",asks[").append(i).append("].price,asks[").append(i).append("].amount,bids[").append(i)
                        .append("].price,bids[").append(i).append("].amount");
            }
            w.write(header + "\n");
            for (MarketEvent b : books) {
                StringBuilder row = new StringBuilder("bitstamp," + b.symbol + "," + b.ts * 1000 + "," + (b.ts * 1000 + 7));
                for (int i = 0; i < 25; i++) {
                    row.append(',').append(level(b.askPrices, i)).append(',').append(level(b.askQtys, i))
                            .append(',').append(level(b.bidPrices, i)).append(',').append(level(b.bidQtys, i));
                }
                w.write(row + "\n");
            }
        }
        Map<String, JsonNode> expected = replay(jsonMarket(tmp.resolve("json"), tradeLines, bookLines), tmp.resolve("a.jsonl"));
        Map<String, JsonNode> actual = replay(venue, tmp.resolve("b.jsonl"), "--format", "tardis");
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void tardisIncrementsRebuildTheRecordedSnapshots(@TempDir Path tmp) throws Exception {
        List<MarketEvent> trades = new ArrayList<>();
        List<MarketEvent> books = new ArrayList<>();
        List<String> tradeLines = validLines("trades.jsonl", trades);
        List<String> bookLines = validLines("book.jsonl", books);
        Path venue = Files.createDirectories(tmp.resolve("tardis"));
        writeTardisTrades(venue.resolve("bitstamp_trades_2015-05-01_BTCUSD.csv.gz"), trades);
        try (Writer w = gzip(venue.resolve("bitstamp_incremental_book_L2_2015-05-01_BTCUSD.csv.gz"))) {
            w.write("exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n");
            MarketEvent before = null;
            int message = 0;
            for (MarketEvent b : books) {
                long local = b.ts * 1000 + (message++ % 1000); // one local timestamp per message, as tardis has
                String head = "bitstamp," + b.symbol + "," + b.ts * 1000 + "," + local + ",";
                List<String> rows = new ArrayList<>();
                if (before == null) {
                    for (int i = 0; i < b.bidLevels(); i++) {
                        rows.add(head + "true,bid," + b.bidPrices[i] + "," + b.bidQtys[i]);
                    }
                    for (int i = 0; i < b.askLevels(); i++) {
                        rows.add(head + "true,ask," + b.askPrices[i] + "," + b.askQtys[i]);
                    }
                } else {
                    diff(rows, head + "false,bid,", before.bidPrices, before.bidQtys, b.bidPrices, b.bidQtys);
                    diff(rows, head + "false,ask,", before.askPrices, before.askQtys, b.askPrices, b.askQtys);
                    if (rows.isEmpty()) { // an unchanged book is still a message (a snapshot in the JSON)
                        rows.add(head + "false,bid," + b.bidPrices[0] + "," + b.bidQtys[0]);
                    }
                }
                for (String row : rows) {
                    w.write(row + "\n");
                }
                before = b;
            }
        }
        Map<String, JsonNode> expected = replay(jsonMarket(tmp.resolve("json"), tradeLines, bookLines), tmp.resolve("a.jsonl"));
        Map<String, JsonNode> actual = replay(venue, tmp.resolve("b.jsonl"), "--format", "tardis", "--book-depth", "20");
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    /** Rows setting each level whose size changed (0 for a level gone), as incremental_book_L2 has them. */
    private static void diff(List<String> rows, String head, double[] oldPrices, double[] oldQtys, double[] prices,
                             double[] qtys) {
        Map<Double, Double> old = new TreeMap<>();
        for (int i = 0; i < oldPrices.length; i++) {
            old.put(oldPrices[i], oldQtys[i]);
        }
        Map<Double, Double> now = new TreeMap<>();
        for (int i = 0; i < prices.length; i++) {
            now.put(prices[i], qtys[i]);
        }
        old.forEach((p, q) -> {
            if (!now.containsKey(p)) {
                rows.add(head + p + ",0");
            }
        });
        now.forEach((p, q) -> {
            if (!q.equals(old.get(p))) {
                rows.add(head + p + "," + q);
            }
        });
    }

    private static String level(double[] values, int i) {
        return values != null && i < values.length ? Double.toString(values[i]) : "";
    }

    private static void writeTardisTrades(Path file, List<MarketEvent> trades) throws IOException {
        try (Writer w = gzip(file)) {
            w.write("exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n");
            for (MarketEvent t : trades) {
                w.write("bitstamp," + t.symbol + "," + t.ts * 1000 + "," + (t.ts * 1000 + 5) + "," + t.id() + ","
                        + (t.side == Side.B ? "buy" : "sell") + "," + t.price + "," + t.qty + "\n");
            }
        }
    }

    private static Writer gzip(Path file) throws IOException {
        return new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8);
    }

    private static Writer zipEntry(Path file, String entry) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file));
        zip.putNextEntry(new ZipEntry(entry));
        OutputStream entryStream = zip;
        return new OutputStreamWriter(entryStream, StandardCharsets.UTF_8);
    }
}
