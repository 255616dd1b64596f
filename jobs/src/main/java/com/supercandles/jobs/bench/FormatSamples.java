package com.supercandles.jobs.bench;

import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.event.InvalidEventException;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recorded market (the project's JSON events) written in each venue format, for {@code
 * benchmark-formats}: the same day in every format, uncompressed, so that the figures compare parsing
 * and book rebuilding, not decompression. What each file holds:
 *
 * <ul>
 *   <li>binance-trades: the trades and, to have as many rows as the other files, every order-log row as
 *   a trade of its price and size;</li>
 *   <li>tardis: the trades and {@code incremental_book_L2}: the first snapshot, then each next one as its
 *   changed levels;</li>
 *   <li>lobster: trades and orders as messages, the book at each message as 20 levels of orderbook;</li>
 *   <li>moex-orderlog and databento-mbo: the order log made consistent (a put that would cross the book
 *   is left out, a cancel of an order not live too, a trade is a resting order put at its price and
 *   taken at once), so that the book is rebuilt all day long.</li>
 * </ul>
 * Sizes are written in 1e-8 lots where a format counts whole ones.
 */
final class FormatSamples {
    private static final double LOT = 1e8;
    private final List<MarketEvent> trades = new ArrayList<>();
    private final List<MarketEvent> orders = new ArrayList<>();
    private final List<MarketEvent> books = new ArrayList<>();

    FormatSamples(Path recorded) throws IOException {
        read(recorded.resolve("trades.jsonl"), trades);
        read(recorded.resolve("orders.jsonl"), orders);
        read(recorded.resolve("book.jsonl"), books);
    }

