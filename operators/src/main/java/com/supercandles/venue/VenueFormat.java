package com.supercandles.venue;

import com.supercandles.event.EventType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** The venue formats {@code --format} names (besides {@code jsonl}, the project's own events). */
public enum VenueFormat {
    BINANCE_TRADES("binance-trades", "Binance public data trades (SYMBOL-trades-DATE.zip/.csv)", false),
    BINANCE_AGGTRADES("binance-aggtrades", "Binance public data aggTrades (SYMBOL-aggTrades-DATE.zip/.csv)", false),
    TARDIS("tardis", "tardis.dev CSV: trades, incremental_book_L2, book_snapshot_25/5, quotes (.csv.gz)", true),
    LOBSTER("lobster", "LOBSTER message and orderbook files (TICKER_DATE_START_END_message_N.csv beside its orderbook)", true),
    MOEX_ORDERLOG("moex-orderlog", "MOEX full order log (NO,SECCODE,BUYSELL,TIME,ORDERNO,ACTION,PRICE,VOLUME,TRADENO,TRADEPRICE)", true),
    DATABENTO_MBO("databento-mbo", "Databento MBO exported as CSV (ts_recv,ts_event,...,action,side,price,size,...,order_id,flags,...)", true);

    private final String wireName;
    private final String description;
    private final boolean rebuildsBooks;

    VenueFormat(String wireName, String description, boolean rebuildsBooks) {
        this.wireName = wireName;
        this.description = description;
        this.rebuildsBooks = rebuildsBooks;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    /** Whether {@code --book-depth} and {@code --book-interval} apply. */
    public boolean rebuildsBooks() {
        return rebuildsBooks;
    }

    /** Whether {@code --orders derived} applies: books from level increments, no order log of the venue's own. */
    public boolean derivesOrders() {
        return this == TARDIS;
    }

    public static VenueFormat named(String name) {
        for (VenueFormat f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** Whether a file of this name in an input directory is one of this format's (checksums and the like are not). */
    public boolean takes(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        boolean text = n.endsWith(".csv") || n.endsWith(".zip") || n.endsWith(".gz") || this == MOEX_ORDERLOG && n.endsWith(".txt");
        if (n.startsWith(".") || !text) {
            return false;
        }
        switch (this) {
            case BINANCE_TRADES: return fileName.contains("-trades-");
            case BINANCE_AGGTRADES: return fileName.contains("-aggTrades-");
            case LOBSTER: return fileName.contains("_message_"); // each opens its orderbook file itself
            default: return true;
        }
    }

    /** The format a file's name (and, for tardis, header) says, or null when it says none for sure. */
    public static VenueFormat detect(Path file) {
        String name = file.getFileName().toString();
        if (name.matches("^[A-Za-z0-9_]+-trades-.*")) {
            return BINANCE_TRADES;
        }
        if (name.matches("^[A-Za-z0-9_]+-aggTrades-.*")) {
            return BINANCE_AGGTRADES;
        }
        if (LobsterReader.NAME.matcher(name).matches()) {
            return LOBSTER;
        }
        String header;
        try {
            header = VenueLines.firstLine(file);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        if (header != null && MoexOrderLogReader.isHeader(header)) {
            return MOEX_ORDERLOG;
        }
        if (DatabentoMboReader.isHeader(header)) {
            return DATABENTO_MBO;
        }
        try {
            TardisReader.kindOf(file, header);
            return TARDIS;
        } catch (IOException | RuntimeException notTardis) {
            return null;
        }
    }

    /** The streams one file of this format gives, with these options. */
    public Set<EventType> streams(Path file, VenueOptions options) throws IOException {
        switch (this) {
            case TARDIS: {
                TardisReader.Kind kind = TardisReader.kindOf(file, VenueLines.firstLine(file));
                if (kind == TardisReader.Kind.INCREMENTAL && options.derivedOrders) {
                    return EnumSet.of(EventType.BOOK, EventType.ORDER);
                }
                return EnumSet.of(TardisReader.streamOf(kind));
            }
            case LOBSTER:
            case MOEX_ORDERLOG:
            case DATABENTO_MBO:
                return EnumSet.of(EventType.TRADE, EventType.ORDER, EventType.BOOK);
            default:
                return EnumSet.of(EventType.TRADE);
        }
    }

    /** The files a reader of {@code file} reads: the file, and for LOBSTER the message and orderbook pair. */
    public java.util.List<Path> filesRead(Path file) throws IOException {
        if (this == LOBSTER) {
            Path message = LobsterReader.messageFile(file);
            return java.util.List.of(message, LobsterReader.orderbookFile(message));
        }
        return java.util.List.of(file);
    }

    /** A reader of one file (checked: a file the format cannot read fails here, with what to do). */
    public VenueReader open(Path file) throws IOException {
        switch (this) {
            case BINANCE_TRADES: return new BinanceTradesReader(file, false);
            case BINANCE_AGGTRADES: return new BinanceTradesReader(file, true);
            case LOBSTER: return new LobsterReader(file);
            case MOEX_ORDERLOG: return new MoexOrderLogReader(file);
            case DATABENTO_MBO: return new DatabentoMboReader(file);
            default: return new TardisReader(file);
        }
    }

    /** Whether its books start empty (an order log, rebuilt from the start) rather than unknown until a snapshot. */
    boolean booksStartEmpty() {
        return this == MOEX_ORDERLOG || this == DATABENTO_MBO;
    }
}
