package com.supercandles.venue;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * A reader whose rows give any number of items (none for a row that only changes state, several for a
 * row that ends a message): {@link #read} queues them, {@link #atEnd} queues what the end of the file
 * completes.
 */
abstract class QueuedRowReader implements VenueReader {
    protected final VenueLines lines;
    protected final ArrayDeque<VenueItem> queue = new ArrayDeque<>();
    private boolean ended;

    QueuedRowReader(VenueLines lines) {
        this.lines = lines;
    }

    /** Queues the items of one non-blank line. */
    abstract void read(String line) throws IOException;

    /** Queues what is still open at the end of the file. */
    void atEnd() throws IOException {
    }

    @Override
    public VenueItem next() throws IOException {
        while (queue.isEmpty() && !ended) {
            String line = lines.next();
            if (line == null) {
                ended = true;
                atEnd();
            } else if (!line.isBlank()) {
                read(line);
            }
        }
        return queue.poll();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
