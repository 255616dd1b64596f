package com.supercandles.venue;

import com.supercandles.event.ParsedRecord;

/** What a venue file's reader hands on: a finished record (an event or a rejected row), or a book change. */
public final class VenueItem {
    /** An event or a dead letter, final as it is; null for a book change. */
    public final ParsedRecord record;
    /** One exchange message's level changes, to be rebuilt into a snapshot; null for a record. */
    public final BookChange change;

    private VenueItem(ParsedRecord record, BookChange change) {
        this.record = record;
        this.change = change;
    }

    public static VenueItem of(ParsedRecord record) {
        return new VenueItem(record, null);
    }

    public static VenueItem of(BookChange change) {
        return new VenueItem(null, change);
    }

    /** The time the merge orders by: the event's or the change's; a rejected row has none and goes at once. */
    public long ts() {
        if (change != null) {
            return change.ts;
        }
        return record.event != null ? record.event.ts : Long.MIN_VALUE;
    }
}
