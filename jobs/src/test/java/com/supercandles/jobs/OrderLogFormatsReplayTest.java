package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.supercandles.event.EventJson;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property of {@link VenueFormatsReplayTest} for the order-log formats: the recorded Bitstamp market
 * of 1 May 2015, written in the format inside the test, replays to the same candles, field for field, as
 * JSON events the test derives on its own. Quantities are written in satoshis (1e-8 BTC) on both sides,
 * since these formats count whole shares or lots.
 *
 * <ul>
 *   <li><b>LOBSTER</b>: every recorded trade is an execution (Direction the opposite of the aggressor),
 *   every recorded order a submission (put) or deletion (cancel); the orderbook row of each message is the
 *   recorded book as it stood at that message (the last snapshot at or before it; none yet: empty). The
 *   JSON side is the same trades (ids {@code DATE-LINE}, as LOBSTER numbers none), orders, and one
 *   snapshot per message. So every trade, order and book figure must be equal.</li>
 *   <li><b>MOEX order log</b> and <b>Databento MBO</b>: a book rebuilt from Bitstamp's order log cannot
 *   equal Bitstamp's snapshots (the recorded log misses orders placed before the day, and puts that
 *   would have matched), so the test writes a consistent log from it: a put is kept when it does not
 *   cross the book the test keeps, a cancel when its order is live (the size left), and each trade is a
 *   resting order put at its price and taken at once (MOEX: the aggressor's put and the pair of ACTION 2
 *   rows; Databento: A, then T, F and the C that takes the size out). The JSON side is the events the
 *   test wrote and, after each millisecond's rows, the top 20 levels of the book the test keeps in its own
 *   maps: the reader's replay through BookRebuilder must give the same books, trades and orders.</li>
 * </ul>
 */
class OrderLogFormatsReplayTest {
    private static final double SATOSHI = 1e8;
    private static final int DEPTH = 20;

    private static long lots(double qty) {
        return Math.round(qty * SATOSHI);
    }

    private static List<MarketEvent> recorded(String file) throws IOException {
        List<MarketEvent> events = new ArrayList<>();
        VenueFormatsReplayTest.validLines(file, events);
        return events;
    }

    /** Trades and orders in time order, trades first at equal times (the order a venue file lists them in). */
    private static List<MarketEvent> tradesAndOrders() throws IOException {
        List<MarketEvent> events = new ArrayList<>(recorded("trades.jsonl"));
        events.addAll(recorded("orders.jsonl"));
        events.sort(Comparator.comparingLong((MarketEvent e) -> e.ts).thenComparing(e -> e.type.ordinal()));
        return events;
    }

    private static MarketEvent inLots(MarketEvent e, String id) {
        MarketEvent copy = e.type == com.supercandles.event.EventType.TRADE
                ? MarketEvent.trade(e.symbol, e.ts, id, e.price, lots(e.qty), e.side)
                : MarketEvent.order(e.symbol, e.ts, id, e.action, e.side, e.price, lots(e.qty));
        return copy;
    }

    private static MarketEvent bookInLots(MarketEvent b, long ts) {
        double[] bq = new double[b.bidLevels()];
        double[] aq = new double[b.askLevels()];
        for (int i = 0; i < bq.length; i++) {
            bq[i] = lots(b.bidQtys[i]);
        }
        for (int i = 0; i < aq.length; i++) {
            aq[i] = lots(b.askQtys[i]);
        }
        return MarketEvent.book(b.symbol, ts, b.bidPrices.clone(), bq, b.askPrices.clone(), aq);
    }

