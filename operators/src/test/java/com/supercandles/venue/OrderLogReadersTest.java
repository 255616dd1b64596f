package com.supercandles.venue;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * LOBSTER, the MOEX full order log and Databento MBO on small files written by hand from their
 * documentation: each record in order (events, the book after each message, dead letters with file,
 * line and reason), the expected books worked out by hand beside the rows.
 */
class OrderLogReadersTest {
    /** Midnight of 2012-06-21 in New York (EDT, UTC-4): 04:00 UTC. */
    private static final long NY_20120621 = 1340251200000L;
    /** 2015-03-02 10:00:00 in Moscow (UTC+3): 07:00 UTC. */
    private static final long MSK_20150302_10 = 1425279600000L;

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

    private static MarketEvent book(String symbol, long ts, double[][] bids, double[][] asks) {
        double[] bp = new double[bids.length];
        double[] bq = new double[bids.length];
        double[] ap = new double[asks.length];
        double[] aq = new double[asks.length];
        for (int i = 0; i < bids.length; i++) {
            bp[i] = bids[i][0];
            bq[i] = bids[i][1];
        }
        for (int i = 0; i < asks.length; i++) {
            ap[i] = asks[i][0];
            aq[i] = asks[i][1];
        }
        return MarketEvent.book(symbol, ts, bp, bq, ap, aq);
    }

    private static double[][] levels(double... priceQty) {
        double[][] l = new double[priceQty.length / 2][];
        for (int i = 0; i < l.length; i++) {
            l[i] = new double[] {priceQty[2 * i], priceQty[2 * i + 1]};
        }
        return l;
    }

    private static final double[][] NONE = new double[0][];

