package com.supercandles.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /**
     * For the watchdogs, not written out: the record's symbol where one can be read from it (null
     * otherwise), and its stream's time, the newest {@code ts} its partition had shown before it
     * ({@link Long#MIN_VALUE} before the first valid event).
     */
    public String symbol;
    public long streamTime = Long.MIN_VALUE;

    public DeadLetter() {}

    public DeadLetter(String stream, String kind, String reason, String payload, long rejectedAt) {
        this.stream = stream;
        this.kind = kind;
        this.reason = reason;
        this.payload = payload;
        this.rejectedAt = rejectedAt;
    }

    public static DeadLetter invalid(String stream, String reason, String payload) {
        DeadLetter d = new DeadLetter(stream, INVALID, reason, payload, System.currentTimeMillis());
        d.symbol = symbolOf(payload);
        return d;
    }

    private static final Pattern SYMBOL =
            Pattern.compile("\"symbol\"\\s*:\\s*\"([^\"\\\\]{1,64})\"");

    /** The symbol of a rejected payload when it has a readable, valid one (rejections are rare: a regex is fine). */
    static String symbolOf(String payload) {
        if (payload == null) {
            return null;
        }
        Matcher m = SYMBOL.matcher(payload);
        return m.find() && RecordFields.validSymbol(m.group(1)) ? m.group(1) : null;
    }

    @Override
    public String toString() {
        return "DeadLetter{" + stream + ", " + kind + ", " + reason + ", " + payload + "}";
    }
}
