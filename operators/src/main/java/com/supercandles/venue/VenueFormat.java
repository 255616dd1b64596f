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
    TARDIS("tardis", "tardis.dev CSV: trades, incremental_book_L2, book_snapshot_25/5, quotes (.csv.gz)", true);

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

    /** Whether {@code --book-depth}, {@code --book-interval} and {@code --orders derived} apply. */
    public boolean rebuildsBooks() {
        return rebuildsBooks;
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
        if (n.startsWith(".") || !(n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".zip") || n.endsWith(".gz"))) {
            return false;
        }
        switch (this) {
            case BINANCE_TRADES: return fileName.contains("-trades-");
            case BINANCE_AGGTRADES: return fileName.contains("-aggTrades-");
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
        try {
            TardisReader.kindOf(file, VenueLines.firstLine(file));
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
            default:
                return EnumSet.of(EventType.TRADE);
        }
    }

    /** A reader of one file (checked: a file the format cannot read fails here, with what to do). */
    public VenueReader open(Path file) throws IOException {
        switch (this) {
            case BINANCE_TRADES: return new BinanceTradesReader(file, false);
            case BINANCE_AGGTRADES: return new BinanceTradesReader(file, true);
            default: return new TardisReader(file);
        }
    }

    /** Whether its books start empty (an order log, rebuilt from the start) rather than unknown until a snapshot. */
    boolean booksStartEmpty() {
        return false;
    }
}
