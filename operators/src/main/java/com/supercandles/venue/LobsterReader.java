package com.supercandles.venue;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LOBSTER day of one ticker (lobsterdata.com "Output structure"): the {@code message} file and its
 * {@code orderbook} file, read in lockstep (row k of the orderbook is the book after message k). Neither
 * has a header, a symbol or a date: both are in the name {@code TICKER_DATE_START_END_message_N.csv}.
 *
 * <ul>
 *   <li>message {@code Time,Type,Order ID,Size,Price,Direction}: Time is seconds after midnight of DATE
 *   in New York time (NASDAQ's; LOBSTER's help pages give its hours "in EST"), with up to nine decimals;
 *   Price is dollars times 10,000; Direction 1 a buy limit order, -1 a sell one.</li>
 *   <li>Type 1 is a {@code put}; 2 (partial cancellation) and 3 (deletion) are a {@code cancel} of the
 *   Size withdrawn; 4 and 5 (executions of a visible or hidden order) are trades whose aggressor is
 *   the opposite of Direction (the executed order rested), with the id {@code DATE-LINE} (LOBSTER
 *   numbers no trades); 6 (a cross, e.g. the auction) is a dead letter: it has no aggressor, which the
 *   contract needs; 7 (a halt, its resumption of quotes or trades) is no event of the contract.</li>
 *   <li>orderbook {@code Ask Price 1,Ask Size 1,Bid Price 1,Bid Size 1,...} for N levels: every row is a
 *   full book ({@link BookChange#snapshot}), the dummy prices 9999999999 (ask) and -9999999999 (bid) are
 *   empty levels; {@link BookRebuilder} keeps {@code --book-depth} levels and one per {@code --book-interval}.</li>
 * </ul>
 */
final class LobsterReader extends QueuedRowReader {
    static final Pattern NAME =
            Pattern.compile("^(.+)_(\\d{4}-\\d{2}-\\d{2})_(\\d+)_(\\d+)_(message|orderbook)_(\\d+)\\.csv(\\.gz)?$");
    static final ZoneId NASDAQ = ZoneId.of("America/New_York");
    private static final long EMPTY_ASK = 9_999_999_999L;
    private static final long EMPTY_BID = -9_999_999_999L;
    private static final double PRICE_UNIT = 10_000.0;
    private static final String[] MESSAGE_COLUMNS = {"Time", "Type", "Order ID", "Size", "Price", "Direction"};

    private final VenueLines book;
    private final String symbol;
    private final String dateDigits;
    private final long midnightMs;
    private final String[] bookColumns;

    LobsterReader(Path file) throws IOException {
        this(messageFile(file), nameOf(file));
    }

    private LobsterReader(Path message, Matcher name) throws IOException {
        super(VenueLines.open(message));
        this.symbol = name.group(1);
        LocalDate date = LocalDate.parse(name.group(2));
        this.dateDigits = name.group(2).replace("-", "");
        this.midnightMs = date.atStartOfDay(NASDAQ).toInstant().toEpochMilli();
        int levels = Integer.parseInt(name.group(6));
        this.bookColumns = new String[4 * levels];
        for (int i = 0; i < levels; i++) {
            bookColumns[4 * i] = "Ask Price " + (i + 1);
            bookColumns[4 * i + 1] = "Ask Size " + (i + 1);
            bookColumns[4 * i + 2] = "Bid Price " + (i + 1);
            bookColumns[4 * i + 3] = "Bid Size " + (i + 1);
        }
        VenueLines orderbook;
        try {
            orderbook = VenueLines.open(sibling(message, "orderbook"));
        } catch (IOException e) {
            lines.close();
            throw e;
        }
        this.book = orderbook;
    }

    private static Matcher nameOf(Path file) throws VenueFileException {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new VenueFileException(file + ": the symbol, date and levels of a LOBSTER file are read from its name,"
                    + " which must look like TICKER_DATE_START_END_message_N.csv (and its book"
                    + " TICKER_DATE_START_END_orderbook_N.csv), e.g. AAPL_2012-06-21_34200000_57600000_message_10.csv:"
                    + " rename the files so");
        }
        return m;
    }

    /** The message file of a pair, given either of the two. */
    static Path messageFile(Path file) throws VenueFileException {
        Matcher m = nameOf(file);
        return m.group(5).equals("message") ? file : sibling(file, "message");
    }

    /** The orderbook file beside a message file. */
    static Path orderbookFile(Path message) throws VenueFileException {
        return sibling(message, "orderbook");
    }

    private static Path sibling(Path file, String kind) throws VenueFileException {
        Matcher m = nameOf(file);
        String name = m.group(1) + "_" + m.group(2) + "_" + m.group(3) + "_" + m.group(4) + "_" + kind + "_" + m.group(6)
                + ".csv" + (m.group(7) == null ? "" : m.group(7));
        Path other = file.resolveSibling(name);
        if (!Files.isRegularFile(other)) {
            throw new VenueFileException(file + ": a LOBSTER day is a message file and its orderbook file side by side;"
                    + " " + name + " is missing: put it beside " + file.getFileName());
        }
        return other;
    }

    @Override
    void read(String line) throws IOException {
        String bookLine = book.next();
        CsvRow row = CsvRow.split(line, MESSAGE_COLUMNS);
        long ts = Long.MIN_VALUE;
        EventType stream = EventType.ORDER;
        try {
            row.expect(MESSAGE_COLUMNS.length);
            ts = midnightMs + millisAfterMidnight(row.text(0));
            long type = row.integer(1);
            stream = type == 4 || type == 5 || type == 6 ? EventType.TRADE : EventType.ORDER;
            message(row, type, ts, line);
        } catch (CsvRow.RowProblem p) {
            queue.add(VenueEvents.rejected(stream, lines.where(), p.getMessage(), line));
        }
        if (bookLine == null) {
            queue.add(VenueEvents.rejected(EventType.BOOK, lines.where(), "the orderbook file ends before the message"
                    + " file: this message has no book row (the two files of a day have one row per message)", line));
        } else if (ts == Long.MIN_VALUE) {
            queue.add(VenueEvents.rejected(EventType.BOOK, book.where(), "its message (" + lines.where() + ") has no"
                    + " valid time, so the book has none", bookLine));
        } else {
            bookRow(bookLine, ts);
        }
    }

    private void message(CsvRow row, long type, long ts, String line) throws CsvRow.RowProblem {
        if (type == 7) {
            return; // a halt or resumption: the contract has no event for it; the book row repeats the book
        }
        if (type == 6) {
            throw new CsvRow.RowProblem("Type 6 is a cross (auction) trade, which has no aggressor: the contract needs one");
        }
        if (type < 1 || type > 5) {
            throw new CsvRow.RowProblem("'Type' must be 1 to 7 (LOBSTER's event types), got " + type);
        }
        double size = row.number(3);
        double price = row.integer(4) / PRICE_UNIT;
        long direction = row.integer(5);
        if (direction != 1 && direction != -1) {
            throw new CsvRow.RowProblem("'Direction' must be 1 (buy limit order) or -1 (sell limit order), got " + direction);
        }
        Side orderSide = direction == 1 ? Side.B : Side.S;
        MarketEvent e;
        if (type == 4 || type == 5) {
            e = MarketEvent.trade(symbol, ts, dateDigits + "-" + lines.number(), price, size,
                    orderSide == Side.B ? Side.S : Side.B);
        } else {
            e = MarketEvent.order(symbol, ts, row.text(2), type == 1 ? OrderAction.PUT : OrderAction.CANCEL, orderSide,
                    price, size);
        }
        queue.add(VenueEvents.checked(e, lines.where(), line));
    }

    /** Seconds after midnight with up to nine decimals, read as digits so that no millisecond is lost to rounding. */
    static long millisAfterMidnight(String text) throws CsvRow.RowProblem {
        int dot = text.indexOf('.');
        String whole = dot < 0 ? text : text.substring(0, dot);
        String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (whole.isEmpty() || !whole.chars().allMatch(Character::isDigit) || !fraction.chars().allMatch(Character::isDigit)
                || whole.length() > 6) {
            throw new CsvRow.RowProblem("'Time' must be seconds after midnight (e.g. 34200.004241176), got '" + text + "'");
        }
        String millis = (fraction + "000").substring(0, 3);
        return Long.parseLong(whole) * 1000 + Long.parseLong(millis);
    }

    private void bookRow(String bookLine, long ts) {
        CsvRow row = CsvRow.split(bookLine, bookColumns);
        try {
            row.expect(bookColumns.length);
            BookChange full = new BookChange(symbol, ts, true, true, book.where());
            for (int i = 0; i < bookColumns.length; i += 4) {
                long ask = row.integer(i);
                long bid = row.integer(i + 2);
                if (ask != EMPTY_ASK) {
                    full.add(Side.S, ask / PRICE_UNIT, row.number(i + 1));
                }
                if (bid != EMPTY_BID) {
                    full.add(Side.B, bid / PRICE_UNIT, row.number(i + 3));
                }
            }
            queue.add(VenueItem.of(full));
        } catch (CsvRow.RowProblem p) {
            queue.add(VenueEvents.rejected(EventType.BOOK, book.where(), p.getMessage(), bookLine));
        }
    }

    @Override
    void atEnd() throws IOException {
        String extra = book.next();
        if (extra != null) {
            queue.add(VenueEvents.rejected(EventType.BOOK, book.where(), "the orderbook file has more rows than its"
                    + " message file (" + lines.number() + "): the rows after it are not read", extra));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            book.close();
        }
    }
}
