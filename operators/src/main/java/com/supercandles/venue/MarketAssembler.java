package com.supercandles.venue;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.ParsedRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the time-ordered items of one input into records: events and dead letters pass as they are,
 * book changes are rebuilt into snapshots per symbol ({@link BookRebuilder}) and, with {@code --orders
 * derived}, into a derived order log ({@link DerivedOrders}) that the same symbol's trades explain.
 */
public final class MarketAssembler {
    private final VenueOptions options;
    /** Whether a book with no snapshot yet starts empty (an order log) or unknown (increments). */
    private final boolean startsEmpty;
    private final Map<String, BookRebuilder> books = new HashMap<>();
    private final Map<String, DerivedOrders> derived = new HashMap<>();
    private final List<ParsedRecord> out = new ArrayList<>();

    public MarketAssembler(VenueOptions options, boolean startsEmpty) {
        this.options = options;
        this.startsEmpty = startsEmpty;
    }

    /** The records {@code item} gives, in time order; the list is reused by the next call. */
    public List<ParsedRecord> accept(VenueItem item) {
        out.clear();
        if (item.change == null) {
            MarketEvent e = item.record.event;
            if (e != null && e.type == EventType.TRADE && options.derivedOrders) {
                DerivedOrders orders = derived.get(e.symbol);
                if (orders != null) {
                    orders.onTrade(e);
                }
            }
            out.add(item.record);
            return out;
        }
        book(item.change.symbol).apply(item.change, out);
        return out;
    }

    /** The snapshots still due at the end of the input. */
    public List<ParsedRecord> finish() {
        out.clear();
        books.values().forEach(b -> b.flush(out));
        out.sort((a, b) -> Long.compare(a.timestampOr(Long.MIN_VALUE), b.timestampOr(Long.MIN_VALUE)));
        return out;
    }

    private BookRebuilder book(String symbol) {
        BookRebuilder book = books.get(symbol);
        if (book == null) {
            book = new BookRebuilder(symbol, options.bookDepth, options.bookIntervalMs, startsEmpty);
            if (options.derivedOrders) {
                DerivedOrders orders = new DerivedOrders(symbol, out);
                derived.put(symbol, orders);
                book.listener(orders.levelListener());
            }
            books.put(symbol, book);
        }
        return book;
    }
}
