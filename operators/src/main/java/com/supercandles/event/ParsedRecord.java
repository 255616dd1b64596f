package com.supercandles.event;

/**
 * What a source hands to the job for each raw record: either a valid {@link MarketEvent} or the
 * {@link DeadLetter} explaining why the record was rejected. Parsing happens inside the sources so
 * that watermarks can be generated per source split (per Kafka partition) from event time.
 */
public class ParsedRecord {
    public MarketEvent event;
    public DeadLetter rejection;

    public ParsedRecord() {}

    public static ParsedRecord valid(MarketEvent event) {
        ParsedRecord r = new ParsedRecord();
        r.event = event;
        return r;
    }

    public static ParsedRecord rejected(DeadLetter rejection) {
        ParsedRecord r = new ParsedRecord();
        r.rejection = rejection;
        return r;
    }

    public boolean isValid() {
        return event != null;
    }

    /** Event time for watermarking; rejected records carry none. */
    public long timestampOr(long fallback) {
        return event != null ? event.ts : fallback;
    }
}
