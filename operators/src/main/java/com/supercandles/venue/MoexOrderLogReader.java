package com.supercandles.venue;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MOEX full order log (the exchange's data shop; AlgoPack's statistics are computed from it): {@code
 * NO,SECCODE,BUYSELL,TIME,ORDERNO,ACTION,PRICE,VOLUME,TRADENO,TRADEPRICE}, with that header or none,
 * every instrument of a day in one file. The three streams come from it:
 *
 * <ul>
 *   <li>ACTION 1 (placed) is a {@code put} of VOLUME, ACTION 0 (withdrawn) a {@code cancel} of VOLUME;
 *   a PRICE of 0 (a market order) is a dead letter: the contract's order log holds limit orders.</li>
 *   <li>ACTION 2 (traded) rows come in pairs, one per order, with one TRADENO: the pair is a trade of
 *   VOLUME at TRADEPRICE whose aggressor is the side of the later order of the two (the one placed
 *   later in the log; an order placed before the file is the earlier; between two such, the higher
 *   ORDERNO). A TRADENO seen once only is a dead letter at the end of the file.</li>
 *   <li>The book: every row changes its order's level (placed +VOLUME, withdrawn and traded -VOLUME at
 *   PRICE); the rows of one TIME are one exchange message ({@link OrderLogMessages}), rebuilt from an
 *   empty book by {@link BookRebuilder} (depth {@code --book-depth}, one per {@code --book-interval}).</li>
 * </ul>
 * TIME is Moscow time in one of {@link MoexTime}'s layouts, told by the first row; the date is the
 * file name's ({@code YYYYMMDD} or {@code YYYY-MM-DD} in it) or the TIME's own.
 */
final class MoexOrderLogReader extends QueuedRowReader {
    static final String[] COLUMNS = {"NO", "SECCODE", "BUYSELL", "TIME", "ORDERNO", "ACTION", "PRICE", "VOLUME",
        "TRADENO", "TRADEPRICE"};
    private static final Pattern DATE = Pattern.compile("(19|20)(\\d{2})-?(\\d{2})-?(\\d{2})");
    private static final int SECCODE = 1;
    private static final int BUYSELL = 2;
    private static final int TIME = 3;
    private static final int ORDERNO = 4;
    private static final int ACTION = 5;
    private static final int PRICE = 6;
    private static final int VOLUME = 7;
    private static final int TRADENO = 8;
    private static final int TRADEPRICE = 9;

    private final LocalDate nameDate;
    /** Where each documented column is in the file (its header's order, or the documented one). */
    private final int[] at = new int[COLUMNS.length];
    private final String[] names;
    private MoexTime layout;
    private long layoutLine;
    private final OrderLogMessages messages = new OrderLogMessages();
    private String messageTime;
    /** The live orders placed in this file: ORDERNO to {NO of the placing row, volume left}. */
    private final Map<String, long[]> live = new HashMap<>();
    /** The first row of each trade whose second row has not come yet, by SECCODE and TRADENO. */
    private final Map<String, Half> halves = new LinkedHashMap<>();
    private long rowsRead;

    private static final class Half {
        final Side side;
        final long placedAt;
        final String orderNo;
        final double volume;
        final double price;
        final String where;
        final String line;

        Half(Side side, long placedAt, String orderNo, double volume, double price, String where, String line) {
            this.side = side;
            this.placedAt = placedAt;
            this.orderNo = orderNo;
            this.volume = volume;
            this.price = price;
            this.where = where;
            this.line = line;
        }
    }