    private static void assertRecords(List<ParsedRecord> actual, Object... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] instanceof MarketEvent) {
                assertThat(actual.get(i).event).as("record %d", i).isEqualTo(expected[i]);
            } else {
                assertThat(actual.get(i).rejection).as("record %d: %s", i, actual.get(i).event).isNotNull();
                assertThat(actual.get(i).rejection.reason).as("record %d", i).isEqualTo(expected[i]);
            }
        }
    }

    // ---- LOBSTER

    private static final String LOBSTER_MESSAGES = String.join("\n",
            "34200.004241176,1,16113575,18,5853300,1", // put, buy 18 @ 585.33
            "34200.025552316,1,16120456,18,5859100,-1", // put, sell 18 @ 585.91
            "34200.201743410,3,16085716,100,5859400,-1", // deletion: cancel 100 @ 585.94
            "34200.201880280,4,16120456,10,5859100,-1", // the sell order executed: a buyer took it
            "34200.5,5,0,50,5855000,1", // a hidden buy order executed: a seller took it
            "34201.000000000,6,0,400,5856000,1", // a cross: no aggressor
            "34201.5,7,0,0,-1,-1", // halt: no event, the book row repeats the book
            "34202,2,16113575,8,5853300,1", // partial cancellation of 8 of the 18
            "34203.25,9,1,1,5853300,1", // no such type
            "34204,1,x,1,abc,1") + "\n";
    private static final String LOBSTER_BOOK = String.join("\n",
            "5859400,200,5853300,18,5859600,100,5853000,150",
            "5859100,18,5853300,18,5859400,200,5853000,150",
            "5859100,18,5853300,18,5859400,100,5853000,150",
            "5859100,8,5853300,18,5859400,100,5853000,150",
            "5859100,8,5853300,18,5859400,100,5853000,150",
            "5859100,8,5853300,18,5859400,100,5853000,150",
            "5859100,8,5853300,18,5859400,100,5853000,150",
            "5859100,8,5853300,10,5859400,100,5853000,150",
            "9999999999,0,5853300,10,9999999999,0,-9999999999,0",
            "5859100,8,5853300,10,5859400,100,5853000,150") + "\n";

    private static Path lobsterDay(Path dir, String messages, String book) throws IOException {
        Path m = dir.resolve("AAPL_2012-06-21_34200000_57600000_message_2.csv");
        Files.writeString(m, messages);
        if (book != null) {
            Files.writeString(dir.resolve("AAPL_2012-06-21_34200000_57600000_orderbook_2.csv"), book);
        }
        return m;
    }

    @Test
    void lobsterMessagesAreTheOrderLogAndTradesAndEachBookRowASnapshot(@TempDir Path tmp) throws Exception {
        lobsterDay(tmp, LOBSTER_MESSAGES, LOBSTER_BOOK);
        assertThat(VenueInput.detect(tmp)).isEqualTo(VenueFormat.LOBSTER);
        List<ParsedRecord> records = read(VenueFormat.LOBSTER, tmp, VenueOptions.DEFAULTS);
        long t = NY_20120621;
        double[][] bids = levels(585.33, 18, 585.3, 150);
        String file = "AAPL_2012-06-21_34200000_57600000_message_2.csv";
        assertRecords(records,
                MarketEvent.order("AAPL", t + 34200004, "16113575", OrderAction.PUT, Side.B, 585.33, 18),
                book("AAPL", t + 34200004, bids, levels(585.94, 200, 585.96, 100)),
                MarketEvent.order("AAPL", t + 34200025, "16120456", OrderAction.PUT, Side.S, 585.91, 18),
                book("AAPL", t + 34200025, bids, levels(585.91, 18, 585.94, 200)),
                MarketEvent.order("AAPL", t + 34200201, "16085716", OrderAction.CANCEL, Side.S, 585.94, 100),
                book("AAPL", t + 34200201, bids, levels(585.91, 18, 585.94, 100)),
                MarketEvent.trade("AAPL", t + 34200201, "20120621-4", 585.91, 10, Side.B),
                book("AAPL", t + 34200201, bids, levels(585.91, 8, 585.94, 100)),
                MarketEvent.trade("AAPL", t + 34200500, "20120621-5", 585.5, 50, Side.S),
                book("AAPL", t + 34200500, bids, levels(585.91, 8, 585.94, 100)),
                file + ":6: Type 6 is a cross (auction) trade, which has no aggressor: the contract needs one",
                book("AAPL", t + 34201000, bids, levels(585.91, 8, 585.94, 100)),
                book("AAPL", t + 34201500, bids, levels(585.91, 8, 585.94, 100)),
                MarketEvent.order("AAPL", t + 34202000, "16113575", OrderAction.CANCEL, Side.B, 585.33, 8),
                book("AAPL", t + 34202000, levels(585.33, 10, 585.3, 150), levels(585.91, 8, 585.94, 100)),
                file + ":9: 'Type' must be 1 to 7 (LOBSTER's event types), got 9",
                book("AAPL", t + 34203250, levels(585.33, 10), NONE), // dummy prices: empty levels
                file + ":10: 'Price' must be an integer, got 'abc'",
                book("AAPL", t + 34204000, levels(585.33, 10, 585.3, 150), levels(585.91, 8, 585.94, 100)));
    }

    @Test
    void lobsterBooksFollowBookDepthAndBookInterval(@TempDir Path tmp) throws Exception {
        Path m = lobsterDay(tmp, LOBSTER_MESSAGES, LOBSTER_BOOK);
        List<MarketEvent> books = new ArrayList<>();
        for (ParsedRecord r : read(VenueFormat.LOBSTER, m, new VenueOptions(1, 1000, false))) {
            if (r.event != null && r.event.type == com.supercandles.event.EventType.BOOK) {
                books.add(r.event);
            }
        }
        long t = NY_20120621;
        // one a second, the book after the last message of each second, one level a side
        assertThat(books).containsExactly(
                book("AAPL", t + 34200500, levels(585.33, 18), levels(585.91, 8)),
                book("AAPL", t + 34201500, levels(585.33, 18), levels(585.91, 8)),
                book("AAPL", t + 34202000, levels(585.33, 10), levels(585.91, 8)),
                book("AAPL", t + 34203250, levels(585.33, 10), NONE),
                book("AAPL", t + 34204000, levels(585.33, 10), levels(585.91, 8)));
    }

    @Test
    void lobsterFilesOutOfStepOrUnpairedOrMisnamedSayWhat(@TempDir Path tmp) throws Exception {
        Path lonely = lobsterDay(Files.createDirectories(tmp.resolve("lonely")), LOBSTER_MESSAGES, null);
        assertThatThrownBy(() -> VenueInput.of(VenueFormat.LOBSTER, lonely, VenueOptions.DEFAULTS))
                .hasMessageContaining("AAPL_2012-06-21_34200000_57600000_orderbook_2.csv is missing: put it beside "
                        + "AAPL_2012-06-21_34200000_57600000_message_2.csv");
        Path misnamed = Files.writeString(tmp.resolve("aapl_message.csv"), LOBSTER_MESSAGES);
        assertThatThrownBy(() -> VenueInput.of(VenueFormat.LOBSTER, misnamed, VenueOptions.DEFAULTS))
                .hasMessageContaining("must look like TICKER_DATE_START_END_message_N.csv");

        Path dir = Files.createDirectories(tmp.resolve("short"));
        lobsterDay(dir, "34200.1,1,1,5,5853300,1\n34200.2,1,2,5,5859100,-1\n", "9999999999,0,5853300,5,9999999999,0,-9999999999,0\n");
        List<ParsedRecord> records = read(VenueFormat.LOBSTER, dir, VenueOptions.DEFAULTS);
        assertThat(records).hasSize(4);
        assertThat(records.get(3).rejection.reason).isEqualTo("AAPL_2012-06-21_34200000_57600000_message_2.csv:2: the"
                + " orderbook file ends before the message file: this message has no book row (the two files of a day"
                + " have one row per message)");
        // the orderbook file given as the input stands for its day
        Path book = dir.resolve("AAPL_2012-06-21_34200000_57600000_orderbook_2.csv");
        assertThat(VenueInput.of(VenueFormat.LOBSTER, book, VenueOptions.DEFAULTS).filesRead())
                .containsExactly(dir.resolve("AAPL_2012-06-21_34200000_57600000_message_2.csv"), book);
    }

    // ---- MOEX full order log

    @Test
    void moexOrderLogGivesOrdersTradesWithTheLaterOrderAsAggressorAndTheReplayedBook(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("OrderLog20150302.txt"), String.join("\n",
                "NO,SECCODE,BUYSELL,TIME,ORDERNO,ACTION,PRICE,VOLUME,TRADENO,TRADEPRICE",
                "1,SBER,B,100000000,1,1,70.5,10,,",
                "2,SBER,S,100000001,2,1,70.6,5,,",
                "3,SBER,S,100000500,3,1,70.5,4,,", // an aggressive sell, matched at once: one message with its fills
                "4,SBER,S,100000500,3,2,70.5,4,5001,70.5",
                "5,SBER,B,100000500,1,2,70.5,4,5001,70.5",
                "6,SBER,B,100001000,1,0,70.5,6,,", // the rest of order 1 withdrawn
                "7,SBER,B,100001000,4,1,0,3,,", // a market order
                "8,SBER,B,100001000,4,2,0,3,5002,70.6",
                "9,SBER,S,100001000,2,2,70.6,3,5002,70.6",
                "10,SBER,B,1000020,5,1,70.4,1,,", // another layout
                "11,SBER,X,100003000,6,1,70.4,1,,",
                "12,SBER,S,100004000,7,2,70.6,1,5003,70.6") + "\n"); // half a trade
        assertThat(VenueInput.detect(file)).isEqualTo(VenueFormat.MOEX_ORDERLOG);
        long t = MSK_20150302_10;
        String f = "OrderLog20150302.txt";
        assertRecords(read(VenueFormat.MOEX_ORDERLOG, file, VenueOptions.DEFAULTS),
                MarketEvent.order("SBER", t, "1", OrderAction.PUT, Side.B, 70.5, 10),
                book("SBER", t, levels(70.5, 10), NONE),
                MarketEvent.order("SBER", t + 1, "2", OrderAction.PUT, Side.S, 70.6, 5),
                book("SBER", t + 1, levels(70.5, 10), levels(70.6, 5)),
                MarketEvent.order("SBER", t + 500, "3", OrderAction.PUT, Side.S, 70.5, 4),
                MarketEvent.trade("SBER", t + 500, "5001", 70.5, 4, Side.S), // order 3 came after order 1
                book("SBER", t + 500, levels(70.5, 6), levels(70.6, 5)),
                MarketEvent.order("SBER", t + 1000, "1", OrderAction.CANCEL, Side.B, 70.5, 6),
                f + ":8: a market order (PRICE 0): the contract's order log holds limit orders; its trades are read from"
                        + " its ACTION 2 rows",
                MarketEvent.trade("SBER", t + 1000, "5002", 70.6, 3, Side.B), // the market order came later
                book("SBER", t + 1000, NONE, levels(70.6, 2)),
                f + ":11: 'TIME' 1000020 is not in this file's layout HHMMSSmmm (told by line 2)",
                f + ":12: 'BUYSELL' must be B or S, got 'X'",
                book("SBER", t + 4000, NONE, levels(70.6, 1)),
                f + ":13: its trade has one row in the file: the aggressor is told by the pair of rows (buy and sell)"
                        + " of one TRADENO");
    }

    @Test
    void moexTimeLayoutsAreToldPerFileAndTheDateComesFromTheNameOrTheTime(@TempDir Path tmp) throws Exception {
        // no header, microseconds, a morning hour without its leading zero
        Path micro = Files.writeString(tmp.resolve("orderlog_2015-03-02.csv"),
                "1,GAZP,B,95959123456,1,1,150.1,2,,\n2,GAZP,B,100000000001,2,1,150.2,1,,\n");
        List<ParsedRecord> records = read(VenueFormat.MOEX_ORDERLOG, micro, VenueOptions.DEFAULTS);
        assertThat(records.get(0).event.ts).isEqualTo(MSK_20150302_10 - 1000 + 123);
        assertThat(records.get(2).event.ts).isEqualTo(MSK_20150302_10);
        // a full TIME carries the date: the name needs none; 2014-06-02 was UTC+4 in Moscow
        Path dated = Files.writeString(tmp.resolve("log.csv"), "1,GAZP,S,20140602100000250,1,1,150.1,2,,\n");
        assertThat(read(VenueFormat.MOEX_ORDERLOG, dated, VenueOptions.DEFAULTS).get(0).event.ts)
                .isEqualTo(1401688800250L);
        Path undated = Files.writeString(tmp.resolve("log2.csv"), "1,GAZP,S,100000250,1,1,150.1,2,,\n");
        assertThatThrownBy(() -> VenueInput.of(VenueFormat.MOEX_ORDERLOG, undated, VenueOptions.DEFAULTS))
                .hasMessageContaining("the date of a MOEX order log is read from its name (YYYYMMDD in it, e.g."
                        + " OrderLog20150302.txt) or from a TIME that holds it (YYYYMMDDHHMMSS...); this file's name has"
                        + " none and its first TIME is '100000250': rename the file with its date");
        Path strange = Files.writeString(tmp.resolve("OrderLog20150302.csv"), "1,GAZP,S,10:00:00,1,1,150.1,2,,\n");
        assertThat(read(VenueFormat.MOEX_ORDERLOG, strange, VenueOptions.DEFAULTS).get(0).rejection.reason)
                .isEqualTo("OrderLog20150302.csv:1: 'TIME' 10:00:00 matches no layout of the MOEX order log: HHMMSS,"
                        + " HHMMSSmmm, HHMMSSffffff, YYYYMMDDHHMMSS, YYYYMMDDHHMMSSmmm, YYYYMMDDHHMMSSffffff (Moscow time)");
    }

    // ---- Databento MBO

    private static final String MBO_HEADER = "ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,price,size,"
            + "channel_id,order_id,flags,ts_in_delta,sequence";

    @Test
    void databentoMboAddsCancelsModifiesClearsAndTradesWithoutCountingFillsTwice(@TempDir Path tmp) throws Exception {
        long s = 1709301600L; // 2024-03-01 14:00:00 UTC
        Path file = Files.writeString(tmp.resolve("xnas-itch-20240301.mbo.csv"), String.join("\n", MBO_HEADER,
                // a snapshot: R then adds flagged F_SNAPSHOT (32) and F_BAD_TS_RECV (8), the last one F_LAST (128)
                s + "000000000," + s + "000000000,160,2,5602,R,N,9223372036854775807,0,0,0,40,0,0",
                s + "000000000," + s + "000000000,160,2,5602,A,B,100250000000,10,0,11,40,0,0",
                s + "000000000," + s + "000000000,160,2,5602,A,A,100500000000,7,0,12,168,0,0",
                (s + 1) + "000100000," + (s + 1) + "000000000,160,2,5602,A,B,100300000000,5,0,13,128,0,1",
                // an aggressive sell of 3 takes order 13: T (the aggressor), F (the resting order), C (out of the book)
                (s + 2) + "000000000," + (s + 2) + "000000000,160,2,5602,T,A,100300000000,3,0,0,0,0,2",
                (s + 2) + "000000000," + (s + 2) + "000000000,160,2,5602,F,B,100300000000,3,0,13,0,0,3",
                (s + 2) + "000000000," + (s + 2) + "000000000,160,2,5602,C,B,100300000000,3,0,13,128,0,4",
                (s + 3) + "000000000," + (s + 3) + "000000000,160,2,5602,M,B,100350000000,2,0,13,128,0,5",
                (s + 4) + "000000000," + (s + 4) + "000000000,160,2,5602,C,A,100500000000,4,0,12,128,0,6",
                (s + 5) + "000000000," + (s + 5) + "000000000,160,2,5602,T,N,100500000000,1,0,0,128,0,7",
                (s + 6) + "000000000," + (s + 6) + "000000000,160,2,5602,X,B,100500000000,1,0,0,128,0,8") + "\n");
        assertThat(VenueInput.detect(file)).isEqualTo(VenueFormat.DATABENTO_MBO);
        long t = s * 1000;
        String f = "xnas-itch-20240301.mbo.csv";
        assertRecords(read(VenueFormat.DATABENTO_MBO, file, VenueOptions.DEFAULTS),
                book("5602", t, levels(100.25, 10), levels(100.5, 7)), // the snapshot's adds are no order flow
                MarketEvent.order("5602", t + 1000, "13", OrderAction.PUT, Side.B, 100.3, 5),
                book("5602", t + 1000, levels(100.3, 5, 100.25, 10), levels(100.5, 7)),
                MarketEvent.trade("5602", t + 2000, (s + 2) + "000000000-6", 100.3, 3, Side.S),
                book("5602", t + 2000, levels(100.3, 2, 100.25, 10), levels(100.5, 7)), // the fill's C: no cancel
                MarketEvent.order("5602", t + 3000, "13", OrderAction.CANCEL, Side.B, 100.3, 2),
                MarketEvent.order("5602", t + 3000, "13", OrderAction.PUT, Side.B, 100.35, 2),
                book("5602", t + 3000, levels(100.35, 2, 100.25, 10), levels(100.5, 7)),
                MarketEvent.order("5602", t + 4000, "12", OrderAction.CANCEL, Side.S, 100.5, 4),
                book("5602", t + 4000, levels(100.35, 2, 100.25, 10), levels(100.5, 3)),
                f + ":11: 'side' must be B (bid) or A (ask) for a trade, whose side is the aggressor's (the contract"
                        + " needs one), got 'N'",
                f + ":12: 'action' must be one of A, C, M, R, T, F, N, got 'X'");
    }

    @Test
    void databentoPrettyPricesAndTimesAndASymbolColumnAreRead(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("glbx.csv"), String.join("\n", MBO_HEADER + ",symbol",
                "2024-03-01T14:00:00.000000000Z,2024-03-01T14:00:00.000000000Z,160,1,42,A,A,5100.250000000,2,0,9,128,0,1,ESH4",
                "2024-03-01T14:00:00.100000000Z,2024-03-01T14:00:00.050000000Z,160,1,42,T,B,5100.250000000,1,0,0,0,0,2,ESH4")
                + "\n");
        List<ParsedRecord> records = read(VenueFormat.DATABENTO_MBO, file, VenueOptions.DEFAULTS);
        long t = 1709301600000L;
        assertRecords(records,
                MarketEvent.order("ESH4", t, "9", OrderAction.PUT, Side.S, 5100.25, 2),
                book("ESH4", t, NONE, levels(5100.25, 2)),
                MarketEvent.trade("ESH4", t + 50, "2024-03-01T14:00:00.050000000Z-3", 5100.25, 1, Side.B));
        assertThat(records.get(2).event.ingestTime).isEqualTo(t + 100);
    }
}