    private static Path json(Path dir, List<MarketEvent> trades, List<MarketEvent> orders, List<MarketEvent> books)
            throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("trades.jsonl"), trades.stream().map(EventJson::toJson).toList());
        Files.write(dir.resolve("orders.jsonl"), orders.stream().map(EventJson::toJson).toList());
        Files.write(dir.resolve("book.jsonl"), books.stream().map(EventJson::toJson).toList());
        return dir;
    }

    private static void assertSameCandles(Path tmp, Path json, Path venue, String format) throws IOException {
        Map<String, JsonNode> expected = VenueFormatsReplayTest.replay(json, tmp.resolve("a.jsonl"));
        Map<String, JsonNode> actual = VenueFormatsReplayTest.replay(venue, tmp.resolve("b.jsonl"), "--format", format,
                "--book-depth", Integer.toString(DEPTH));
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected);
    }

    private static long priceTimes(double price, double unit) {
        long scaled = Math.round(price * unit);
        assertThat(scaled / unit).as("price %s in units of 1/%s", price, unit).isEqualTo(price);
        return scaled;
    }

    /** The recorded day as a LOBSTER day in {@code tmp/lobster}, and the same market as JSON events in {@code tmp/json}. */
    static Path[] lobsterDayAndItsJson(Path tmp) throws IOException {
        List<MarketEvent> events = tradesAndOrders();
        List<MarketEvent> books = recorded("book.jsonl");
        // New York midnight of 30 April: Bitstamp's UTC day is 20:00 to 20:00 there, written as seconds after it
        LocalDate date = LocalDate.of(2015, 4, 30);
        long midnight = date.atStartOfDay(ZoneId.of("America/New_York")).toInstant().toEpochMilli();
        Path venue = Files.createDirectories(tmp.resolve("lobster"));
        List<MarketEvent> trades = new ArrayList<>();
        List<MarketEvent> orders = new ArrayList<>();
        List<MarketEvent> snapshots = new ArrayList<>();
        MarketEvent empty = MarketEvent.book("BTCUSD", 0, new double[0], new double[0], new double[0], new double[0]);
        try (Writer messages = Files.newBufferedWriter(venue.resolve("BTCUSD_2015-04-30_0_172800000_message_20.csv"));
             Writer book = Files.newBufferedWriter(venue.resolve("BTCUSD_2015-04-30_0_172800000_orderbook_20.csv"))) {
            int b = -1;
            int line = 0;
            for (MarketEvent e : events) {
                line++;
                while (b + 1 < books.size() && books.get(b + 1).ts <= e.ts) {
                    b++;
                }
                long ms = e.ts - midnight;
                String time = (ms / 1000) + "." + String.format("%03d", ms % 1000);
                boolean trade = e.type == com.supercandles.event.EventType.TRADE;
                int type = trade ? 4 : e.action == OrderAction.PUT ? 1 : 3;
                Side resting = trade ? (e.side == Side.B ? Side.S : Side.B) : e.side;
                messages.write(time + "," + type + "," + (trade ? "0" : e.id()) + "," + lots(e.qty) + ","
                        + priceTimes(e.price, 10_000) + "," + (resting == Side.B ? 1 : -1) + "\n");
                if (trade) {
                    trades.add(inLots(e, "20150430-" + line));
                } else {
                    orders.add(inLots(e, e.id()));
                }
                MarketEvent now = b < 0 ? empty : books.get(b);
                book.write(lobsterBookRow(now) + "\n");
                snapshots.add(bookInLots(now, e.ts));
            }
        }
        assertThat(trades).isNotEmpty();
        return new Path[] {venue, json(tmp.resolve("json"), trades, orders, snapshots)};
    }

    @Test
    void lobsterDayGivesTheCandlesOfTheSameMarketAsJson(@TempDir Path tmp) throws Exception {
        Path[] day = lobsterDayAndItsJson(tmp);
        assertSameCandles(tmp, day[1], day[0], "lobster");
        // the venue's own order log: deriving one is refused, with why
        CliRun derived = CliRun.of("replay", "--input", day[0].toString(), "--out", tmp.resolve("c.jsonl").toString(),
                "--orders", "derived");
        assertThat(derived.code).isEqualTo(2);
        assertThat(derived.err).contains("--orders does not apply to --format lobster (its files hold the venue's own"
                + " order log): it applies to formats with level increments and no order log (tardis)");
    }

    /** backtest --format: the strategies' records of a LOBSTER day equal those of the same market as JSON events. */
    @Test
    void backtestOfALobsterDayGivesTheRecordsOfTheSameMarketAsJson(@TempDir Path tmp) throws Exception {
        Path[] day = lobsterDayAndItsJson(tmp);
        String[] common = {"--period", "1m", "--depth-notional", "10000", "--signal.cancels.window", "20"};
        CliRun json = CliRun.of(concat(new String[] {"backtest", "--input", day[1].toString(), "--out",
                tmp.resolve("from-json").toString()}, common));
        assertThat(json.code).as(json.err).isZero();
        CliRun lobster = CliRun.of(concat(new String[] {"backtest", "--format", "lobster", "--input", day[0].toString(),
                "--out", tmp.resolve("from-lobster").toString()}, common));
        assertThat(lobster.code).as(lobster.err).isZero();
        List<String> expected = sorted(tmp.resolve("from-json/signals.jsonl"));
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(sorted(tmp.resolve("from-lobster/signals.jsonl"))).isEqualTo(expected);
        assertThat(lobster.out).contains("BTCUSD 1m:");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static List<String> sorted(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.sort(null);
        return lines;
    }

    private static String lobsterBookRow(MarketEvent b) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < DEPTH; i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(i < b.askLevels() ? priceTimes(b.askPrices[i], 10_000) + "," + lots(b.askQtys[i]) : "9999999999,0");
            row.append(',');
            row.append(i < b.bidLevels() ? priceTimes(b.bidPrices[i], 10_000) + "," + lots(b.bidQtys[i]) : "-9999999999,0");
        }
        return row.toString();
    }

    /** One row of the consistent order log the test writes: a put, a cancel, or a trade against a fresh resting order. */
    private static final class Op {
        final MarketEvent event; // the put, the cancel (qty: the size left) or the trade
        final String passiveId;
        final String aggressorId;

        Op(MarketEvent event, String passiveId, String aggressorId) {
            this.event = event;
            this.passiveId = passiveId;
            this.aggressorId = aggressorId;
        }
    }

    /** The consistent log, the book after each millisecond of it (top 20 a side), kept in the test's own maps. */
    private static final class ConsistentLog {
        final List<Op> ops = new ArrayList<>();
        final List<MarketEvent> books = new ArrayList<>();
        private final Map<String, MarketEvent> live = new HashMap<>();
        private final TreeMap<Double, Long> bids = new TreeMap<>(Collections.reverseOrder());
        private final TreeMap<Double, Long> asks = new TreeMap<>();
        private long synthetic = 900_000_000L;

        ConsistentLog(List<MarketEvent> events) {
            for (MarketEvent e : events) {
                if (e.type == com.supercandles.event.EventType.TRADE) {
                    MarketEvent t = inLots(e, e.id());
                    ops.add(new Op(t, Long.toString(synthetic++), Long.toString(synthetic++)));
                    after(t.ts); // the resting order and its taker net to nothing, but the millisecond has rows
                    continue;
                }
                MarketEvent o = inLots(e, e.id());
                if (o.action == OrderAction.PUT && !live.containsKey(o.id()) && !crosses(o)) {
                    live.put(o.id(), o);
                    level(o.side).merge(o.price, (long) o.qty, Long::sum);
                    ops.add(new Op(o, null, null));
                } else if (o.action == OrderAction.CANCEL && live.containsKey(o.id())) {
                    MarketEvent put = live.remove(o.id());
                    MarketEvent cancel = MarketEvent.order(o.symbol, o.ts, o.id(), OrderAction.CANCEL, put.side, put.price,
                            put.qty);
                    long left = level(put.side).merge(put.price, -(long) put.qty, Long::sum);
                    if (left == 0) {
                        level(put.side).remove(put.price);
                    }
                    ops.add(new Op(cancel, null, null));
                } else {
                    continue; // left out of the log
                }
                after(o.ts);
            }
            // a snapshot after each millisecond with rows: the book after its last row
            for (int i = 0; i < ops.size(); i++) {
                if (i + 1 == ops.size() || ops.get(i + 1).event.ts != ops.get(i).event.ts) {
                    books.add(snapshotsAt.get(ops.get(i).event.ts));
                }
            }
        }

        private final Map<Long, MarketEvent> snapshotsAt = new HashMap<>();

        private void after(long ts) {
            snapshotsAt.put(ts, snapshot(ts)); // the last row of a millisecond wins
        }

        private boolean crosses(MarketEvent put) {
            return put.side == Side.B ? !asks.isEmpty() && put.price >= asks.firstKey()
                    : !bids.isEmpty() && put.price <= bids.firstKey();
        }

        private TreeMap<Double, Long> level(Side side) {
            return side == Side.B ? bids : asks;
        }

        private MarketEvent snapshot(long ts) {
            double[][] b = top(bids);
            double[][] a = top(asks);
            return MarketEvent.book("BTCUSD", ts, b[0], b[1], a[0], a[1]);
        }

        private static double[][] top(TreeMap<Double, Long> levels) {
            int n = Math.min(DEPTH, levels.size());
            double[][] out = {new double[n], new double[n]};
            int i = 0;
            for (Map.Entry<Double, Long> l : levels.entrySet()) {
                if (i == n) {
                    break;
                }
                out[0][i] = l.getKey();
                out[1][i++] = l.getValue();
            }
            return out;
        }
    }

    @Test
    void moexOrderLogGivesTheCandlesOfTheSameConsistentMarketAsJson(@TempDir Path tmp) throws Exception {
        ConsistentLog log = new ConsistentLog(tradesAndOrders());
        DateTimeFormatter full = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneId.of("Europe/Moscow"));
        Path venue = Files.createDirectories(tmp.resolve("moex"));
        List<MarketEvent> trades = new ArrayList<>();
        List<MarketEvent> orders = new ArrayList<>();
        // no date in the name: the full TIME (YYYYMMDDHHMMSSmmm, Moscow) carries it; no header
        try (Writer w = Files.newBufferedWriter(venue.resolve("orderlog-bitstamp.csv"))) {
            long no = 0;
            for (Op op : log.ops) {
                MarketEvent e = op.event;
                String time = full.format(java.time.Instant.ofEpochMilli(e.ts));
                if (e.type == com.supercandles.event.EventType.ORDER) {
                    w.write(++no + ",BTCUSD," + e.side + "," + time + "," + e.id() + "," + (e.action == OrderAction.PUT ? 1 : 0)
                            + "," + e.price + "," + (long) e.qty + ",,\n");
                    orders.add(e);
                    continue;
                }
                Side passive = e.side == Side.B ? Side.S : Side.B;
                long q = (long) e.qty;
                w.write(++no + ",BTCUSD," + passive + "," + time + "," + op.passiveId + ",1," + e.price + "," + q + ",,\n");
                w.write(++no + ",BTCUSD," + e.side + "," + time + "," + op.aggressorId + ",1," + e.price + "," + q + ",,\n");
                w.write(++no + ",BTCUSD," + e.side + "," + time + "," + op.aggressorId + ",2," + e.price + "," + q + ","
                        + e.id() + "," + e.price + "\n");
                w.write(++no + ",BTCUSD," + passive + "," + time + "," + op.passiveId + ",2," + e.price + "," + q + ","
                        + e.id() + "," + e.price + "\n");
                orders.add(MarketEvent.order("BTCUSD", e.ts, op.passiveId, OrderAction.PUT, passive, e.price, q));
                orders.add(MarketEvent.order("BTCUSD", e.ts, op.aggressorId, OrderAction.PUT, e.side, e.price, q));
                trades.add(e);
            }
        }
        assertThat(trades).isNotEmpty();
        assertThat(log.books).hasSizeGreaterThan(1000);
        assertSameCandles(tmp, json(tmp.resolve("json"), trades, orders, log.books), venue, "moex-orderlog");
    }

    @Test
    void databentoMboGivesTheCandlesOfTheSameConsistentMarketAsJson(@TempDir Path tmp) throws Exception {
        ConsistentLog log = new ConsistentLog(tradesAndOrders());
        Path venue = Files.createDirectories(tmp.resolve("databento"));
        List<MarketEvent> trades = new ArrayList<>();
        List<MarketEvent> orders = new ArrayList<>();
        try (Writer w = Files.newBufferedWriter(venue.resolve("bitstamp-mbo.csv"))) {
            w.write("ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,price,size,channel_id,order_id,flags,"
                    + "ts_in_delta,sequence,symbol\n");
            int line = 2; // the line being written (the header is line 1)
            for (Op op : log.ops) {
                MarketEvent e = op.event;
                String head = (e.ts * 1_000_000 + 500) + "," + e.ts * 1_000_000 + ",160,1,7,";
                long price = priceTimes(e.price, 1e9);
                if (e.type == com.supercandles.event.EventType.ORDER) {
                    w.write(head + (e.action == OrderAction.PUT ? "A," : "C,") + (e.side == Side.B ? "B," : "A,") + price
                            + "," + (long) e.qty + ",0," + e.id() + ",0,0," + line + ",BTCUSD\n");
                    line++;
                    orders.add(e);
                    continue;
                }
                Side passive = e.side == Side.B ? Side.S : Side.B;
                String ps = passive == Side.B ? "B," : "A,";
                long q = (long) e.qty;
                w.write(head + "A," + ps + price + "," + q + ",0," + op.passiveId + ",0,0," + line++ + ",BTCUSD\n");
                int tradeLine = line;
                w.write(head + "T," + (e.side == Side.B ? "B," : "A,") + price + "," + q + ",0,0,0,0," + line++ + ",BTCUSD\n");
                w.write(head + "F," + ps + price + "," + q + ",0," + op.passiveId + ",0,0," + line++ + ",BTCUSD\n");
                w.write(head + "C," + ps + price + "," + q + ",0," + op.passiveId + ",0,0," + line++ + ",BTCUSD\n");
                orders.add(MarketEvent.order("BTCUSD", e.ts, op.passiveId, OrderAction.PUT, passive, e.price, q));
                trades.add(MarketEvent.trade("BTCUSD", e.ts, e.ts * 1_000_000 + "-" + tradeLine, e.price, q, e.side));
            }
        }
        assertThat(trades).isNotEmpty();
        assertSameCandles(tmp, json(tmp.resolve("json"), trades, orders, log.books), venue, "databento-mbo");
    }
}
