package com.supercandles.venue;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Databento MBO exported as CSV (databento.com docs: schema MBO, "Order tracking", "MBO snapshots"):
 * {@code ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,price,size,channel_id,order_id,flags,
 * ts_in_delta,sequence}, and {@code symbol} when the export mapped symbols (otherwise the instrument_id is
 * the symbol). {@code ts_event} (nanoseconds, or ISO 8601 when exported with pretty timestamps) is
 * {@code ts}, {@code ts_recv} the ingest time. Prices are integers in units of 1e-9, or decimals when
 * exported with pretty prices: told by the file's first price.
 *
 * <ul>
 *   <li>A (add) is a {@code put}, C (cancel) a {@code cancel} of its size, M (modify) a {@code cancel} of
 *   the order as it stood and a {@code put} of it as it stands; R (clear) empties the instrument's book.
 *   An add flagged F_SNAPSHOT (32) rebuilds the book after an R but is no order event: it is the book's
 *   state, not order flow.</li>
 *   <li>T (trade) is the trade, its side the aggressor's (A: S, B: B; N: a dead letter). F (fill) is the
 *   resting order's side of the same trade: not a second trade. Databento follows every fill with the C
 *   or M that takes the size out of the book, so the size a fill announced is a fill, not a cancel: it
 *   leaves the book but is no {@code cancel}, only what is left beyond it is. N (none) is nothing.</li>
 *   <li>The book: adds, cancels and modifies change their levels; T and F do not (Databento's own book
 *   example). The records of an instrument up to one flagged F_LAST (128), or of one ts_event, are one
 *   message; books start empty and an R starts a fresh one ({@link BookRebuilder}).</li>
 * </ul>
 */
final class DatabentoMboReader extends QueuedRowReader {
    static final List<String> REQUIRED = List.of("ts_recv", "ts_event", "instrument_id", "action", "side", "price", "size",
            "order_id", "flags");
    static final int F_LAST = 128;
    static final int F_SNAPSHOT = 32;
    private static final String UNDEF_PRICE = "9223372036854775807";

    private final String[] names;
    private final int tsRecv;
    private final int tsEvent;
    private final int instrument;
    private final int symbolColumn;
    private final int action;
    private final int side;
    private final int price;
    private final int size;
    private final int orderId;
    private final int flags;
    /** Null until the first price tells: true for decimal (pretty) prices, false for 1e-9 units. */
    private Boolean decimalPrices;
    private final OrderLogMessages messages = new OrderLogMessages();
    /** The resting orders of each symbol, by order_id. */
    private final Map<String, Map<String, Resting>> books = new HashMap<>();
    /** Size announced filled by F records, by symbol and order_id, until the C or M that removes it. */
    private final Map<String, Double> filled = new HashMap<>();

    private static final class Resting {
        Side side;
        double price;
        double size;

        Resting(Side side, double price, double size) {
            this.side = side;
            this.price = price;
            this.size = size;
        }
    }

    DatabentoMboReader(Path file) throws IOException {
        super(VenueLines.open(file));
        String header = VenueLines.firstLine(file);
        if (!isHeader(header)) {
            lines.close();
            throw new VenueFileException(file + ": not a Databento MBO CSV: its first line is "
                    + (header == null ? "missing (empty file)" : "'" + (header.length() > 120 ? header.substring(0, 120)
                    + "..." : header) + "'") + "; an MBO export starts with the header " + String.join(",", REQUIRED.subList(0, 2))
                    + ",rtype,publisher_id,instrument_id,action,side,price,size,channel_id,order_id,flags,...");
        }
        names = header.split(",", -1);
        List<String> h = Arrays.asList(names);
        tsRecv = h.indexOf("ts_recv");
        tsEvent = h.indexOf("ts_event");
        instrument = h.indexOf("instrument_id");
        symbolColumn = h.indexOf("symbol");
        action = h.indexOf("action");
        side = h.indexOf("side");
        price = h.indexOf("price");
        size = h.indexOf("size");
        orderId = h.indexOf("order_id");
        flags = h.indexOf("flags");
        lines.next();
    }

    static boolean isHeader(String header) {
        return header != null && Arrays.asList(header.split(",", -1)).containsAll(REQUIRED);
    }

    @Override
    void read(String line) {
        CsvRow row = CsvRow.split(line, names);
        char act = 0;
        try {
            row.expect(names.length);
            String a = row.text(action);
            act = a.length() == 1 ? a.charAt(0) : '?';
            String symbol = row.text(symbolColumn >= 0 && !row.isEmpty(symbolColumn) ? symbolColumn : instrument);
            long ts = millis(row, tsEvent);
            long ingest = millis(row, tsRecv);
            long f = row.integer(flags);
            boolean snapshot = (f & F_SNAPSHOT) != 0;
            if (messages.isOpen(symbol) && messages.openTs(symbol) != ts
                    && !(snapshot && messages.openIsSnapshot(symbol))) { // a snapshot's adds keep their own times
                messages.end(symbol, queue);
            }
            switch (act) {
                case 'A': add(row, symbol, ts, ingest, snapshot, line); break;
                case 'C': cancel(row, symbol, ts, ingest, line); break;
                case 'M': modify(row, symbol, ts, ingest, line); break;
                case 'R': clear(symbol, ts); break;
                case 'T': trade(row, symbol, ts, ingest, line); break;
                case 'F': filled.merge(symbol + '\u0000' + row.text(orderId), row.number(size), Double::sum); break;
                case 'N': break;
                default: throw new CsvRow.RowProblem("'action' must be one of A, C, M, R, T, F, N, got '" + a + "'");
            }
            if ((f & F_LAST) != 0) {
                messages.end(symbol, queue);
            }
        } catch (CsvRow.RowProblem p) {
            EventType stream = act == 'T' ? EventType.TRADE : act == 'R' ? EventType.BOOK : EventType.ORDER;
            queue.add(VenueEvents.rejected(stream, lines.where(), p.getMessage(), line));
        }
    }

