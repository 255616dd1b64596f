package com.supercandles.jobs.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One line of progress on stderr, updated in place, for work that takes minutes (a month of events):
 * how much is done, the rate, and the time left when the total is known or estimated.
 *
 * <p>Shown only when stderr is a terminal (the launcher sets {@code SUPERCANDLES_PROGRESS=1} then;
 * {@code SUPERCANDLES_PROGRESS=0} turns it off), so logs and pipes never collect carriage returns.
 * The line is erased when the work ends; the command's summary follows on stdout.
 */
public final class Progress implements AutoCloseable {
    private static final long MIN_INTERVAL_MS = 250;

    private final PrintStream err;
    private final boolean shown;
    private final String what;
    private final String unit;
    private final LongSupplier clockMs;
    private long firstMs = -1;
    private long firstDone;
    private long total;
    private long lastPrintMs = Long.MIN_VALUE;
    private boolean printed;

    Progress(PrintStream err, boolean shown, String what, String unit, long total, LongSupplier clockMs) {
        this.err = err;
        this.shown = shown;
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.clockMs = clockMs;
    }

    /**
     * Progress of {@code what} counted in {@code unit}s out of {@code total} (0: unknown), on the
     * process's stderr when it is a terminal.
     */
    public static Progress onStderr(String what, String unit, long total) {
        return new Progress(System.err, "1".equals(System.getenv("SUPERCANDLES_PROGRESS")), what, unit, total,
                System::currentTimeMillis);
    }

    /** "{@code text}..." on stderr while a step without a count runs (a wait, a training), erased at close. */
    public static Progress status(String text) {
        Progress p = onStderr(text, "", 0);
        p.update(0);
        return p;
    }

    /** A progress that shows nothing (tests, library callers). */
    public static Progress none() {
        return new Progress(System.err, false, "", "", 0, () -> 0L);
    }

    public boolean shown() {
        return shown;
    }

    /** A better estimate of the total, e.g. once a file's size has been turned into records. */
    public void total(long total) {
        this.total = total;
    }

    /** {@code done} units so far; printed at most four times a second. */
    public synchronized void update(long done) {
        if (!shown) {
            return;
        }
        long now = clockMs.getAsLong();
        if (printed && now - lastPrintMs < MIN_INTERVAL_MS) {
            return;
        }
        if (firstMs < 0 && done > 0) {
            // the rate counts from the first units: a job's start-up would make the first estimates far too long
            firstMs = now;
            firstDone = done;
        }
        lastPrintMs = now;
        printed = true;
        err.print("\r" + (firstMs < 0 ? what + "..."
                : text(what, unit, done, total, done - firstDone, now - firstMs)) + "\033[K");
        err.flush();
    }

    /** Erases the line, so that what follows starts on a clean one. */
    @Override
    public synchronized void close() {
        if (shown && printed) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    /**
     * The text of the line: "replay: 1,234 lines (12 %), 5,000 lines/s, about 0:42 left", the rate from
     * {@code recent} units in {@code elapsedMs}.
     */
    static String text(String what, String unit, long done, long total, long recent, long elapsedMs) {
        StringBuilder b = new StringBuilder(what).append(": ").append(String.format(Locale.ROOT, "%,d %s", done, unit));
        if (total > 0) {
            b.append(String.format(Locale.ROOT, " (%d %%)", Math.min(100, done * 100 / total)));
        }
        if (elapsedMs >= 1000 && recent > 0) {
            double rate = recent * 1000.0 / elapsedMs;
            b.append(String.format(Locale.ROOT, ", %,.0f %s/s", rate, unit));
            if (total > done) {
                b.append(", about ").append(clock((long) ((total - done) / rate))).append(" left");
            }
        }
        return b.toString();
    }

    /** Seconds as m:ss, or h:mm:ss from an hour on. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
