package com.supercandles.venue;

import com.supercandles.event.Side;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The level changes an order log's rows make, grouped per symbol into exchange messages ({@link
 * BookChange}s of size changes) for {@link BookRebuilder}: a message is ended by its reader (when the
 * time moves on, or the venue marks the last record of an event), so that an aggressive order's put and
 * the fills that take it out again are applied together and the book in between, crossed for an
 * instant, is never a snapshot.
 */
final class OrderLogMessages {
    private final Map<String, BookChange> open = new LinkedHashMap<>();

    /** A change of {@code delta} lots at one price, in the symbol's open message (opened at {@code ts}). */
    void change(String symbol, long ts, Side side, double price, double delta, String origin) {
        open.computeIfAbsent(symbol, s -> new BookChange(s, ts, false, false, origin)).add(side, price, delta);
    }

    /** The symbol's book is cleared: the open message ends, and a fresh book starts empty. */
    void reset(String symbol, long ts, String origin, Collection<VenueItem> out) {
        end(symbol, out);
        open.put(symbol, new BookChange(symbol, ts, false, true, origin));
    }

    /** The symbol's open message, if any, ends. */
    void end(String symbol, Collection<VenueItem> out) {
        BookChange change = open.remove(symbol);
        if (change != null) {
            out.add(VenueItem.of(change));
        }
    }

    /** Every open message ends, in the order they were opened. */
    void endAll(Collection<VenueItem> out) {
        for (BookChange change : open.values()) {
            out.add(VenueItem.of(change));
        }
        open.clear();
    }

    boolean isOpen(String symbol) {
        return open.containsKey(symbol);
    }

    /** Whether the symbol's open message is a fresh book; only when {@link #isOpen}. */
    boolean openIsSnapshot(String symbol) {
        return open.get(symbol).snapshot;
    }

    /** The time of the symbol's open message; only when {@link #isOpen}. */
    long openTs(String symbol) {
        return open.get(symbol).ts;
    }
}
