package com.supercandles.jobs.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round UTC instants for the ticks of a time axis, finest step first: whole seconds, minutes and hours,
 * days of the month (the 1st, 6th, 11th... for a five-day step, as a calendar reads), first days of a
 * month, of a year. A tick's label is its time at the step's resolution; the date (or year) the label
 * leaves out is its context, printed under the first tick and wherever it changes.
 */
final class TimeTicks {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private static DateTimeFormatter utc(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(ZoneOffset.UTC);
    }

    private static final DateTimeFormatter TIME_S = utc("HH:mm:ss");
    private static final DateTimeFormatter TIME = utc("HH:mm");
    private static final DateTimeFormatter DATE = utc("yyyy-MM-dd");
    private static final DateTimeFormatter DAY_MONTH = utc("d MMM");
    private static final DateTimeFormatter MONTH = utc("MMM");
    private static final DateTimeFormatter YEAR = utc("yyyy");

    /** One tick spacing: a fixed length in ms, or every {@code days} days of a month, or every {@code months} months. */
    record Step(long millis, int days, int months, DateTimeFormatter label, DateTimeFormatter context) {
        String label(long t) {
            return label.format(Instant.ofEpochMilli(t));
        }

        String context(long t) {
            return context == null ? "" : context.format(Instant.ofEpochMilli(t));
        }

        /** The step's instants in {@code [from, to]}, or null when there would be more than {@code limit}. */
        List<Long> instants(long from, long to, int limit) {
            if (millis > 0 && (to - from) / millis > limit) {
                return null;
            }
            List<Long> times = new ArrayList<>();
            if (millis > 0) {
                for (long t = Math.floorDiv(from + millis - 1, millis) * millis; t <= to; t += millis) {
                    times.add(t);
                }
                return times;
            }
            if (days > 0) {
                LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(from + 86_400_000L - 1, 86_400_000L));
                for (; startOf(day) <= to && times.size() <= limit; day = day.plusDays(1)) {
                    int d = day.getDayOfMonth();
                    // the last tick of a month stays at least half a step before the 1st that follows it
                    if ((d - 1) % days == 0 && (d == 1 || day.lengthOfMonth() - d + 1 >= days / 2.0)) {
                        times.add(startOf(day));
                    }
                }
                return times.size() > limit ? null : times;
            }
            YearMonth month = YearMonth.from(Instant.ofEpochMilli(from).atZone(ZoneOffset.UTC));
            while (startOf(month.atDay(1)) < from || (month.getYear() * 12L + month.getMonthValue() - 1) % months != 0) {
                month = month.plusMonths(1);
            }
            for (; startOf(month.atDay(1)) <= to; month = month.plusMonths(months)) {
                if (times.size() == limit) {
                    return null;
                }
                times.add(startOf(month.atDay(1)));
            }
            return times;
        }

        private static long startOf(LocalDate day) {
            return day.toEpochDay() * 86_400_000L;
        }
    }

    static final List<Step> STEPS = steps();

    private static List<Step> steps() {
        List<Step> s = new ArrayList<>();
        for (int n : new int[] {1, 2, 5, 10, 15, 30}) {
            s.add(new Step(n * SECOND, 0, 0, TIME_S, DATE));
        }
        for (int n : new int[] {1, 2, 5, 10, 15, 30}) {
            s.add(new Step(n * MINUTE, 0, 0, TIME, DATE));
        }
        for (int n : new int[] {1, 2, 3, 6, 12}) {
            s.add(new Step(n * HOUR, 0, 0, TIME, DATE));
        }
        for (int n : new int[] {1, 2, 5, 10, 15}) {
            s.add(new Step(0, n, 0, DAY_MONTH, YEAR));
        }
        for (int n : new int[] {1, 2, 3, 6}) {
            s.add(new Step(0, 0, n, MONTH, YEAR));
        }
        for (int n : new int[] {1, 2, 5, 10, 20, 50, 100}) {
            s.add(new Step(0, 0, 12 * n, YEAR, null));
        }
        return s;
    }

    private TimeTicks() {}
}
