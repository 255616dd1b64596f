package com.supercandles.venue;

import com.supercandles.event.DeadLetter;
import com.supercandles.event.EventChecks;
import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.ParsedRecord;

/**
 * Turns what a reader built from a row into a record: the event when it meets the contract (the JSON
 * parser's own checks, {@link EventChecks}), otherwise a dead letter whose reason starts with the file
 * and line and whose payload is the row as written.
 */
final class VenueEvents {
    private static final long MAX_FUTURE_SKEW_MS = EventParser.DEFAULT_MAX_FUTURE_SKEW.toMillis();

    private VenueEvents() {}

    static VenueItem checked(MarketEvent e, String where, String row) {
        String problem = EventChecks.problem(e, MAX_FUTURE_SKEW_MS);
        if (problem != null) {
            return rejected(e.type, where, problem, row);
        }
        return VenueItem.of(ParsedRecord.valid(e));
    }

    static VenueItem rejected(EventType stream, String where, String reason, String row) {
        return VenueItem.of(deadLetter(stream, where, reason, row));
    }

    static ParsedRecord deadLetter(EventType stream, String where, String reason, String payload) {
        DeadLetter d = DeadLetter.invalid(stream.streamName(), where + ": " + reason, payload);
        return ParsedRecord.rejected(d);
    }
}
