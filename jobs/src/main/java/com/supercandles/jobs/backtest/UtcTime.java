package com.supercandles.jobs.backtest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The report's times as a reader scans them: UTC, to the minute (to the second when a bar is shorter). */
final class UtcTime {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private UtcTime() {}

    static String instant(long epochMillis) {
        return (epochMillis % 60_000 == 0 ? MINUTES : SECONDS).format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code from} to {@code to} in one line: the date once when both fall on the same day. */
    static String range(long from, long to) {
        String a = instant(from);
        String b = instant(to);
        return a + " to " + (a.substring(0, 10).equals(b.substring(0, 10)) ? b.substring(11) : b) + " UTC";
    }

    /** A span in the two largest units that matter: "5 h 5 min", "6 days 16 h", "45 s". */
    static String duration(long millis) {
        long s = millis / 1000;
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes > 0 ? minutes + " min" + (s % 60 > 0 ? " " + s % 60 + " s" : "") : s + " s";
    }
}
