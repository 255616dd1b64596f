package com.supercandles.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a byte stream ({@code \n}, or {@code \r\n}, ends one), each kept up to a limit: a line
 * longer than that is read to its end and counted, but only its first {@code limit + 1} bytes are
 * held, so a file with a line of gigabytes costs no more memory than one of {@code limit} bytes.
 */
final class BoundedLines {
    private final InputStream in;
    private final int limit;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private int kept;
    private long length;
    /** The line's last byte so far (it may lie beyond the kept prefix). */
    private byte last;

    BoundedLines(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Reads the next line; false at the end of the stream (a last line without a newline counts). */
    boolean next() throws IOException {
        kept = 0;
        length = 0;
        last = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd) {
                chunkEnd = in.read(chunk, 0, chunk.length);
                chunkPos = 0;
                if (chunkEnd <= 0) {
                    chunkEnd = 0;
                    dropCarriageReturn();
                    return any;
                }
            }
            any = true;
            int start = chunkPos;
            int end = start;
            while (end < chunkEnd && chunk[end] != '\n') {
                end++;
            }
            append(start, end);
            chunkPos = end < chunkEnd ? end + 1 : end;
            if (end < chunkEnd) {
                dropCarriageReturn();
                return true;
            }
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (n > 0) {
            last = chunk[to - 1];
        }
        length += n;
        int room = limit + 1 - kept;
        int copy = Math.min(n, room);
        if (copy > 0) {
            if (kept + copy > line.length) {
                line = Arrays.copyOf(line, Math.min(limit + 1, Math.max(kept + copy, line.length * 2)));
            }
            System.arraycopy(chunk, from, line, kept, copy);
            kept += copy;
        }
    }

    /** A line ended by {@code \r\n} (or a last line ending in {@code \r}) is the line without it. */
    private void dropCarriageReturn() {
        if (length > 0 && last == '\r') {
            length--;
            kept = (int) Math.min(kept, length);
        }
    }

    /** The current line's bytes: valid from 0 to {@link #kept()}. */
    byte[] bytes() {
        return line;
    }

    /** How many of the current line's bytes are held: its length, or {@code limit + 1} for a longer one. */
    int kept() {
        return kept;
    }

    /** The current line's whole length in bytes. */
    long length() {
        return length;
    }

    /** Whether the current line holds only spaces and tabs (or nothing). */
    boolean isBlank() {
        if (length > kept) {
            return false;
        }
        for (int i = 0; i < kept; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != 0x0B && b != '\f') {
                return false;
            }
        }
        return true;
    }
}
