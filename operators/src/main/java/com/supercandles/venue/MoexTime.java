package com.supercandles.venue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The layouts of the MOEX order log's {@code TIME}: Moscow local time as digits, with or without the
 * date, in seconds, milliseconds or microseconds ({@code HHMMSS}, {@code HHMMSSmmm}, {@code HHMMSSffffff},
 * {@code YYYYMMDDHHMMSS}, {@code YYYYMMDDHHMMSSmmm}, {@code YYYYMMDDHHMMSSffffff}). Without the date, a
 * morning hour may lose its leading zero ({@code 95959000} for 09:59:59.000), as a number written
 * without padding does. A file keeps one layout: the first row tells it.
 */
enum MoexTime {
    HHMMSS(false, 0, "HHMMSS"), HHMMSSMMM(false, 3, "HHMMSSmmm"), HHMMSSFFFFFF(false, 6, "HHMMSSffffff"),
    YYYYMMDDHHMMSS(true, 0, "YYYYMMDDHHMMSS"), YYYYMMDDHHMMSSMMM(true, 3, "YYYYMMDDHHMMSSmmm"),
    YYYYMMDDHHMMSSFFFFFF(true, 6, "YYYYMMDDHHMMSSffffff");

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    final boolean dated;
    private final int fractionDigits;
    private final String pattern;

    MoexTime(boolean dated, int fractionDigits, String pattern) {
        this.dated = dated;
        this.fractionDigits = fractionDigits;
        this.pattern = pattern;
    }

    int digits() {
        return (dated ? 14 : 6) + fractionDigits;
    }

    String pattern() {
        return pattern;
    }

    /** The layout {@code time} is written in, or null when it is none of them. */
    static MoexTime of(String time) {
        if (time.isEmpty() || !time.chars().allMatch(Character::isDigit)) {
            return null;
        }
        for (MoexTime layout : values()) {
            if (layout.fits(time)) {
                return layout;
            }
        }
        return null;
    }

    /** Whether {@code time} is written in this layout (a time of day may lack the hour's leading zero). */
    boolean fits(String time) {
        return time.length() == digits() || !dated && time.length() == digits() - 1;
    }

    /** Epoch milliseconds of {@code time} (in this layout) on {@code date} (ignored when the layout has one), Moscow time. */
    long epochMillis(String time, LocalDate date) throws CsvRow.RowProblem {
        String t = !dated && time.length() == digits() - 1 ? "0" + time : time;
        int at = 0;
        try {
            LocalDate day = date;
            if (dated) {
                day = LocalDate.of(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(4, 6)),
                        Integer.parseInt(t.substring(6, 8)));
                at = 8;
            }
            LocalDateTime local = day.atTime(Integer.parseInt(t.substring(at, at + 2)),
                    Integer.parseInt(t.substring(at + 2, at + 4)), Integer.parseInt(t.substring(at + 4, at + 6)));
            long fraction = fractionDigits == 0 ? 0 : Long.parseLong(t.substring(at + 6));
            long millis = fractionDigits == 6 ? fraction / 1000 : fraction;
            return local.atZone(MOSCOW).toInstant().toEpochMilli() + millis;
        } catch (DateTimeException e) {
            throw new CsvRow.RowProblem("'TIME' " + time + " is no valid time in the layout " + pattern() + ": " + e.getMessage());
        }
    }
}
