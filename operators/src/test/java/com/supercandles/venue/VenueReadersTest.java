package com.supercandles.venue;

import com.supercandles.event.EventJson;
import com.supercandles.event.MarketEventSerializer;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.Side;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each format on small files written from its documentation: the events, and bad rows as dead letters with file and line. */
class VenueReadersTest {

    private static List<ParsedRecord> read(VenueFormat format, Path input, VenueOptions options) throws IOException {
        List<ParsedRecord> out = new ArrayList<>();
        try (VenueInput.Records records = VenueInput.of(format, input, options).open()) {
            ParsedRecord r;
            while ((r = records.next()) != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static void zip(Path file, String... entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry(entries[i]));
                zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void binanceSpotTradesInAZipWithoutHeaderInMicroseconds(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("BTCUSDT-trades-2025-01-02.zip");
        zip(file, "BTCUSDT-trades-2025-01-02.csv",
                "51175358,17.80180000,5.69000000,101.29224200,1735776000123456,True,True\n"
                + "51175359,17.81,0.5,8.905,1735776000200999,False,True\n"
                + "51175360,-1,0.5,8.905,1735776000300000,False,True\n"
                + "51175361,17.81,0.5,8.905,1735776000400000,maybe,True\n");
        List<ParsedRecord> records = read(VenueFormat.BINANCE_TRADES, file, VenueOptions.DEFAULTS);
        assertThat(records).hasSize(4);
        // isBuyerMaker true: the buyer rested, the seller took: side S; microseconds floor to milliseconds
        assertThat(records.get(0).event).isEqualTo(MarketEvent.trade("BTCUSDT", 1735776000123L, "51175358", 17.8018, 5.69, Side.S));
        assertThat(records.get(1).event).isEqualTo(MarketEvent.trade("BTCUSDT", 1735776000200L, "51175359", 17.81, 0.5, Side.B));
        assertThat(records.get(2).rejection.reason).isEqualTo(
                "BTCUSDT-trades-2025-01-02.zip:3: 'price' must be a finite number > 0, got -1.0");
        assertThat(records.get(2).rejection.payload).startsWith("51175360,-1,");
        assertThat(records.get(3).rejection.reason).isEqualTo(
                "BTCUSDT-trades-2025-01-02.zip:4: 'is_buyer_maker' must be true or false, got 'maybe'");
    }

    @Test
    void binanceFuturesAggTradesWithHeaderInMilliseconds(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("ETHUSDT-aggTrades-2023-05-01.csv");
        Files.writeString(file, "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
                + "26129,1800.5,4.7,27781,27783,1682899200153,true\n"
                + "26130,1800.6,1.0,27784,27784\n");
        List<ParsedRecord> records = read(VenueFormat.BINANCE_AGGTRADES, file, VenueOptions.DEFAULTS);
        assertThat(records.get(0).event).isEqualTo(MarketEvent.trade("ETHUSDT", 1682899200153L, "26129", 1800.5, 4.7, Side.S));
        assertThat(records.get(1).rejection.reason)
                .isEqualTo("ETHUSDT-aggTrades-2023-05-01.csv:3: expected 7 comma-separated columns, found 5");
    }

    @Test
    void aFileWithoutTheSymbolInItsNameOrAZipOfTwoFilesIsRefusedWithWhatToDo(@TempDir Path tmp) throws Exception {
        Path unnamed = tmp.resolve("trades.csv");
        Files.writeString(unnamed, "1,2,3,6,1682899200153,true,true\n");
        assertThatThrownBy(() -> VenueInput.of(VenueFormat.BINANCE_TRADES, unnamed, VenueOptions.DEFAULTS))
                .isInstanceOf(VenueFileException.class).hasMessageContaining("SYMBOL-trades-DATE.csv")
                .hasMessageContaining("rename the file");
        Path two = tmp.resolve("BTCUSDT-trades-2024-03-01.zip");
        zip(two, "a.csv", "1\n", "b.csv", "2\n");
        assertThatThrownBy(() -> VenueInput.of(VenueFormat.BINANCE_TRADES, two, VenueOptions.DEFAULTS))
                .hasMessageContaining("must hold exactly one CSV file, this one holds 2 [a.csv, b.csv]");
    }

    @Test
    void tardisIncrementsAreRebuiltIntoSnapshotsAndACrossedBookWaitsForTheNextSnapshot(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("deribit_incremental_book_L2_2020-04-01_BTC-PERPETUAL.csv.gz");
        String h = "deribit,BTC-PERPETUAL,";
        gzip(file, "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n"
                + h + "1585699200000000,1585699200100000,true,bid,100.0,5\n"    // line 2: a snapshot, two rows
                + h + "1585699200000000,1585699200100000,true,ask,101.0,3\n"
                + h + "1585699200500000,1585699200600000,false,bid,100.5,2\n"   // line 4: one message
                + h + "1585699201000000,1585699201100000,false,ask,101.0,0\n"   // line 5: ask removed ...
                + h + "1585699201000000,1585699201100000,false,ask,102.0,1\n"   // ... and one added: one message
                + h + "1585699202000000,1585699202100000,false,bid,103.0,1\n"   // line 7: crosses 102
                + h + "1585699203000000,1585699203100000,false,bid,99.0,1\n"    // line 8: not applied
                + h + "1585699204000000,1585699204100000,true,bid,99.0,1\n"     // line 9: a fresh book
                + h + "1585699204000000,1585699204100000,true,ask,99.5,2\n");
        List<ParsedRecord> records = read(VenueFormat.TARDIS, file, VenueOptions.DEFAULTS);
        List<String> shown = new ArrayList<>();
        for (ParsedRecord r : records) {
            shown.add(r.event != null ? EventJson.toJson(r.event) : "dead: " + r.rejection.reason);
        }
        assertThat(shown).containsExactly(
                "{\"type\":\"book\",\"symbol\":\"BTC-PERPETUAL\",\"ts\":1585699200000,\"bids\":[[100.0,5.0]],\"asks\":[[101.0,3.0]]}",
                "{\"type\":\"book\",\"symbol\":\"BTC-PERPETUAL\",\"ts\":1585699200500,\"bids\":[[100.5,2.0],[100.0,5.0]],\"asks\":[[101.0,3.0]]}",
                "{\"type\":\"book\",\"symbol\":\"BTC-PERPETUAL\",\"ts\":1585699201000,\"bids\":[[100.5,2.0],[100.0,5.0]],\"asks\":[[102.0,1.0]]}",
                "dead: deribit_incremental_book_L2_2020-04-01_BTC-PERPETUAL.csv.gz:7: the rebuilt book of BTC-PERPETUAL is"
                        + " crossed at 1585699202000: best bid 103.0 >= best ask 102.0; the book is dropped until the next full snapshot",
                "{\"type\":\"book\",\"symbol\":\"BTC-PERPETUAL\",\"ts\":1585699204000,\"bids\":[[99.0,1.0]],\"asks\":[[99.5,2.0]]}");
    }

    @Test
    void bookIntervalKeepsTheLastBookOfEachIntervalAndDepthCutsLevels() {
        List<ParsedRecord> out = new ArrayList<>();
        BookRebuilder book = new BookRebuilder("X", 1, 100, true);
        book.apply(new BookChange("X", 1000, false, false, "f:1").add(Side.B, 10, 1).add(Side.B, 9, 1), out);
        book.apply(new BookChange("X", 1050, false, false, "f:2").add(Side.B, 10, 2), out);
        assertThat(out).isEmpty(); // both in [1000, 1100)
        book.apply(new BookChange("X", 1100, false, false, "f:3").add(Side.S, 11, 4), out);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).event).isEqualTo(MarketEvent.book("X", 1050, new double[] {10}, new double[] {3},
                new double[0], new double[0]));
        book.flush(out);
        assertThat(out.get(1).event).isEqualTo(MarketEvent.book("X", 1100, new double[] {10}, new double[] {3},
                new double[] {11}, new double[] {4}));
    }

    @Test
    void aLevelGoingNegativeIsADeadLetter() {
        List<ParsedRecord> out = new ArrayList<>();
        BookRebuilder book = new BookRebuilder("X", 5, 0, true);
        book.apply(new BookChange("X", 1000, false, false, "f:1").add(Side.B, 10, 1), out);
        book.apply(new BookChange("X", 1001, false, false, "f:2").add(Side.B, 10, -1.5), out);
        assertThat(out.get(1).rejection.reason).isEqualTo("f:2: the rebuilt book of X went negative: bid level 10.0 would"
                + " hold -0.5 (1.0 changed by -1.5); the book is dropped until the next full snapshot");
        assertThat(book.isValid()).isFalse();
    }

    @Test
    void derivedOrdersPutTheRiseAndCancelTheFallTradesDoNotExplain() {
        List<ParsedRecord> out = new ArrayList<>();
        DerivedOrders derived = new DerivedOrders("X", out);
        BookRebuilder book = new BookRebuilder("X", 5, 0, true).listener(derived.levelListener());
        book.apply(new BookChange("X", 1000, true, false, "f:1").add(Side.S, 11, 5), out);
        derived.onTrade(MarketEvent.trade("X", 1001, "t1", 11, 1.5, Side.B)); // lifts 1.5 of the ask at 11
        book.apply(new BookChange("X", 1002, true, false, "f:2").add(Side.S, 11, 2), out); // down 3: 1.5 traded
        book.apply(new BookChange("X", 1003, true, false, "f:3").add(Side.S, 11, 1), out); // down 1: no trade since
        List<MarketEvent> orders = new ArrayList<>();
        out.stream().filter(r -> r.event != null && r.event.type == com.supercandles.event.EventType.ORDER)
                .forEach(r -> orders.add(r.event));
        assertThat(orders).extracting(o -> o.action + " " + o.side + " " + o.price + " " + o.qty + " " + o.derived)
                .containsExactly("PUT S 11.0 5.0 true", "CANCEL S 11.0 1.5 true", "CANCEL S 11.0 1.0 true");
        assertThat(EventJson.toJson(orders.get(1))).contains("\"action\":\"cancel\"").endsWith(",\"source\":\"derived\"}");
    }

    @Test
    void theDerivedMarkSurvivesTheSerializerAndTheJsonParserAndOldBytesReadUnmarked() throws Exception {
        MarketEvent order = MarketEvent.order("X", 1430438405647L, "7", OrderAction.CANCEL, Side.B, 1.5, 2);
        order.derived = true;
        DataOutputSerializer out = new DataOutputSerializer(64);
        MarketEventSerializer.INSTANCE.serialize(order, out);
        MarketEvent back = MarketEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(order);
        assertThat(back.derived).isTrue();
        order.derived = false;
        DataOutputSerializer plain = new DataOutputSerializer(64);
        MarketEventSerializer.INSTANCE.serialize(order, plain);
        assertThat(MarketEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(plain.getCopyOfBuffer())).derived)
                .isFalse();

        com.supercandles.event.EventParser parser = new com.supercandles.event.EventParser();
        String json = "{\"type\":\"order\",\"symbol\":\"X\",\"ts\":1430438405647,\"order_id\":\"7\",\"action\":\"cancel\","
                + "\"side\":\"B\",\"price\":1.5,\"qty\":2.0,\"source\":\"derived\"}";
        assertThat(parser.parse("orders", json).event.derived).isTrue(); // the scanner's path
        assertThat(parser.parseEvent(json).derived).isTrue();             // Jackson's path
        assertThat(parser.parse("orders", json.replace("derived", "venue")).event.derived).isFalse();
    }
}
