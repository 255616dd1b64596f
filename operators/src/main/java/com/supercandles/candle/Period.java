package com.supercandles.candle;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A candle period: a whole number of seconds from 1 s to 1 day, written {@code 30s}, {@code 1m},
 * {@code 5m}, {@code 1h}, {@code 1d}. Windows are aligned to the epoch, so a day runs from 00:00 UTC.
 * The label is normalised to the largest unit that divides the period ({@code 60s} is {@code 1m}).
 */
public final class Period implements Serializable, Comparable<Period> {
    private static final long serialVersionUID = 1L;

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})([smhd])");
    private static final Pattern SPELT_OUT = Pattern.compile("(\\d{1,6})\\s*([A-Za-z]+)");
    /** Each unit's letter, then how else people write it. */
    private static final String[][] UNIT_SPELLINGS = {
        {"s", "sec", "secs", "second", "seconds"},
        {"m", "min", "mins", "minute", "minutes"},
        {"h", "hr", "hrs", "hour", "hours"},
        {"d", "day", "days"},
    };
    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private final long millis;
    private final String label;

    private Period(long millis) {
        this.millis = millis;
        this.label = labelOf(millis);
    }

    public static Period parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("period '" + text
                    + "' is not valid: write a whole number and a unit s, m, h or d, e.g. 30s, 1m, 5m, 1h, 1d"
                    + didYouMean(t));
        }
        long n = Long.parseLong(m.group(1));
        long unit = unitMillis(m.group(2).charAt(0));
        return ofMillis(n * unit, text);
    }

    /**
     * Parses a comma-separated list such as {@code 1m,5m,1h}; sorted, duplicates removed.
     *
     * @throws IllegalArgumentException naming every item that is not a period, and an empty item (a
     *                                  stray comma) as such; several problems one per line, as a list
     */
    public static List<Period> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no period given: write one or more, e.g. 5m or 1m,5m,1h");
        }
        List<Period> periods = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                problems.add("the period list '" + text + "' has an empty item: write periods separated by single"
                        + " commas, e.g. 1m,5m,1h");
                continue;
            }
            try {
                Period p = parse(part.trim());
                if (!periods.contains(p)) {
                    periods.add(p);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n  - ", new LinkedHashSet<>(problems)));
        }
        periods.sort(null);
        return periods;
    }

    /** "; did you mean 5m?" for a unit spelt out or in capitals ({@code 5min}, {@code 1 hour}, {@code 1H}), else "". */
    private static String didYouMean(String text) {
        Matcher m = SPELT_OUT.matcher(text);
        if (!m.matches()) {
            return "";
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        for (String[] spellings : UNIT_SPELLINGS) {
            if (Arrays.asList(spellings).contains(unit)) {
                return "; did you mean " + m.group(1) + spellings[0] + "?";
            }
        }
        return "";
    }

    private static Period ofMillis(long millis, String shownAs) {
        if (millis < SECOND || millis > DAY || millis % SECOND != 0) {
            throw new IllegalArgumentException("period '" + shownAs
                    + "' is out of range: it must be a whole number of seconds from 1s to 1d");
        }
        return new Period(millis);
    }

    private static long unitMillis(char unit) {
        switch (unit) {
            case 's': return SECOND;
            case 'm': return MINUTE;
            case 'h': return HOUR;
            default: return DAY;
        }
    }

    private static String labelOf(long millis) {
        if (millis % DAY == 0) {
            return (millis / DAY) + "d";
        }
        if (millis % HOUR == 0) {
            return (millis / HOUR) + "h";
        }
        if (millis % MINUTE == 0) {
            return (millis / MINUTE) + "m";
        }
        return (millis / SECOND) + "s";
    }

    public long millis() {
        return millis;
    }

    /** Start of the window holding {@code ts}: the largest multiple of the period not above it. */
    public long windowStart(long ts) {
        return Math.floorDiv(ts, millis) * millis;
    }

    /** The last millisecond of the window starting at {@code windowStart}: it closes when the watermark reaches it. */
    public long lastMillisecond(long windowStart) {
        return windowStart + millis - 1;
    }

    @Override
    public int compareTo(Period o) {
        return Long.compare(millis, o.millis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Period && ((Period) o).millis == millis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(millis);
    }

    @Override
    public String toString() {
        return label;
    }
}
