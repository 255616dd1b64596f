package com.supercandles.jobs.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How many lines a file holds, estimated from its size and three samples (start, middle, end) without
 * reading it whole: the total behind a progress line's percentage and time left. Exact for files no
 * larger than the samples.
 */
public final class LineEstimate {
    static final int SAMPLE_BYTES = 64 * 1024;

    private LineEstimate() {}

    public static long of(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) {
                return 0;
            }
            if (size <= 3L * SAMPLE_BYTES) {
                return newlines(in, 0, (int) size) + (endsWithNewline(in, size) ? 0 : 1);
            }
            long lines = 0;
            for (long at : new long[] {0, size / 2 - SAMPLE_BYTES / 2, size - SAMPLE_BYTES}) {
                lines += newlines(in, at, SAMPLE_BYTES);
            }
            return Math.max(1, Math.round((double) size * lines / (3.0 * SAMPLE_BYTES)));
        } catch (IOException e) {
            return 0; // unknown: the progress line shows counts without a percentage
        }
    }

    private static long newlines(FileChannel in, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining() && in.read(buf, at + buf.position()) > 0) {
            // a positional read may return fewer bytes than asked: go on until the sample is full
        }
        long n = 0;
        for (int i = 0; i < buf.position(); i++) {
            if (buf.get(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static boolean endsWithNewline(FileChannel in, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        in.read(last, size - 1);
        return last.get(0) == '\n';
    }
}
