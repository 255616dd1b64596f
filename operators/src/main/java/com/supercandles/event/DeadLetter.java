package com.supercandles.event;

/**
 * An input record the job did not turn into candles, with the reason: either it was rejected by
 * validation ({@link #INVALID}) or it arrived after its window had closed ({@link #LATE}).
 */
public class DeadLetter {
    public static final String INVALID = "invalid";
    public static final String LATE = "late";
    /** A trade whose {@code trade_id} repeats one of its symbol's recent trades: kept out of the candles. */
    public static final String DUPLICATE = "duplicate";

    /** The stream it came from: {@code trades}, {@code orders} or {@code book} (topic or file stem). */
    public String stream;
    /** {@link #INVALID}, {@link #LATE} or {@link #DUPLICATE}. */
    public String kind;
    public String reason;
    /** The raw payload as received (for late events: the event in canonical JSON). */
    public String payload;
    /** Processing time at which it was set aside, epoch ms. */
    public long rejectedAt;

    public DeadLetter() {}

    public DeadLetter(String stream, String kind, String reason, String payload, long rejectedAt) {
        this.stream = stream;
        this.kind = kind;
        this.reason = reason;
        this.payload = payload;
        this.rejectedAt = rejectedAt;
    }

    public static DeadLetter invalid(String stream, String reason, String payload) {
        return new DeadLetter(stream, INVALID, reason, payload, System.currentTimeMillis());
    }

    @Override
    public String toString() {
        return "DeadLetter{" + stream + ", " + kind + ", " + reason + ", " + payload + "}";
    }
}
