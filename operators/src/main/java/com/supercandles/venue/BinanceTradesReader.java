package com.supercandles.venue;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.Side;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Binance public-data trades or aggTrades file (binance-public-data README): spot {@code trades}
 * {@code id,price,qty,quoteQty,time,isBuyerMaker,isBestMatch}, futures trades without the last column;
 * {@code aggTrades} {@code aggId,price,qty,firstId,lastId,time,isBuyerMaker[,isBestMatch]}. Spot files
 * have no header, futures files since August 2022 have one: a first line that does not start with a
 * digit is taken for the header. Times are milliseconds, or microseconds (spot from 2025): told per file
 * by the magnitude of its first time (above 10^14 is microseconds: 10^14 ms is the year 5138). {@code
 * isBuyerMaker} true means the buyer rested: the seller was the aggressor (side S). The symbol is not
 * in the file: it is the file name's prefix ({@code BTCUSDT-trades-2024-03-01.csv}).
 */
final class BinanceTradesReader implements VenueReader {
    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9_]+)-(trades|aggTrades)-.*");
    static final long MICROS_ABOVE = 100_000_000_000_000L;

    private final VenueLines lines;
    private final String symbol;
    private final int timeColumn;
    private final int makerColumn;
    private final String[] names;
    /** 0 until the first row's time tells: 1 for milliseconds, 1000 for microseconds. */
    private long perMilli;

    BinanceTradesReader(Path file, boolean aggregated) throws IOException {
        this.symbol = symbolOf(file, aggregated);
        this.timeColumn = aggregated ? 5 : 4;
        this.makerColumn = aggregated ? 6 : 5;
        this.names = aggregated
                ? new String[] {"agg_trade_id", "price", "quantity", "first_trade_id", "last_trade_id", "transact_time",
                    "is_buyer_maker"}
                : new String[] {"id", "price", "qty", "quote_qty", "time", "is_buyer_maker"};
        this.lines = VenueLines.open(file);
    }

    static String symbolOf(Path file, boolean aggregated) throws VenueFileException {
        Matcher m = NAME.matcher(file.getFileName().toString());
        String kind = aggregated ? "aggTrades" : "trades";
        if (!m.matches() || !m.group(2).equals(kind)) {
            throw new VenueFileException(file + ": the symbol of a Binance " + kind + " file is read from its name, "
                    + "which must look like SYMBOL-" + kind + "-DATE.csv (or .zip), e.g. BTCUSDT-" + kind
                    + "-2024-03-01.zip: rename the file so");
        }
        return m.group(1);
    }

    @Override
    public VenueItem next() throws IOException {
        String line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.isBlank() || lines.number() == 1 && !startsWithDigit(line));
        CsvRow row = CsvRow.split(line, names);
        try {
            row.expect(makerColumn + 1);
            long time = row.integer(timeColumn);
            if (perMilli == 0) {
                perMilli = time > MICROS_ABOVE ? 1000 : 1;
            }
            Side aggressor = row.flag(makerColumn) ? Side.S : Side.B;
            MarketEvent trade = MarketEvent.trade(symbol, Math.floorDiv(time, perMilli), row.text(0), row.number(1),
                    row.number(2), aggressor);
            return VenueEvents.checked(trade, lines.where(), line);
        } catch (CsvRow.RowProblem p) {
            return VenueEvents.rejected(EventType.TRADE, lines.where(), p.getMessage(), line);
        }
    }

    private static boolean startsWithDigit(String line) {
        String s = line.startsWith("\uFEFF") ? line.substring(1) : line;
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
