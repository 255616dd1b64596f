package com.supercandles.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lines of a user's file that could not be read (a candle file, an AlgoPack export), kept apart as a
 * replay keeps its dead letters: counted and reported with their file, line and reason while the run
 * goes on; with {@code --strict} the first one stops the run instead.
 */
public final class BadLines {
    /** How many bad lines a report names one by one; the rest are counted. */
    static final int LISTED = 10;

    /** Reads one line; throws {@link IllegalArgumentException} or {@link IOException} for a bad one. */
    public interface LineReader {
        void read(String text, long line) throws IOException;
    }

    private final boolean strict;
    /** What a stopped run's message adds: how to skip instead, where the user can. */
    private final String stopHint;
    private final List<String> listed = new ArrayList<>();
    private long count;
    private long linesRead;

    public BadLines(boolean strict) {
        this(strict, " (--strict stops at the first bad line; without it bad lines are skipped and reported)");
    }

    private BadLines(boolean strict, String stopHint) {
        this.strict = strict;
        this.stopHint = stopHint;
    }

    /** For a source whose lines must all be right (rows of a query): the first bad one stops the run. */
    public static BadLines failing() {
        return new BadLines(true, "");
    }

    /** Hands every non-blank line of {@code file} to {@code reader}, keeping the bad ones apart. */
    public void read(Path file, Progress progress, LineReader reader) throws IOException {
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text; (text = in.readLine()) != null; ) {
                n++;
                linesRead++;
                progress.update(linesRead);
                if (text.isBlank()) {
                    continue;
                }
                try {
                    reader.read(text, n);
                } catch (JsonProcessingException e) {
                    add(file, n, "not JSON: " + UserMessages.json(e));
                } catch (IllegalArgumentException | IOException e) {
                    add(file, n, UserMessages.of(e));
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            add(file, n + 1, "not UTF-8 text (the rest of the file is skipped)");
        }
    }

    /** A bad line: remembered, or with {@code --strict} the end of the run. */
    public void add(Path file, long line, String reason) throws IOException {
        String text = file + " line " + line + ": " + reason;
        if (strict) {
            throw new IOException(text + stopHint);
        }
        count++;
        if (listed.size() < LISTED) {
            listed.add(text);
        }
    }

    public long count() {
        return count;
    }

    /** Lines read so far, blank and bad ones included. */
    public long linesRead() {
        return linesRead;
    }

    /** The report for stderr: a count, the first {@value #LISTED} lines, how many more; empty without any. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        out.add(String.format(Locale.ROOT, "warning: %,d bad line%s skipped (--strict stops at the first):", count,
                count == 1 ? "" : "s"));
        for (String l : listed) {
            out.add("  " + l);
        }
        if (count > listed.size()) {
            out.add(String.format(Locale.ROOT, "  ... and %,d more", count - listed.size()));
        }
        return out;
    }
}
