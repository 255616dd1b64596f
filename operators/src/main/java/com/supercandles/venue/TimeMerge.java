package com.supercandles.venue;

import com.supercandles.event.EventType;

import java.io.IOException;
import java.util.List;

/**
 * The items of several readers (the files of one input) merged by time: the next item is the earliest
 * head; a rejected row (no time) goes at once; at equal times a trade goes before a book change, so
 * that {@link DerivedOrders} has the trades that explain a level's fall, and otherwise the earlier
 * reader (the files in name order) goes first.
 */
public final class TimeMerge implements VenueReader {
    private final List<VenueReader> readers;
    private final VenueItem[] heads;
    private final boolean[] done;

    public TimeMerge(List<VenueReader> readers) {
        this.readers = readers;
        this.heads = new VenueItem[readers.size()];
        this.done = new boolean[readers.size()];
    }

    @Override
    public VenueItem next() throws IOException {
        int best = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] == null && !done[i]) {
                heads[i] = readers.get(i).next();
                if (heads[i] == null) {
                    done[i] = true;
                    readers.get(i).close();
                }
            }
            if (heads[i] != null && (best < 0 || before(heads[i], heads[best]))) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        VenueItem item = heads[best];
        heads[best] = null;
        return item;
    }

    private static boolean before(VenueItem a, VenueItem b) {
        if (a.ts() != b.ts()) {
            return a.ts() < b.ts();
        }
        return isTrade(a) && !isTrade(b);
    }

    private static boolean isTrade(VenueItem item) {
        return item.record != null && item.record.event != null && item.record.event.type == EventType.TRADE;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = 0; i < readers.size(); i++) {
            if (!done[i]) {
                try {
                    readers.get(i).close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
