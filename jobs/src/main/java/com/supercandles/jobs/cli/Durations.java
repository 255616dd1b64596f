package com.supercandles.jobs.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in options and configuration files: 0, 500ms, 5s, 1m, 1h, 1d. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /** @throws IllegalArgumentException naming {@code what} and the accepted forms */
    public static Duration parse(String text, String what) {
        String t = text == null ? "" : text.trim();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be a duration such as 0, 500ms, 5s, 1m, 1h, 1d; got '"
                    + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms": return Duration.ofMillis(n);
            case "s": return Duration.ofSeconds(n);
            case "m": return Duration.ofMinutes(n);
            case "h": return Duration.ofHours(n);
            default: return Duration.ofDays(n);
        }
    }
}