    MoexOrderLogReader(Path file) throws IOException {
        super(VenueLines.open(file));
        this.nameDate = dateInName(file);
        String first = VenueLines.firstLine(file);
        boolean header = first != null && isHeader(first);
        if (header) {
            names = first.split(",", -1);
            for (int i = 0; i < COLUMNS.length; i++) {
                at[i] = Arrays.asList(names).indexOf(COLUMNS[i]);
                if (at[i] < 0) {
                    lines.close();
                    throw new VenueFileException(file + ": the header of a MOEX order log must name the columns "
                            + String.join(",", COLUMNS) + "; '" + COLUMNS[i] + "' is missing");
                }
            }
            lines.next();
        } else {
            names = COLUMNS;
            for (int i = 0; i < COLUMNS.length; i++) {
                at[i] = i;
            }
        }
        if (nameDate == null) {
            requireDatedTimes(file);
        }
    }

    static boolean isHeader(String line) {
        String l = line.toUpperCase(java.util.Locale.ROOT);
        return l.contains("SECCODE") && l.contains("ORDERNO") && l.contains("BUYSELL");
    }

    static LocalDate dateInName(Path file) {
        Matcher m = DATE.matcher(file.getFileName().toString());
        while (m.find()) {
            try {
                return LocalDate.of(Integer.parseInt(m.group(1) + m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)));
            } catch (DateTimeException notADate) {
                // another run of digits may be the date
            }
        }
        return null;
    }

    /** Without a date in the name, the first row's TIME must carry one. */
    private void requireDatedTimes(Path file) throws IOException {
        try (VenueLines peek = VenueLines.open(file)) {
            String line;
            while ((line = peek.next()) != null && (line.isBlank() || isHeader(line))) {
                // to the first row
            }
            CsvRow row = line == null ? null : CsvRow.split(line, names);
            MoexTime first = row == null || row.size() <= at[TIME] ? null : MoexTime.of(row.text(at[TIME]));
            if (line != null && (first == null || !first.dated)) {
                lines.close();
                throw new VenueFileException(file + ": the date of a MOEX order log is read from its name (YYYYMMDD in"
                        + " it, e.g. OrderLog20150302.txt) or from a TIME that holds it (YYYYMMDDHHMMSS...); this file's"
                        + " name has none and its first TIME is '" + (row == null || row.size() <= at[TIME] ? "" : row.text(at[TIME]))
                        + "': rename the file with its date");
            }
        }
    }

    @Override
    void read(String line) {
        CsvRow row = CsvRow.split(line, names);
        EventType stream = EventType.ORDER;
        try {
            row.expect(names.length);
            String time = row.text(at[TIME]);
            if (!time.equals(messageTime)) {
                messages.endAll(queue); // the rows of one TIME are one message: an aggressive order and its fills
                messageTime = time;
            }
            long ts = epochMillis(time);
            String symbol = row.text(at[SECCODE]);
            Side side = side(row.text(at[BUYSELL]));
            long action = row.integer(at[ACTION]);
            double price = row.number(at[PRICE]);
            double volume = row.number(at[VOLUME]);
            String orderNo = row.text(at[ORDERNO]);
            rowsRead++;
            if (action == 1) {
                live.put(orderNo, new long[] {rowsRead, (long) volume});
                bookChange(symbol, ts, side, price, volume);
                order(symbol, ts, orderNo, OrderAction.PUT, side, price, volume, line);
            } else if (action == 0) {
                live.remove(orderNo);
                bookChange(symbol, ts, side, price, -volume);
                order(symbol, ts, orderNo, OrderAction.CANCEL, side, price, volume, line);
            } else if (action == 2) {
                stream = EventType.TRADE;
                bookChange(symbol, ts, side, price, -volume);
                traded(row, symbol, ts, side, orderNo, volume, line);
            } else {
                throw new CsvRow.RowProblem("'ACTION' must be 1 (placed), 0 (withdrawn) or 2 (traded), got " + action);
            }
        } catch (CsvRow.RowProblem p) {
            queue.add(VenueEvents.rejected(stream, lines.where(), p.getMessage(), line));
        }
    }

    private long epochMillis(String time) throws CsvRow.RowProblem {
        if (layout == null) {
            layout = MoexTime.of(time);
            layoutLine = lines.number();
            if (layout == null) {
                throw new CsvRow.RowProblem("'TIME' " + time + " matches no layout of the MOEX order log: "
                        + Arrays.stream(MoexTime.values()).map(MoexTime::pattern).reduce((a, b) -> a + ", " + b).orElse("")
                        + " (Moscow time)");
            }
        } else if (!layout.fits(time) || !time.chars().allMatch(Character::isDigit)) {
            throw new CsvRow.RowProblem("'TIME' " + time + " is not in this file's layout " + layout.pattern()
                    + " (told by line " + layoutLine + ")");
        }
        return layout.epochMillis(time, nameDate);
    }

    private static Side side(String text) throws CsvRow.RowProblem {
        if (text.equals("B")) {
            return Side.B;
        }
        if (text.equals("S")) {
            return Side.S;
        }
        throw new CsvRow.RowProblem("'BUYSELL' must be B or S, got '" + text + "'");
    }

    private void bookChange(String symbol, long ts, Side side, double price, double delta) {
        if (price > 0) { // a market order never rests
            messages.change(symbol, ts, side, price, delta, lines.where());
        }
    }

    private void order(String symbol, long ts, String orderNo, OrderAction action, Side side, double price, double volume,
                       String line) throws CsvRow.RowProblem {
        if (price == 0) {
            throw new CsvRow.RowProblem("a market order (PRICE 0): the contract's order log holds limit orders; its"
                    + " trades are read from its ACTION 2 rows");
        }
        queue.add(VenueEvents.checked(MarketEvent.order(symbol, ts, orderNo, action, side, price, volume), lines.where(), line));
    }

    private void traded(CsvRow row, String symbol, long ts, Side side, String orderNo, double volume, String line)
            throws CsvRow.RowProblem {
        String tradeNo = row.text(at[TRADENO]);
        if (tradeNo.isEmpty()) {
            throw new CsvRow.RowProblem("'TRADENO' is empty: an ACTION 2 row names its trade");
        }
        double tradePrice = row.number(at[TRADEPRICE]);
        long[] order = live.get(orderNo);
        long placedAt = order == null ? 0 : order[0];
        if (order != null && (order[1] -= (long) volume) <= 0) {
            live.remove(orderNo);
        }
        String key = symbol + '\u0000' + tradeNo;
        Half first = halves.remove(key);
        if (first == null) {
            halves.put(key, new Half(side, placedAt, orderNo, volume, tradePrice, lines.where(), line));
            return;
        }
        if (first.side == side || first.volume != volume || first.price != tradePrice) {
            throw new CsvRow.RowProblem("trade " + tradeNo + "'s two rows disagree (" + first.where + ": " + first.side + " "
                    + first.volume + " at " + first.price + "; here: " + side + " " + volume + " at " + tradePrice
                    + "): the rows of a trade are its buy and its sell, of one volume at one price");
        }
        Side aggressor = later(placedAt, orderNo, first.placedAt, first.orderNo) ? side : first.side;
        queue.add(VenueEvents.checked(MarketEvent.trade(symbol, ts, tradeNo, tradePrice, volume, aggressor),
                lines.where(), line));
    }

    /** Whether order a was placed after order b: by their rows in this file, else (placed before it) by ORDERNO. */
    private static boolean later(long aPlaced, String aNo, long bPlaced, String bNo) {
        if (aPlaced != bPlaced) {
            return aPlaced > bPlaced;
        }
        return aNo.length() != bNo.length() ? aNo.length() > bNo.length() : aNo.compareTo(bNo) > 0;
    }

    @Override
    void atEnd() {
        messages.endAll(queue);
        for (Half h : halves.values()) { // in file order
            queue.add(VenueEvents.rejected(EventType.TRADE, h.where, "its trade has one row in the file: the aggressor is"
                    + " told by the pair of rows (buy and sell) of one TRADENO", h.line));
        }
        halves.clear();
    }
}
