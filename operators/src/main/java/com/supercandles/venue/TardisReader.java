package com.supercandles.venue;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.Side;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tardis.dev downloadable CSV file (docs.tardis.dev "Downloadable CSV files"; nautilus_trader's tardis
 * CSV records): the data type is told by the header. Times are microseconds since the epoch: {@code
 * timestamp} (the exchange's) becomes {@code ts} in milliseconds, {@code local_timestamp} (capture time)
 * the ingest time.
 *
 * <ul>
 *   <li>{@code trades}: {@code exchange,symbol,timestamp,local_timestamp,id,side,price,amount}; {@code side}
 *   is the aggressor ({@code buy}/{@code sell}; {@code unknown} is a dead letter: the contract needs
 *   one). An empty {@code id} becomes {@code TIMESTAMP-LINE}.</li>
 *   <li>{@code incremental_book_L2}: {@code ...,is_snapshot,side,price,amount} where {@code amount} is
 *   the level's new size (0 removes it); consecutive rows of one symbol with one {@code local_timestamp}
 *   are one exchange message, a run of {@code is_snapshot=true} rows a fresh book.</li>
 *   <li>{@code book_snapshot_25} / {@code book_snapshot_5}: {@code ...,asks[0].price,asks[0].amount,
 *   bids[0].price,bids[0].amount,...}; empty levels are empty fields.</li>
 *   <li>{@code quotes}: {@code ...,ask_amount,ask_price,bid_price,bid_amount}: a one-level book.</li>
 * </ul>
 */
final class TardisReader implements VenueReader {
    enum Kind { TRADES, INCREMENTAL, SNAPSHOT, QUOTES }

    private final VenueLines lines;
    private final Kind kind;
    private final String[] names;
    private final int symbol;
    private final int timestamp;
    private final int local;
    private final ArrayDeque<VenueItem> queue = new ArrayDeque<>();
    /** The increments of the message being read (incremental_book_L2 only). */
    private BookChange message;
    private long messageLocal;
    private int[] askPrice;
    private int[] askAmount;
    private int[] bidPrice;
    private int[] bidAmount;

    TardisReader(Path file) throws IOException {
        String header = VenueLines.firstLine(file);
        this.kind = kindOf(file, header);
        this.names = header.split(",", -1);
        this.symbol = column("symbol", file);
        this.timestamp = column("timestamp", file);
        this.local = column("local_timestamp", file);
        if (kind == Kind.SNAPSHOT) {
            List<int[]> levels = new ArrayList<>();
            for (int i = 0; indexOf("asks[" + i + "].price") >= 0; i++) {
                levels.add(new int[] {indexOf("asks[" + i + "].price"), indexOf("asks[" + i + "].amount"),
                    indexOf("bids[" + i + "].price"), indexOf("bids[" + i + "].amount")});
            }
            askPrice = levels.stream().mapToInt(l -> l[0]).toArray();
            askAmount = levels.stream().mapToInt(l -> l[1]).toArray();
            bidPrice = levels.stream().mapToInt(l -> l[2]).toArray();
            bidAmount = levels.stream().mapToInt(l -> l[3]).toArray();
        }
        this.lines = VenueLines.open(file);
        lines.next(); // the header
    }

    /** The data type of a tardis file by its header; a header of none of them is an error naming the file. */
    static Kind kindOf(Path file, String header) throws VenueFileException {
        List<String> h = header == null ? List.of() : Arrays.asList(header.split(",", -1));
        if (h.contains("symbol") && h.contains("timestamp") && h.contains("local_timestamp")) {
            if (h.contains("is_snapshot")) {
                return Kind.INCREMENTAL;
            }
            if (h.contains("asks[0].price")) {
                return Kind.SNAPSHOT;
            }
            if (h.contains("ask_price") && h.contains("bid_price")) {
                return Kind.QUOTES;
            }
            if (h.contains("id") && h.contains("side") && h.contains("amount")) {
                return Kind.TRADES;
            }
        }
        throw new VenueFileException(file + ": not a tardis.dev CSV of trades, incremental_book_L2, book_snapshot_25/5 or"
                + " quotes: its first line is " + (header == null ? "missing (empty file)" : "'" + shorten(header) + "'")
                + "; tardis files start with a header such as exchange,symbol,timestamp,local_timestamp,...");
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }

    private int indexOf(String name) {
        return Arrays.asList(names).indexOf(name);
    }

    private int column(String name, Path file) throws VenueFileException {
        int i = indexOf(name);
        if (i < 0) {
            throw new VenueFileException(file + ": the header has no '" + name + "' column");
        }
        return i;
    }

    @Override
    public VenueItem next() throws IOException {
        while (queue.isEmpty()) {
            String line = lines.next();
            if (line == null) {
                endMessage();
                return queue.poll();
            }
            if (!line.isBlank()) {
                read(line);
            }
        }
        return queue.poll();
    }

    private void read(String line) {
        CsvRow row = CsvRow.split(line, names);
        try {
            row.expect(names.length);
            String sym = row.text(symbol);
            long ts = Math.floorDiv(row.integer(timestamp), 1000);
            long ingest = Math.floorDiv(row.integer(local), 1000);
            switch (kind) {
                case TRADES: trade(row, sym, ts, ingest, line); break;
                case INCREMENTAL: increment(row, sym, ts, row.integer(local)); break;
                case SNAPSHOT: snapshot(row, sym, ts, ingest, line); break;
                default: quote(row, sym, ts, ingest, line); break;
            }
        } catch (CsvRow.RowProblem p) {
            queue.add(VenueEvents.rejected(streamOf(kind), lines.where(), p.getMessage(), line));
        }
    }

    static EventType streamOf(Kind kind) {
        return kind == Kind.TRADES ? EventType.TRADE : EventType.BOOK;
    }

    private void trade(CsvRow row, String sym, long ts, long ingest, String line) throws CsvRow.RowProblem {
        String side = row.text(indexOf("side"));
        Side aggressor = side.equals("buy") ? Side.B : side.equals("sell") ? Side.S : null;
        if (aggressor == null) {
            throw new CsvRow.RowProblem("'side' is '" + side + "': the aggressor must be buy or sell (the contract"
                    + " needs it; tardis writes unknown where the exchange does not say)");
        }
        String id = row.text(indexOf("id"));
        MarketEvent trade = MarketEvent.trade(sym, ts, id.isEmpty() ? row.text(timestamp) + "-" + lines.number() : id,
                row.number(indexOf("price")), row.number(indexOf("amount")), aggressor);
        trade.ingestTime = ingest;
        queue.add(VenueEvents.checked(trade, lines.where(), line));
    }

    private void increment(CsvRow row, String sym, long ts, long localMicros) throws CsvRow.RowProblem {
        boolean snapshot = row.flag(indexOf("is_snapshot"));
        String sideText = row.text(indexOf("side"));
        Side side = sideText.equals("bid") ? Side.B : sideText.equals("ask") ? Side.S : null;
        if (side == null) {
            throw new CsvRow.RowProblem("'side' must be bid or ask, got '" + sideText + "'");
        }
        double price = row.number(indexOf("price"));
        double amount = row.number(indexOf("amount"));
        if (message != null && (!message.symbol.equals(sym) || messageLocal != localMicros || message.snapshot != snapshot)) {
            // a snapshot's rows may span several local timestamps: the run of is_snapshot rows is one book
            if (!(snapshot && message.snapshot && message.symbol.equals(sym))) {
                endMessage();
            }
        }
        if (message == null) {
            message = new BookChange(sym, ts, true, snapshot, lines.where());
            messageLocal = localMicros;
        }
        message.add(side, price, amount);
    }

    private void endMessage() {
        if (message != null) {
            queue.add(VenueItem.of(message));
            message = null;
        }
    }

    private void snapshot(CsvRow row, String sym, long ts, long ingest, String line) throws CsvRow.RowProblem {
        double[][] bids = levels(row, bidPrice, bidAmount);
        double[][] asks = levels(row, askPrice, askAmount);
        MarketEvent book = MarketEvent.book(sym, ts, bids[0], bids[1], asks[0], asks[1]);
        book.ingestTime = ingest;
        queue.add(VenueEvents.checked(book, lines.where(), line));
    }

    private static double[][] levels(CsvRow row, int[] prices, int[] amounts) throws CsvRow.RowProblem {
        int n = 0;
        while (n < prices.length && !row.isEmpty(prices[n])) {
            n++;
        }
        double[][] levels = {new double[n], new double[n]};
        for (int i = 0; i < n; i++) {
            levels[0][i] = row.number(prices[i]);
            levels[1][i] = row.number(amounts[i]);
        }
        return levels;
    }

    private void quote(CsvRow row, String sym, long ts, long ingest, String line) throws CsvRow.RowProblem {
        double[][] bid = oneLevel(row, indexOf("bid_price"), indexOf("bid_amount"));
        double[][] ask = oneLevel(row, indexOf("ask_price"), indexOf("ask_amount"));
        MarketEvent book = MarketEvent.book(sym, ts, bid[0], bid[1], ask[0], ask[1]);
        book.ingestTime = ingest;
        queue.add(VenueEvents.checked(book, lines.where(), line));
    }

    private static double[][] oneLevel(CsvRow row, int price, int amount) throws CsvRow.RowProblem {
        if (row.isEmpty(price) || row.isEmpty(amount)) {
            return new double[][] {new double[0], new double[0]};
        }
        return new double[][] {{row.number(price)}, {row.number(amount)}};
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