    private long millis(CsvRow row, int column) throws CsvRow.RowProblem {
        String text = row.text(column);
        if (!text.isEmpty() && Character.isDigit(text.charAt(text.length() - 1))) {
            return Math.floorDiv(row.integer(column), 1_000_000L);
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new CsvRow.RowProblem("'" + names[column] + "' must be nanoseconds since the epoch or an ISO 8601 time"
                    + " (2024-03-01T14:30:00.000000000Z), got '" + text + "'");
        }
    }

    private double price(CsvRow row) throws CsvRow.RowProblem {
        String text = row.text(price);
        if (text.isEmpty() || text.equals(UNDEF_PRICE)) {
            throw new CsvRow.RowProblem("'price' is undefined (" + (text.isEmpty() ? "empty" : "UNDEF_PRICE")
                    + "): an order needs one");
        }
        if (decimalPrices == null) {
            decimalPrices = text.indexOf('.') >= 0;
        }
        return decimalPrices ? row.number(price) : row.integer(price) / 1e9;
    }

    private Side side(CsvRow row, boolean aggressor) throws CsvRow.RowProblem {
        String s = row.text(side);
        if (s.equals("B")) {
            return Side.B;
        }
        if (s.equals("A")) {
            return Side.S;
        }
        throw new CsvRow.RowProblem("'side' must be B (bid) or A (ask)" + (aggressor ? " for a trade, whose side is the"
                + " aggressor's (the contract needs one)" : "") + ", got '" + s + "'");
    }

    private Map<String, Resting> book(String symbol) {
        return books.computeIfAbsent(symbol, s -> new HashMap<>());
    }

    private void add(CsvRow row, String symbol, long ts, long ingest, boolean snapshot, String line) throws CsvRow.RowProblem {
        Side s = side(row, false);
        double p = price(row);
        double q = row.number(size);
        String id = row.text(orderId);
        book(symbol).put(id, new Resting(s, p, q));
        messages.change(symbol, ts, s, p, q, lines.where());
        if (!snapshot) {
            order(symbol, ts, ingest, id, OrderAction.PUT, s, p, q, line);
        }
    }

    private void cancel(CsvRow row, String symbol, long ts, long ingest, String line) throws CsvRow.RowProblem {
        Side s = side(row, false);
        double p = price(row);
        double q = row.number(size);
        String id = row.text(orderId);
        Resting resting = book(symbol).get(id);
        if (resting != null && (resting.size -= q) <= BookRebuilder.DUST) {
            book(symbol).remove(id);
        }
        messages.change(symbol, ts, s, p, -q, lines.where());
        double cancelled = q - takeFilled(symbol, id, q);
        if (cancelled > BookRebuilder.DUST) {
            order(symbol, ts, ingest, id, OrderAction.CANCEL, s, p, cancelled, line);
        }
    }

    private void modify(CsvRow row, String symbol, long ts, long ingest, String line) throws CsvRow.RowProblem {
        Side s = side(row, false);
        double p = price(row);
        double q = row.number(size);
        String id = row.text(orderId);
        Resting old = book(symbol).put(id, new Resting(s, p, q));
        if (old != null) {
            messages.change(symbol, ts, old.side, old.price, -old.size, lines.where());
        }
        messages.change(symbol, ts, s, p, q, lines.where());
        double fill = old == null ? 0 : takeFilled(symbol, id, old.size);
        if (old != null && old.side == s && old.price == p && Math.abs(old.size - fill - q) <= BookRebuilder.DUST) {
            return; // the size a fill took, and nothing else: no order flow
        }
        if (old != null && old.size - fill > BookRebuilder.DUST) {
            order(symbol, ts, ingest, id, OrderAction.CANCEL, old.side, old.price, old.size - fill, line);
        }
        if (q > BookRebuilder.DUST) {
            order(symbol, ts, ingest, id, OrderAction.PUT, s, p, q, line);
        }
    }

    /** The size of the order announced filled, at most {@code upTo}, taken from what F records announced. */
    private double takeFilled(String symbol, String id, double upTo) {
        Double f = filled.remove(symbol + '\u0000' + id);
        return f == null ? 0 : Math.min(f, upTo);
    }

    private void clear(String symbol, long ts) {
        book(symbol).clear();
        messages.reset(symbol, ts, lines.where(), queue);
    }

    private void trade(CsvRow row, String symbol, long ts, long ingest, String line) throws CsvRow.RowProblem {
        MarketEvent t = MarketEvent.trade(symbol, ts, row.text(tsEvent) + "-" + lines.number(), price(row),
                row.number(size), side(row, true));
        t.ingestTime = ingest;
        queue.add(VenueEvents.checked(t, lines.where(), line));
    }

    private void order(String symbol, long ts, long ingest, String id, OrderAction a, Side s, double p, double q, String line) {
        MarketEvent o = MarketEvent.order(symbol, ts, id, a, s, p, q);
        o.ingestTime = ingest;
        queue.add(VenueEvents.checked(o, lines.where(), line));
    }

    @Override
    void atEnd() {
        messages.endAll(queue);
    }
}