    private static void read(Path file, List<MarketEvent> into) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        EventParser parser = new EventParser();
        for (String line : Files.readAllLines(file)) {
            try {
                into.add(parser.parseEvent(line));
            } catch (InvalidEventException skipped) {
                // a bad recorded line is not written in any format
            }
        }
    }

    private static long lots(double qty) {
        return Math.round(qty * LOT);
    }

    private List<MarketEvent> tradesAndOrders() {
        List<MarketEvent> all = new ArrayList<>(trades);
        all.addAll(orders);
        all.sort(Comparator.comparingLong((MarketEvent e) -> e.ts).thenComparing(e -> e.type.ordinal()));
        return all;
    }

    /** Writes every format into {@code dir}: the input to give each, by format name. */
    Map<String, Path> write(Path dir) throws IOException {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("binance-trades", binance(Files.createDirectories(dir.resolve("binance"))));
        inputs.put("tardis", tardis(Files.createDirectories(dir.resolve("tardis"))));
        inputs.put("lobster", lobster(Files.createDirectories(dir.resolve("lobster"))));
        List<MarketEvent> log = consistentLog();
        inputs.put("moex-orderlog", moex(Files.createDirectories(dir.resolve("moex")), log));
        inputs.put("databento-mbo", databento(Files.createDirectories(dir.resolve("databento")), log));
        return inputs;
    }

    private Path binance(Path dir) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("BTCUSD-trades-2015-05-01.csv"))) {
            long id = 1;
            for (MarketEvent e : tradesAndOrders()) {
                w.write(id++ + "," + e.price + "," + e.qty + "," + e.price * e.qty + "," + e.ts + ","
                        + (e.side == Side.S ? "True" : "False") + ",True\n");
            }
        }
        return dir;
    }

    private Path tardis(Path dir) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("bitstamp_trades_2015-05-01_BTCUSD.csv"))) {
            w.write("exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n");
            for (MarketEvent t : trades) {
                w.write("bitstamp," + t.symbol + "," + t.ts * 1000 + "," + t.ts * 1000 + "," + t.id() + ","
                        + (t.side == Side.B ? "buy" : "sell") + "," + t.price + "," + t.qty + "\n");
            }
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("bitstamp_incremental_book_L2_2015-05-01_BTCUSD.csv"))) {
            w.write("exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n");
            Map<Double, Double> bids = new HashMap<>();
            Map<Double, Double> asks = new HashMap<>();
            boolean first = true;
            int message = 0;
            for (MarketEvent b : books) { // one local timestamp per message, as tardis groups them
                String head = "bitstamp," + b.symbol + "," + b.ts * 1000 + "," + (b.ts * 1000 + message++ % 1000) + ",";
                w.write(levelChanges(head + first + ",bid,", bids, b.bidPrices, b.bidQtys));
                w.write(levelChanges(head + first + ",ask,", asks, b.askPrices, b.askQtys));
                first = false;
            }
        }
        return dir;
    }

    /** The rows that turn {@code side} into the given levels (0 for a level gone); {@code side} is updated. */
    private static String levelChanges(String head, Map<Double, Double> side, double[] prices, double[] qtys) {
        StringBuilder rows = new StringBuilder();
        Map<Double, Double> now = new HashMap<>();
        for (int i = 0; i < prices.length; i++) {
            now.put(prices[i], qtys[i]);
            if (!Double.valueOf(qtys[i]).equals(side.get(prices[i]))) {
                rows.append(head).append(prices[i]).append(',').append(qtys[i]).append('\n');
            }
        }
        for (Double gone : side.keySet()) {
            if (!now.containsKey(gone)) {
                rows.append(head).append(gone).append(",0\n");
            }
        }
        side.clear();
        side.putAll(now);
        return rows.toString();
    }

    private Path lobster(Path dir) throws IOException {
        long midnight = java.time.LocalDate.of(2015, 4, 30).atStartOfDay(ZoneId.of("America/New_York")).toInstant()
                .toEpochMilli();
        try (Writer m = Files.newBufferedWriter(dir.resolve("BTCUSD_2015-04-30_0_172800000_message_20.csv"));
             Writer o = Files.newBufferedWriter(dir.resolve("BTCUSD_2015-04-30_0_172800000_orderbook_20.csv"))) {
            int b = -1;
            for (MarketEvent e : tradesAndOrders()) {
                while (b + 1 < books.size() && books.get(b + 1).ts <= e.ts) {
                    b++;
                }
                long ms = e.ts - midnight;
                boolean trade = e.type == EventType.TRADE;
                Side resting = trade ? (e.side == Side.B ? Side.S : Side.B) : e.side;
                m.write(ms / 1000 + "." + String.format("%03d", ms % 1000) + "," + (trade ? 4 : e.action == OrderAction.PUT ? 1 : 3)
                        + "," + (trade ? "0" : e.id()) + "," + lots(e.qty) + "," + Math.round(e.price * 10_000) + ","
                        + (resting == Side.B ? 1 : -1) + "\n");
                StringBuilder row = new StringBuilder();
                MarketEvent now = b < 0 ? null : books.get(b);
                for (int i = 0; i < 20; i++) {
                    row.append(i == 0 ? "" : ",");
                    row.append(now != null && i < now.askLevels() ? Math.round(now.askPrices[i] * 10_000) + "," + lots(now.askQtys[i])
                            : "9999999999,0").append(',');
                    row.append(now != null && i < now.bidLevels() ? Math.round(now.bidPrices[i] * 10_000) + "," + lots(now.bidQtys[i])
                            : "-9999999999,0");
                }
                o.write(row.append('\n').toString());
            }
        }
        return dir;
    }

    /**
     * The order log made consistent: puts that do not cross, cancels of live orders (their size left), and
     * per trade a resting put at its price followed by the trade (an order event of the resting side, then
     * the trade with the aggressor's side). Sizes in lots.
     */
    private List<MarketEvent> consistentLog() {
        List<MarketEvent> log = new ArrayList<>();
        Map<String, MarketEvent> live = new HashMap<>();
        TreeMap<Double, Long> bids = new TreeMap<>(Collections.reverseOrder());
        TreeMap<Double, Long> asks = new TreeMap<>();
        long synthetic = 900_000_000L;
        for (MarketEvent e : tradesAndOrders()) {
            if (e.type == EventType.TRADE) {
                Side resting = e.side == Side.B ? Side.S : Side.B;
                log.add(MarketEvent.order(e.symbol, e.ts, Long.toString(synthetic++), OrderAction.PUT, resting, e.price,
                        lots(e.qty)));
                log.add(MarketEvent.trade(e.symbol, e.ts, e.id(), e.price, lots(e.qty), e.side));
                continue;
            }
            TreeMap<Double, Long> own = e.side == Side.B ? bids : asks;
            if (e.action == OrderAction.PUT && !live.containsKey(e.id())) {
                TreeMap<Double, Long> other = e.side == Side.B ? asks : bids;
                boolean crosses = !other.isEmpty() && (e.side == Side.B ? e.price >= other.firstKey() : e.price <= other.firstKey());
                if (!crosses) {
                    MarketEvent put = MarketEvent.order(e.symbol, e.ts, e.id(), OrderAction.PUT, e.side, e.price, lots(e.qty));
                    live.put(e.id(), put);
                    own.merge(e.price, lots(e.qty), Long::sum);
                    log.add(put);
                }
            } else if (e.action == OrderAction.CANCEL && live.containsKey(e.id())) {
                MarketEvent put = live.remove(e.id());
                TreeMap<Double, Long> level = put.side == Side.B ? bids : asks;
                if (level.merge(put.price, -(long) put.qty, Long::sum) == 0) {
                    level.remove(put.price);
                }
                log.add(MarketEvent.order(e.symbol, e.ts, e.id(), OrderAction.CANCEL, put.side, put.price, put.qty));
            }
        }
        return log;
    }

    private static Path moex(Path dir, List<MarketEvent> log) throws IOException {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneId.of("Europe/Moscow"));
        try (Writer w = Files.newBufferedWriter(dir.resolve("OrderLog20150501.txt"))) {
            w.write("NO,SECCODE,BUYSELL,TIME,ORDERNO,ACTION,PRICE,VOLUME,TRADENO,TRADEPRICE\n");
            long no = 0;
            String resting = null;
            for (MarketEvent e : log) {
                String head = ++no + "," + e.symbol + ",";
                String t = time.format(Instant.ofEpochMilli(e.ts));
                long q = (long) e.qty;
                if (e.type == EventType.ORDER) {
                    w.write(head + e.side + "," + t + "," + e.id() + "," + (e.action == OrderAction.PUT ? 1 : 0) + "," + e.price
                            + "," + q + ",,\n");
                    resting = e.id();
                    continue;
                }
                String aggressor = "A" + e.id();
                Side passive = e.side == Side.B ? Side.S : Side.B;
                w.write(head + e.side + "," + t + "," + aggressor + ",1," + e.price + "," + q + ",,\n");
                w.write(++no + "," + e.symbol + "," + e.side + "," + t + "," + aggressor + ",2," + e.price + "," + q + ","
                        + e.id() + "," + e.price + "\n");
                w.write(++no + "," + e.symbol + "," + passive + "," + t + "," + resting + ",2," + e.price + "," + q + ","
                        + e.id() + "," + e.price + "\n");
            }
        }
        return dir;
    }

    private static Path databento(Path dir, List<MarketEvent> log) throws IOException {
        try (Writer w = Files.newBufferedWriter(dir.resolve("bitstamp-20150501.mbo.csv"))) {
            w.write("ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,price,size,channel_id,order_id,flags,"
                    + "ts_in_delta,sequence,symbol\n");
            long sequence = 0;
            String resting = null;
            for (MarketEvent e : log) {
                String head = e.ts * 1_000_000 + "," + e.ts * 1_000_000 + ",160,1,7,";
                long price = Math.round(e.price * 1e9);
                long q = (long) e.qty;
                String tail = ",0,0," + ++sequence + "," + e.symbol + "\n";
                if (e.type == EventType.ORDER) {
                    w.write(head + (e.action == OrderAction.PUT ? "A," : "C,") + (e.side == Side.B ? "B," : "A,") + price + ","
                            + q + ",0," + e.id() + tail);
                    resting = e.id();
                    continue;
                }
                String passive = e.side == Side.B ? "A," : "B,";
                w.write(head + "T," + (e.side == Side.B ? "B," : "A,") + price + "," + q + ",0,0" + tail);
                w.write(head + "F," + passive + price + "," + q + ",0," + resting + tail);
                w.write(head + "C," + passive + price + "," + q + ",0," + resting + tail);
            }
        }
        return dir;
    }
}
