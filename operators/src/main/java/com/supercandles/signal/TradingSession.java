package com.supercandles.signal;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily trading session in a time zone, written {@code 10:00-18:40 Europe/Moscow}: no entry outside
 * it, flat on the last bar that ends inside it. A session may not cross midnight.
 */
public final class TradingSession implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})\\s+(\\S+)");

    private final LocalTime open;
    private final LocalTime close;
    private final String zone;
    private transient ZoneId zoneId;

    private TradingSession(LocalTime open, LocalTime close, String zone) {
        this.open = open;
        this.close = close;
        this.zone = zone;
    }

    /** @throws IllegalArgumentException saying how to write it */
    public static TradingSession parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        String how = " (write HH:MM-HH:MM ZONE, e.g. 10:00-18:40 Europe/Moscow)";
        if (!m.matches()) {
            throw new IllegalArgumentException("session '" + text + "' is not valid" + how);
        }
        try {
            LocalTime open = LocalTime.parse(pad(m.group(1)));
            LocalTime close = LocalTime.parse(pad(m.group(2)));
            ZoneId.of(m.group(3));
            if (!close.isAfter(open)) {
                throw new IllegalArgumentException("session '" + text + "' closes before it opens" + how);
            }
            return new TradingSession(open, close, m.group(3));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("session '" + text + "' has a time that is not valid" + how);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("session '" + text + "': unknown time zone '" + m.group(3) + "'" + how);
        }
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }

    private ZoneId zone() {
        if (zoneId == null) {
            zoneId = ZoneId.of(zone);
        }
        return zoneId;
    }

    /** The session's close on the day of {@code t}, epoch ms; and its open. */
    private long[] bounds(long t) {
        LocalDate day = Instant.ofEpochMilli(t).atZone(zone()).toLocalDate();
        return new long[] {ZonedDateTime.of(day, open, zone()).toInstant().toEpochMilli(),
                ZonedDateTime.of(day, close, zone()).toInstant().toEpochMilli()};
    }

    /** Whether a bar {@code [start, end)} lies inside the session (it starts at or after the open and ends by the close). */
    public boolean contains(long start, long end) {
        long[] b = bounds(start);
        return start >= b[0] && end <= b[1];
    }

    /** Whether the bar is inside the session and the next bar of its length would end after the close. */
    public boolean isLastBar(long start, long end) {
        return contains(start, end) && end + (end - start) > bounds(start)[1];
    }

    @Override
    public String toString() {
        return open + "-" + close + " " + zone;
    }
}
